package io.streamview.jdbc.pipeline;

import io.streamview.engine.table.StreamColumns;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites the preview-era Kinesis column names ({@code ApproximateArrivalTimestamp}, {@code PartitionKey},
 * {@code ShardId}, {@code SequenceNumber}, {@code Data}) to today's names in a streaming view's SELECT list, WHERE,
 * GROUP BY and HAVING. A bare preview column in the SELECT list keeps its preview name as the output column's name
 * ({@code Data} becomes {@code kinesis_data AS data}), as in Redshift. Aliases and FROM are left alone.
 */
final class PreviewColumnRewriter extends SqlShuttle {

  private PreviewColumnRewriter() {
  }

  static void rewrite(SqlSelect select) {
    PreviewColumnRewriter r = new PreviewColumnRewriter();
    List<SqlNode> items = new ArrayList<>();
    for (SqlNode item : select.getSelectList()) {
      if (item instanceof SqlIdentifier id && !id.isStar() && renamed(id) != null) {
        items.add(SqlStdOperatorTable.AS.createCall(SqlParserPos.ZERO, renamed(id),
            new SqlIdentifier(id.names.get(id.names.size() - 1), SqlParserPos.ZERO)));
      } else if (item.getKind() == SqlKind.AS) {
        SqlCall as = (SqlCall) item;
        items.add(SqlStdOperatorTable.AS.createCall(as.getParserPosition(), as.operand(0).accept(r),
            as.operand(1)));
      } else {
        items.add(item.accept(r));
      }
    }
    select.setSelectList(new SqlNodeList(items, select.getSelectList().getParserPosition()));
    if (select.getWhere() != null) {
      select.setWhere(select.getWhere().accept(r));
    }
    if (select.getGroup() != null) {
      select.setGroupBy((SqlNodeList) select.getGroup().accept(r));
    }
    if (select.getHaving() != null) {
      select.setHaving(select.getHaving().accept(r));
    }
  }

  /** In a member access ({@code expr.data}) only the expression is rewritten, never the attribute name. */
  @Override public SqlNode visit(SqlCall call) {
    if (call.getKind() == SqlKind.DOT) {
      return call.getOperator().createCall(call.getParserPosition(), call.operand(0).accept(this), call.operand(1));
    }
    return super.visit(call);
  }

  @Override public SqlNode visit(SqlIdentifier id) {
    SqlIdentifier r = renamed(id);
    return r == null ? id : r;
  }

  /** The identifier with its last part renamed from a preview name, or null if it names no preview column. */
  private static SqlIdentifier renamed(SqlIdentifier id) {
    if (id.isStar()) {
      return null;
    }
    String last = id.names.get(id.names.size() - 1);
    String canonical = StreamColumns.PREVIEW_NAMES.get(last.toLowerCase(java.util.Locale.ROOT));
    if (canonical == null || (!last.equals(last.toLowerCase(java.util.Locale.ROOT)) && !isPreviewSpelling(last))) {
      return null;
    }
    List<String> names = new ArrayList<>(id.names);
    names.set(names.size() - 1, canonical);
    return new SqlIdentifier(names, id.getParserPosition());
  }

  /** A quoted preview name in its documented spelling ("ApproximateArrivalTimestamp") also counts. */
  private static boolean isPreviewSpelling(String name) {
    return List.of("ApproximateArrivalTimestamp", "PartitionKey", "ShardId", "SequenceNumber", "Data").contains(name);
  }
}
