package io.streamview.jdbc.superpath;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.ArrayList;
import java.util.List;

/**
 * Names select items that end in a subscript or a member access as Redshift names them: {@code items[0].sku} is
 * {@code sku} and {@code payload.items[0]} is {@code items}, the last attribute named (a plain path such as
 * {@code payload.customer.id} is an identifier, which Calcite already names {@code id}).
 */
final class SelectItemNames {

  private SelectItemNames() {
  }

  /** {@code items} with every unnamed subscript or member access given its name; {@code items} if there is none. */
  static SqlNodeList named(SqlNodeList items) {
    List<SqlNode> out = new ArrayList<>(items.size());
    boolean changed = false;
    for (SqlNode item : items) {
      String name = item != null && (item.getKind() == SqlKind.DOT || item.getKind() == SqlKind.ITEM)
          ? nameOf(item) : null;
      if (name != null) {
        out.add(SqlStdOperatorTable.AS.createCall(item.getParserPosition(), item,
            new SqlIdentifier(name, SqlParserPos.ZERO)));
        changed = true;
      } else {
        out.add(item);
      }
    }
    return changed ? new SqlNodeList(out, items.getParserPosition()) : items;
  }

  private static String nameOf(SqlNode node) {
    if (node instanceof SqlIdentifier id) {
      return id.isStar() ? null : id.names.get(id.names.size() - 1);
    }
    if (node.getKind() == SqlKind.DOT && ((SqlCall) node).operand(1) instanceof SqlIdentifier field) {
      return field.getSimple();
    }
    if (node.getKind() == SqlKind.ITEM) {
      return nameOf(((SqlCall) node).operand(0));
    }
    return null;
  }
}
