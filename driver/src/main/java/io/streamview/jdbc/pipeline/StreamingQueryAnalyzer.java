package io.streamview.jdbc.pipeline;

import io.streamview.catalog.CatalogSnapshot;
import io.streamview.jdbc.error.ErrorCode;
import io.streamview.jdbc.error.StreamViewException;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlBasicVisitor;

import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a materialized view's query is a streaming view that StreamView maintains incrementally: one
 * stream of an external schema in FROM, projections and filters. Anything else is refused with SQLState 0A000 and a
 * message naming the construct.
 */
public final class StreamingQueryAnalyzer {

  private static final Set<String> AGGREGATES = Set.of("count", "sum", "min", "max", "avg", "median",
      "listagg", "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop", "percentile_cont",
      "percentile_disc", "approximate", "bool_and", "bool_or", "any_value", "array_agg", "string_agg");

  private StreamingQueryAnalyzer() {
  }

  /** Analyzes {@code query} (which this call rewrites in place) for view {@code viewName}. */
  public static StreamingQuery analyze(String viewName, SqlNode query, CatalogSnapshot catalog) {
    if (query.getKind() == SqlKind.ORDER_BY) {
      throw unsupported(viewName, "ORDER BY, LIMIT and OFFSET are not allowed in a materialized view's query; "
          + "order when you query the view");
    }
    if (query.getKind() == SqlKind.UNION || query.getKind() == SqlKind.INTERSECT
        || query.getKind() == SqlKind.EXCEPT) {
      throw unsupported(viewName, "set operations (" + query.getKind() + ") cannot be maintained incrementally");
    }
    if (query.getKind() == SqlKind.WITH) {
      throw unsupported(viewName, "WITH (common table expressions) is not supported in a streaming view");
    }
    if (!(query instanceof SqlSelect select)) {
      throw unsupported(viewName, "the query must be a SELECT, not " + query.getKind());
    }
    SqlNode from = select.getFrom();
    if (from == null) {
      throw unsupported(viewName, "the query reads no stream; use FROM schema.stream");
    }
    if (from.getKind() == SqlKind.JOIN) {
      throw unsupported(viewName, "joins cannot be maintained incrementally on a stream; a streaming view reads one "
          + "stream; join its materialized view with tables in a view instead");
    }
    String alias = null;
    SqlNode table = from;
    if (from.getKind() == SqlKind.AS) {
      SqlCall as = (SqlCall) from;
      table = as.operand(0);
      alias = ((SqlIdentifier) as.operand(1)).getSimple();
    }
    if (!(table instanceof SqlIdentifier id)) {
      throw unsupported(viewName, "subqueries in FROM are not supported in a streaming view; read the stream "
          + "directly: FROM schema.stream");
    }
    if (id.names.size() != 2 || !catalog.externalSchemas().containsKey(id.names.get(0))) {
      throw unsupported(viewName, "materialized views over tables and views (" + id
          + ") are not supported yet; a materialized view reads one stream of an external schema "
          + "(CREATE EXTERNAL SCHEMA s FROM KINESIS IAM_ROLE default; … FROM s.stream_name)");
    }
    if (select.getGroup() != null || select.getHaving() != null) {
      throw unsupported(viewName, "GROUP BY and HAVING are not supported yet in a streaming view");
    }
    if (select.isDistinct()) {
      throw unsupported(viewName, "SELECT DISTINCT cannot be maintained incrementally on a stream");
    }
    refuseInside(viewName, select.getSelectList());
    if (select.getWhere() != null) {
      refuseInside(viewName, select.getWhere());
    }
    PreviewColumnRewriter.rewrite(select);
    return new StreamingQuery(select, id.names.get(0), id.names.get(1), alias != null ? alias : id.names.get(1));
  }

  private static void refuseInside(String viewName, SqlNode node) {
    node.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlCall call) {
        if (call instanceof SqlSelect || call.getKind() == SqlKind.UNION) {
          throw unsupported(viewName, "subqueries are not supported in a streaming view");
        }
        if (call.getKind() == SqlKind.OVER) {
          throw unsupported(viewName, "window functions (OVER) cannot be maintained incrementally on a stream");
        }
        String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
        if (call.getOperator().isAggregator() || AGGREGATES.contains(name)) {
          throw unsupported(viewName, "aggregate function " + name.toUpperCase(Locale.ROOT)
              + " is not supported yet in a streaming view (projection and filter views only)");
        }
        if (Set.of("getdate", "random", "sysdate", "current_timestamp", "now", "timeofday").contains(name)
            || call.getKind() == SqlKind.OTHER_FUNCTION && name.equals("current_timestamp")) {
          throw unsupported(viewName, "mutable function " + name.toUpperCase(Locale.ROOT)
              + "() would give a different result on every refresh; use refresh_time or "
              + "approximate_arrival_timestamp");
        }
        return super.visit(call);
      }

      @Override public Void visit(SqlNodeList list) {
        for (SqlNode n : list) {
          if (n != null) {
            n.accept(this);
          }
        }
        return null;
      }
    });
  }

  static StreamViewException unsupported(String viewName, String what) {
    return new StreamViewException(ErrorCode.FEATURE_NOT_SUPPORTED, "materialized view " + viewName + ": " + what);
  }

  static StreamViewException unsupportedName(String objectName, String column) {
    return new StreamViewException(ErrorCode.VALIDATION_ERROR, objectName + ": column name \"" + column
        + "\" is given more than once; name every expression with AS name");
  }
}
