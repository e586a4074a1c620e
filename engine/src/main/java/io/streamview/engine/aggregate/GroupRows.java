package io.streamview.engine.aggregate;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored row of one group, longer than the view's visible columns so that a scan can tell it from a plain
 * view row:
 * <pre>
 * visible values (v)  | passes HAVING (Boolean) | k (Integer) | key (k) | s (Integer) | states (s)
 *                     | n (Integer) | n pairs (shard id, sequence number applied up to)
 * </pre>
 * The visible values and the HAVING flag are computed from the states whenever the group changes, so reading the
 * view never evaluates SQL; the states and marks are what the next refresh merges into.
 */
public final class GroupRows {

  private GroupRows() {
  }

  /** The stored row of {@code group}. */
  static Object[] encode(StateLayout layout, Object[] visible, boolean passesHaving, GroupState group) {
    if (visible.length != layout.visibleColumns()) {
      throw new IllegalArgumentException("a group's visible row has " + visible.length + " values; the view has "
          + layout.visibleColumns() + " columns");
    }
    Object[] key = group.key();
    Object[] states = group.states();
    Map<String, String> applied = group.applied();
    Object[] row = new Object[visible.length + 4 + key.length + states.length + 2 * applied.size()];
    int i = 0;
    for (Object v : visible) {
      row[i++] = v;
    }
    row[i++] = passesHaving;
    row[i++] = key.length;
    for (Object v : key) {
      row[i++] = v;
    }
    row[i++] = states.length;
    for (Object v : states) {
      row[i++] = v;
    }
    row[i++] = applied.size();
    for (Map.Entry<String, String> e : applied.entrySet()) {
      row[i++] = e.getKey();
      row[i++] = e.getValue();
    }
    return row;
  }

  /** The group stored in {@code row}. */
  static GroupState decode(StateLayout layout, Object[] row) {
    int i = layout.visibleColumns() + 1;
    int keys = count(row, i++, "key");
    if (keys != layout.keyColumns()) {
      throw damaged(row, "a stored group has " + keys + " key values; the view's query groups by "
          + layout.keyColumns() + " expressions");
    }
    Object[] key = Arrays.copyOfRange(row, i, i + keys);
    i += keys;
    int stateCount = count(row, i++, "state");
    if (stateCount != layout.states().size()) {
      throw damaged(row, "a stored group has " + stateCount + " aggregate states; the view's query needs "
          + layout.states().size());
    }
    Object[] states = Arrays.copyOfRange(row, i, i + stateCount);
    i += stateCount;
    int shards = count(row, i++, "shard");
    if (row.length != i + 2 * shards) {
      throw damaged(row, "a stored group row has " + row.length + " values, expected " + (i + 2 * shards));
    }
    Map<String, String> applied = new LinkedHashMap<>();
    for (int s = 0; s < shards; s++) {
      applied.put((String) row[i + 2 * s], (String) row[i + 2 * s + 1]);
    }
    return new GroupState(key, states, applied);
  }

  /**
   * The values a scan of the view shows for a stored row: a plain view row as it is; for a group, its visible
   * values, or {@code null} when the group does not pass HAVING.
   */
  public static Object[] visible(Object[] row, int visibleColumns) {
    if (row.length <= visibleColumns) {
      return row;
    }
    return Boolean.TRUE.equals(row[visibleColumns]) ? Arrays.copyOf(row, visibleColumns) : null;
  }

  private static int count(Object[] row, int at, String what) {
    if (at >= row.length || !(row[at] instanceof Integer n) || n < 0 || at + 1 + n > row.length) {
      throw damaged(row, "a stored group row has no valid " + what + " count at position " + at);
    }
    return n;
  }

  private static IllegalStateException damaged(Object[] row, String what) {
    return new IllegalStateException(what + " (" + row.length + " values); the view's storage does not match its "
        + "query");
  }
}
