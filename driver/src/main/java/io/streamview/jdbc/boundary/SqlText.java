package io.streamview.jdbc.boundary;

import io.streamview.jdbc.ddl.SqlParsing;

import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/** Statement text as users type it: trailing semicolons dropped; which statements are DDL. */
final class SqlText {

  private SqlText() {
  }

  /** {@code sql} without trailing semicolons and white space. */
  static String clean(String sql) {
    if (sql == null) {
      return null;
    }
    String s = sql.strip();
    while (s.endsWith(";")) {
      s = s.substring(0, s.length() - 1).stripTrailing();
    }
    return s;
  }

  /** Whether {@code sql} may be an UPDATE (cheap test before parsing). */
  static boolean mayBeUpdate(String sql) {
    String s = sql.stripLeading();
    while (s.startsWith("--") || s.startsWith("/*")) {
      int end = s.startsWith("--") ? s.indexOf('\n') : s.indexOf("*/") + 1;
      if (end <= 0) {
        return false;
      }
      s = s.substring(end + 1).stripLeading();
    }
    return s.regionMatches(true, 0, "update", 0, 6);
  }

  /** The parsed statement, or null if it does not parse (Calcite will then report the error). */
  static SqlNode parseOrNull(String sql) {
    try {
      return SqlParser.create(sql, config()).parseStmt();
    } catch (SqlParseException | RuntimeException e) {
      return null;
    }
  }

  static boolean isDdl(SqlNode node) {
    return node != null && (node.getKind().belongsTo(SqlKind.DDL) || node.getKind() == SqlKind.SET_OPTION);
  }

  static SqlParser.Config config() {
    return SqlParsing.config();
  }
}
