package io.streamview.jdbc.pipeline;

import io.streamview.catalog.CatalogSnapshot;
import io.streamview.jdbc.error.ErrorCode;
import io.streamview.jdbc.error.StreamViewException;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.util.SqlBasicVisitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a materialized view's query is a streaming view that StreamView maintains incrementally: one
 * stream of an external schema in FROM, projections and filters, optionally GROUP BY with COUNT, SUM, MIN, MAX, AVG
 * and HAVING. Anything else is refused with SQLState 0A000 and a message naming the construct.
 */
public final class StreamingQueryAnalyzer {

  /** Aggregate functions that cannot be maintained incrementally (names as parsed, lower case). */
  private static final Set<String> OTHER_AGGREGATES = Set.of("median", "listagg", "stddev", "stddev_samp",
      "stddev_pop", "variance", "var_samp", "var_pop", "percentile_cont", "percentile_disc", "approximate",
      "approx_count_distinct", "approximate_percentile_disc", "bool_and", "bool_or", "bit_and", "bit_or", "bit_xor",
      "any_value", "array_agg", "string_agg", "collect", "fusion", "intersection", "mode",
      "first_value", "last_value", "covar_pop", "covar_samp", "corr", "regr_count");

  /** Functions whose result changes between refreshes (Redshift's mutable functions). */
  private static final Set<String> MUTABLE = Set.of("getdate", "sysdate", "random", "now", "timeofday",
      "current_timestamp", "current_date", "current_time", "localtime", "localtimestamp", "clock_timestamp",
      "statement_timestamp", "transaction_timestamp");

