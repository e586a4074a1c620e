package io.streamview.jdbc.superpath;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlShuttle;

/** Deep copies of expression trees, for a rewrite that needs one operand in two places. */
final class SqlTrees {

  private SqlTrees() {
  }

  static SqlNode copy(SqlNode node) {
    return node.accept(new SqlShuttle() {
      @Override public SqlNode visit(SqlCall call) {
        CallCopyingArgHandler copying = new CallCopyingArgHandler(call, true);
        call.getOperator().acceptCall(this, call, false, copying);
        return copying.result();
      }

      @Override public SqlNode visit(SqlIdentifier id) {
        return id.clone(id.getParserPosition());
      }

      @Override public SqlNode visit(SqlLiteral literal) {
        return literal.clone(literal.getParserPosition());
      }
    });
  }
}
