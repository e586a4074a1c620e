package io.streamview.engine.aggregate;

import java.util.List;

/**
 * What an aggregating view stores per group, as derived from its query each time it is refreshed.
 *
 * @param visibleColumns the view's (catalog) columns
 * @param keyColumns     the GROUP BY expressions (0 for an aggregate over the whole stream)
 * @param states         the partial aggregates, in order
 */
public record StateLayout(int visibleColumns, int keyColumns, List<StateKind> states) {

  public StateLayout {
    if (visibleColumns < 1 || keyColumns < 0) {
      throw new IllegalArgumentException("visible " + visibleColumns + ", keys " + keyColumns);
    }
    states = List.copyOf(states);
  }

  /** The states of a group that has seen no rows. */
  public Object[] emptyStates() {
    Object[] out = new Object[states.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = states.get(i).empty();
    }
    return out;
  }
}
