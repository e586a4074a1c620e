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
   * The columns of the view {@code query} defines, and its compiled pipeline, which is handed over (to be kept for the
   * view's refreshes, or closed) rather than compiled again at the first REFRESH. An aggregating view's pipeline is
   * compiled here also so that a query it cannot maintain is refused at CREATE rather than at the first REFRESH.
   */
  public static Described describe(Database db, String viewName, StreamingQuery query) throws SQLException {
    if (!query.aggregates()) {
      CalciteViewPipeline pipeline = CalciteViewPipeline.openDescribing(db, viewName, query);
      return new Described(pipeline.columns(), pipeline);
    }
    List<ColumnDef> columns;
    try (Connection c = StreamViewDriver.openInternal(db);
         PreparedStatement ps = c.prepareStatement(AggregationSql.describe(query))) {
      ResultSetMetaData md = ps.getMetaData();
      columns = ResultColumns.of(viewName, md, md.getColumnCount());
    }
    return new Described(columns, AggregatingViewPipeline.open(db, query, columns));
  }

  /**
   * What {@link #describe} found.
   *
   * @param columns  the view's columns
   * @param pipeline the view's compiled pipeline, which the caller closes or hands over
   */
  public record Described(List<ColumnDef> columns, ViewPipeline pipeline) {
  }
}
