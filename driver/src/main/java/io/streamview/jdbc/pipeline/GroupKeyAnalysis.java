package io.streamview.jdbc.pipeline;

import io.streamview.catalog.CatalogSnapshot;
import io.streamview.catalog.MaterializedViewDef;
import io.streamview.jdbc.ddl.SqlParsing;

/**
 * Tells the engine's view tables which columns of an aggregating streaming view show its GROUP BY keys unchanged
 * (see {@code io.streamview.engine.table.GroupKeyColumns}), from the view's stored query as the refresh analyses it.
 */
public final class GroupKeyAnalysis {

  private GroupKeyAnalysis() {
  }

  /** Per GROUP BY expression the view column showing it, or {@code null} when the view is not an aggregation. */
  public static int[] keyColumns(MaterializedViewDef view, CatalogSnapshot catalog) {
    try {
      StreamingQuery query = StreamingQueryAnalyzer.analyze(view.name(), SqlParsing.parse(view.sql()), catalog);
      return query.aggregates() ? query.aggregation().keyItems() : null;
    } catch (Exception | AssertionError e) {
      return null; // a query the refresh cannot analyse either: scans answer
    }
  }
}
