package io.streamview.jdbc.superpath;

import io.streamview.jdbc.function.SuperFunctionNames;
import io.streamview.jdbc.function.SuperPath;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code sv_navigate(base, '["items",0,"sku"]', case_sensitive)}: the call a navigation path becomes. Further steps
 * applied to a navigation extend its path instead of nesting calls, so the JSON text is read once per path.
 */
final class NavigationCall {

  private NavigationCall() {
  }

  static boolean is(SqlNode node) {
    return SuperCalls.isCall(node, SuperFunctionNames.NAVIGATE) && ((SqlCall) node).operandCount() == 3
        && ((SqlCall) node).operand(1) instanceof SqlLiteral && ((SqlCall) node).operand(2) instanceof SqlLiteral;
  }

  /** {@code base} followed by {@code path}: a new navigation, or {@code base}'s own navigation extended. */
  static SqlCall navigate(SqlNode base, SuperPath path, boolean caseSensitive, SqlParserPos pos) {
    if (is(base)) {
      SqlCall nav = (SqlCall) base;
      SuperPath before = SuperPath.decode(((SqlLiteral) nav.operand(1)).getValueAs(String.class));
      return create(nav.operand(0), before.then(path), ((SqlLiteral) nav.operand(2)).booleanValue(), pos);
    }
    return create(base, path, caseSensitive, pos);
  }

  private static SqlCall create(SqlNode base, SuperPath path, boolean caseSensitive, SqlParserPos pos) {
    return SuperCalls.call(SuperFunctionNames.NAVIGATE, pos, base,
        SqlLiteral.createCharString(path.encode(), pos), SqlLiteral.createBoolean(caseSensitive, pos));
  }
}
