package io.streamview.jdbc.parser;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;

import java.util.List;

/** Small unparse helpers shared by the DDL nodes. */
final class SqlUnparseUtil {
  private SqlUnparseUtil() {
  }

  /** Writes a single-quoted SQL string literal. */
  static void string(SqlWriter writer, String value) {
    writer.literal("'" + value.replace("'", "''") + "'");
  }

  /** Writes "(a, b, ...)". */
  static void list(SqlWriter writer, List<? extends SqlNode> nodes) {
    final SqlWriter.Frame frame = writer.startList("(", ")");
    for (SqlNode node : nodes) {
      writer.sep(",");
      node.unparse(writer, 0, 0);
    }
    writer.endList(frame);
  }
}