  /** Mutable functions written without parentheses, which the parser reads as identifiers. */
  private static final Set<String> NILADIC_MUTABLE = Set.of("sysdate", "current_timestamp", "current_date",
      "current_time", "localtime", "localtimestamp");

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
      throw join(viewName, (SqlJoin) from, catalog);
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
    if (!isStream(id, catalog)) {
      throw unsupported(viewName, "a streaming view reads one stream of an external schema in FROM, and " + id
          + " is not one (the stream appears elsewhere in the query); create a streaming view over the stream, "
          + "then a materialized view over that view and " + id);
    }
    if (select.isDistinct()) {
      throw unsupported(viewName, "SELECT DISTINCT cannot be maintained incrementally on a stream; use GROUP BY");
    }
    refuseInside(viewName, select.getSelectList(), "the select list", true);
    if (select.getWhere() != null) {
      refuseInside(viewName, select.getWhere(), "WHERE", false);
    }
    if (select.getGroup() != null) {
      refuseInside(viewName, select.getGroup(), "GROUP BY", false);
    }
    if (select.getHaving() != null) {
      refuseInside(viewName, select.getHaving(), "HAVING", true);
    }
    PreviewColumnRewriter.rewrite(select);
    String schema = id.names.get(0);
    String stream = id.names.get(1);
    String qualifier = alias != null ? alias : stream;
    boolean aggregating = select.getGroup() != null || select.getHaving() != null
        || Aggregation.containsAggregate(select.getSelectList());
    return new StreamingQuery(select, schema, stream, qualifier,
        aggregating ? Aggregation.of(viewName, select, schema, stream, qualifier) : null);
  }

  private static boolean isStream(SqlIdentifier id, CatalogSnapshot catalog) {
    return id.names.size() == 2 && catalog.externalSchemas().containsKey(id.names.get(0));
  }

  /** The refusal of a join: naming the second stream when the join reads two. */
  private static StreamViewException join(String viewName, SqlJoin join, CatalogSnapshot catalog) {
    List<SqlIdentifier> streams = new ArrayList<>();
    collectStreams(join, catalog, streams);
    if (streams.size() > 1) {
      return unsupported(viewName, "the query reads a second stream (" + streams.get(1) + " besides "
          + streams.get(0) + "); a streaming view reads exactly one stream: create one materialized view per "
          + "stream and join those in a view");
    }
    return unsupported(viewName, "joins cannot be maintained incrementally on a stream; a streaming view reads one "
        + "stream; join its materialized view with tables in a view instead");
  }

  private static void collectStreams(SqlNode node, CatalogSnapshot catalog, List<SqlIdentifier> out) {
    if (node instanceof SqlJoin j) {
      collectStreams(j.getLeft(), catalog, out);
      collectStreams(j.getRight(), catalog, out);
    } else if (node.getKind() == SqlKind.AS) {
      collectStreams(((SqlCall) node).operand(0), catalog, out);
    } else if (node instanceof SqlIdentifier id && isStream(id, catalog)) {
      out.add(id);
    }
  }

  private static void refuseInside(String viewName, SqlNode node, String clause, boolean aggregatesAllowed) {
    node.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlCall call) {
        if (call.getKind() == SqlKind.AS) {
          return call.operand(0).accept(this);
        }
        if (call instanceof SqlSelect || call.getKind().belongsTo(SqlKind.QUERY) || call.getKind() == SqlKind.WITH) {
          throw unsupported(viewName, "subqueries (in " + clause + ") are not supported in a streaming view; "
              + "only the stream may appear, in FROM");
        }
        if (call.getKind() == SqlKind.OVER) {
          throw unsupported(viewName, "window functions (OVER) cannot be maintained incrementally on a stream");
        }
        if (call.getKind() == SqlKind.FILTER) {
          throw unsupported(viewName, "aggregate FILTER (WHERE …) is not supported in a streaming view; "
              + "aggregate a CASE instead, e.g. SUM(CASE WHEN condition THEN x END)");
        }
        String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
        if (MUTABLE.contains(name)) {
          throw mutable(viewName, name);
        }
        if (Aggregation.isAggregate(call)) {
          if (!aggregatesAllowed) {
            throw unsupported(viewName, "aggregate function " + name.toUpperCase(Locale.ROOT) + " is not allowed in "
                + clause + (clause.equals("WHERE") ? "; filter groups with HAVING" : ""));
          }
          if (call.getFunctionQuantifier() != null
              && call.getFunctionQuantifier().getValue() == SqlSelectKeyword.DISTINCT) {
            throw unsupported(viewName, "DISTINCT aggregates (" + name.toUpperCase(Locale.ROOT) + "(DISTINCT …)) "
                + "cannot be maintained incrementally on a stream");
          }
        } else if (call.getOperator().isAggregator() || OTHER_AGGREGATES.contains(name)
            || call.getKind() == SqlKind.WITHIN_GROUP) {
          String shown = call.getKind() == SqlKind.WITHIN_GROUP
              ? ((SqlCall) call.operand(0)).getOperator().getName()
              : name.equals("approx_count_distinct") ? "APPROXIMATE COUNT(DISTINCT …)" : name;
          throw unsupported(viewName, "aggregate function " + shown.toUpperCase(Locale.ROOT) + " cannot be "
              + "maintained incrementally on a stream; a streaming view may use COUNT, SUM, MIN, MAX and AVG");
        }
        return super.visit(call);
      }

      @Override public Void visit(SqlIdentifier id) {
        String last = id.names.get(id.names.size() - 1).toLowerCase(Locale.ROOT);
        if (id.isSimple() && NILADIC_MUTABLE.contains(last)) {
          throw mutable(viewName, last);
        }
        return null;
      }

      @Override public Void visit(SqlLiteral literal) {
        return null;
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

  private static StreamViewException mutable(String viewName, String name) {
    return unsupported(viewName, "mutable function " + name.toUpperCase(Locale.ROOT)
        + "() would give a different result on every refresh; use refresh_time or approximate_arrival_timestamp");
  }

  static StreamViewException unsupported(String viewName, String what) {
    return new StreamViewException(ErrorCode.FEATURE_NOT_SUPPORTED, "materialized view " + viewName + ": " + what);
  }

  static StreamViewException unsupportedName(String objectName, String column) {
    return new StreamViewException(ErrorCode.VALIDATION_ERROR, objectName + ": column name \"" + column
        + "\" is given more than once; name every expression with AS name");
  }
}
