package io.streamview.jdbc.superpath;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Calls of the {@code sv_} functions, built as the parser builds any function call (unresolved, by name), so that
 * the validator resolves them in the connection's schema like {@code json_parse}.
 */
final class SuperCalls {

  private SuperCalls() {
  }

  static SqlCall call(String name, SqlParserPos pos, SqlNode... operands) {
    SqlUnresolvedFunction f = new SqlUnresolvedFunction(new SqlIdentifier(name, SqlParserPos.ZERO), null, null,
        null, null, SqlFunctionCategory.USER_DEFINED_FUNCTION);
    return f.createCall(pos, operands);
  }

  /** Whether {@code node} calls the function {@code name} (resolved or not). */
  static boolean isCall(SqlNode node, String name) {
    return node instanceof SqlCall c && c.getOperator().getName().equalsIgnoreCase(name);
  }
}
