package io.streamview.jdbc.pipeline;

import org.apache.calcite.sql.SqlSelect;

/**
 * A materialized view's query that reads one stream.
 *
 * @param select      the query, with preview column names rewritten to today's names
 * @param schemaName  the external schema
 * @param streamName  the stream, case-sensitive
 * @param qualifier   the name that qualifies the stream's columns in the query (its alias, or the stream name)
 * @param aggregation the query's GROUP BY, aggregates and HAVING; {@code null} for a projection-and-filter view
 */
public record StreamingQuery(SqlSelect select, String schemaName, String streamName, String qualifier,
                             Aggregation aggregation) {

  /** Whether the view aggregates (its rows are groups, merged incrementally). */
  public boolean aggregates() {
    return aggregation != null;
  }
}
