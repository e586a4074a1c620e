package io.streamview.jdbc.pipeline;

import io.streamview.catalog.ColumnDef;
import io.streamview.engine.database.Database;
import io.streamview.engine.refresh.ViewPipeline;
import io.streamview.jdbc.StreamViewDriver;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

/** Chooses a streaming view's pipeline: projection and filter ({@link CalciteViewPipeline}) or aggregation. */
public final class ViewPipelines {

  private ViewPipelines() {
  }

  /** Compiles the refresh pipeline of {@code query}; {@code columns} are the view's columns. */
  public static ViewPipeline open(Database db, StreamingQuery query, List<ColumnDef> columns) throws SQLException {
    return query.aggregates() ? AggregatingViewPipeline.open(db, query, columns)
        : CalciteViewPipeline.open(db, query, columns);
  }

  /**
   * The columns of the view {@code query} defines. An aggregating view's pipeline is compiled once too, so that a
   * query it cannot maintain is refused at CREATE rather than at the first REFRESH.
   */
  public static List<ColumnDef> describe(Database db, String viewName, StreamingQuery query) throws SQLException {
    if (!query.aggregates()) {
      return CalciteViewPipeline.describe(db, viewName, query);
    }
    List<ColumnDef> columns;
    try (Connection c = StreamViewDriver.openInternal(db);
         PreparedStatement ps = c.prepareStatement(AggregationSql.describe(query))) {
      ResultSetMetaData md = ps.getMetaData();
      columns = ResultColumns.of(viewName, md, md.getColumnCount());
    }
    AggregatingViewPipeline.open(db, query, columns).close();
    return columns;
  }
}
