package io.streamview.jdbc.ddl;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.util.SqlBasicVisitor;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The relations a stored view's query reads (names in FROM clauses, at any depth), as qualified names. */
final class ViewReferences {

  private ViewReferences() {
  }

  static Set<String> of(String sql) {
    Set<String> out = new HashSet<>();
    SqlNode node;
    try {
      node = SqlParsing.parse(sql);
    } catch (SqlParseException e) {
      return out;
    }
    node.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlCall call) {
        if (call instanceof SqlSelect select && select.getFrom() != null) {
          from(select.getFrom(), out);
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
    return out;
  }

  private static void from(SqlNode from, Set<String> out) {
    if (from instanceof SqlIdentifier id) {
      List<String> names = id.names;
      out.add(names.size() == 1 ? ObjectNames.LOCAL_SCHEMA + "." + names.get(0)
          : names.get(names.size() - 2) + "." + names.get(names.size() - 1));
    } else if (from instanceof SqlJoin join) {
      from(join.getLeft(), out);
      from(join.getRight(), out);
    } else if (from.getKind() == SqlKind.AS) {
      from(((SqlCall) from).operand(0), out);
    }
  }
}
