package io.streamview.engine.aggregate;

import java.util.List;

/**
 * Computes what a view shows for groups from their states: the select list (AVG as SUM / COUNT, expressions over
 * aggregates) and whether HAVING holds. Supplied by the layer that compiles the view's query.
 */
@FunctionalInterface
public interface GroupFinalizer {

  /** One result per group, in the order given. */
  List<FinalRow> finalRows(StateLayout layout, List<GroupState> groups);

  /**
   * @param values       the view's columns for the group, in storage representation
   * @param passesHaving whether the group is shown (true when the query has no HAVING)
   */
  record FinalRow(Object[] values, boolean passesHaving) {
  }
}
