package io.streamview.jdbc.function;

import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Turns calls that Calcite's parser binds to an operator of another dialect into calls of the Redshift function of
 * the same name: {@code DATE_TRUNC('minute', ts)} (a character-string datepart first, as Redshift writes it) into
 * {@link DateTruncFunction}; BigQuery's {@code DATE_TRUNC(date, unit)} form is left alone. Applied by the validator
 * to every expression before validation; subqueries are rewritten when the validator reaches them.
 */
public final class RedshiftCallRewriter extends SqlShuttle {

  private static final RedshiftCallRewriter INSTANCE = new RedshiftCallRewriter();

  private RedshiftCallRewriter() {
  }

  /** {@code node} with Redshift's calls bound to StreamView's functions; {@code node} itself when none needs it. */
  public static SqlNode rewrite(SqlNode node) {
    return node == null ? null : node.accept(INSTANCE);
  }

  @Override public SqlNode visit(SqlCall call) {
    if (call instanceof SqlSelect || call.getKind().belongsTo(SqlKind.QUERY)) {
      return call;
    }
    SqlNode visited = super.visit(call);
    if (visited instanceof SqlCall c && c.getOperator() == SqlLibraryOperators.DATE_TRUNC && c.operandCount() == 2
        && c.operand(0) instanceof SqlCharStringLiteral) {
      SqlUnresolvedFunction dateTrunc = new SqlUnresolvedFunction(
          new SqlIdentifier(DateTruncFunction.NAME, SqlParserPos.ZERO), null, null, null, null,
          SqlFunctionCategory.USER_DEFINED_FUNCTION);
      return new SqlBasicCall(dateTrunc, c.getOperandList(), c.getParserPosition());
    }
    return visited;
  }
}
