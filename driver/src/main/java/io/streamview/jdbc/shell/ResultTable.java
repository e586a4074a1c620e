package io.streamview.jdbc.shell;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a result set: aligned (psql's default: padded columns, a rule under the header, numbers right-aligned) for
 * people, or unaligned ({@code a | b}, one line per row) for scripts; then the row count. Long values are cut at
 * {@value #MAX_WIDTH} characters in aligned output.
 */
final class ResultTable {

  static final int MAX_WIDTH = 120;

  private ResultTable() {
  }

  /** Prints the rows and returns how many there were. */
  static long print(ResultSet rs, PrintStream out, boolean aligned) throws SQLException {
    if (!aligned) {
      return printUnaligned(rs, out);
    }
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<String> labels = new ArrayList<>();
    boolean[] numeric = new boolean[n];
    for (int i = 1; i <= n; i++) {
      labels.add(md.getColumnLabel(i));
      numeric[i - 1] = isNumeric(md.getColumnType(i));
    }
    List<String[]> rows = new ArrayList<>();
    while (rs.next()) {
      String[] row = new String[n];
      for (int i = 1; i <= n; i++) {
        String v = rs.getString(i);
        row[i - 1] = v == null ? "" : v;
      }
      rows.add(row);
    }
    printAligned(labels, numeric, rows, out);
    out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    return rows.size();
  }

  /** Unaligned output: the header line, then the rows as they come. */
  static long printUnaligned(ResultSet rs, PrintStream out) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<String> labels = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      labels.add(md.getColumnLabel(i));
    }
    out.println(String.join(" | ", labels));
    long count = 0;
    while (rs.next()) {
      StringBuilder line = new StringBuilder();
      for (int i = 1; i <= labels.size(); i++) {
        line.append(i > 1 ? " | " : "").append(rs.getString(i));
      }
      out.println(line);
      count++;
    }
    out.println("(" + count + (count == 1 ? " row)" : " rows)"));
    return count;
  }

  static void printAligned(List<String> labels, boolean[] numeric, List<String[]> rows, PrintStream out) {
    int n = labels.size();
    int[] width = new int[n];
    for (int i = 0; i < n; i++) {
      width[i] = labels.get(i).length();
    }
    for (String[] row : rows) {
      for (int i = 0; i < n; i++) {
        row[i] = clip(row[i].replace('\n', ' '));
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    StringBuilder header = new StringBuilder();
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < n; i++) {
      header.append(i > 0 ? " | " : " ").append(center(labels.get(i), width[i]));
      rule.append(i > 0 ? "-+-" : "-").append("-".repeat(width[i]));
    }
    out.println(header.toString().stripTrailing());
    out.println(rule.append('-'));
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < n; i++) {
        line.append(i > 0 ? " | " : " ").append(numeric[i] ? left(row[i], width[i]) : right(row[i], width[i]));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private static String clip(String s) {
    return s.length() <= MAX_WIDTH ? s : s.substring(0, MAX_WIDTH - 3) + "...";
  }

  private static String right(String s, int w) {
    return s + " ".repeat(w - s.length());
  }

  private static String left(String s, int w) {
    return " ".repeat(w - s.length()) + s;
  }

  private static String center(String s, int w) {
    int pad = w - s.length();
    return " ".repeat(pad / 2) + s + " ".repeat(pad - pad / 2);
  }

  private static boolean isNumeric(int type) {
    return switch (type) {
      case java.sql.Types.TINYINT, java.sql.Types.SMALLINT, java.sql.Types.INTEGER, java.sql.Types.BIGINT,
           java.sql.Types.DECIMAL, java.sql.Types.NUMERIC, java.sql.Types.REAL, java.sql.Types.FLOAT,
           java.sql.Types.DOUBLE -> true;
      default -> false;
    };
  }
}
