package io.streamview.demo;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Rows printed as an aligned text table, like psql does. */
final class TextTable {

  /** Cells wider than this are cut, with an ellipsis. */
  static final int MAX_CELL = 120;

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  TextTable(List<String> header) {
    this.header = List.copyOf(header);
  }

  /** Column labels of a result set. */
  static List<String> labels(ResultSetMetaData meta) throws SQLException {
    List<String> labels = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      labels.add(meta.getColumnLabel(i));
    }
    return labels;
  }

  /** The current row of {@code rs} as strings ({@code null} for SQL NULL). */
  static List<String> row(ResultSet rs, int columns) throws SQLException {
    List<String> row = new ArrayList<>(columns);
    for (int i = 1; i <= columns; i++) {
      row.add(rs.getString(i));
    }
    return row;
  }

  void add(List<String> row) {
    if (row.size() != header.size()) {
      throw new IllegalArgumentException("Row of " + row.size() + " cells for " + header.size() + " columns");
    }
    rows.add(row);
  }

  int size() {
    return rows.size();
  }

  /** The table: header, a rule, then one line per row, each line ending with a newline. */
  String render() {
    int columns = header.size();
    int[] widths = new int[columns];
    for (int c = 0; c < columns; c++) {
      widths[c] = header.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], cell(row.get(c)).length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, header, widths);
    for (int c = 0; c < columns; c++) {
      out.append(c == 0 ? "" : "+").append("-".repeat(widths[c] + 2));
    }
    out.append('\n');
    for (List<String> row : rows) {
      line(out, row, widths);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      String text = cell(cells.get(c));
      line.append(c == 0 ? " " : "| ").append(text).append(" ".repeat(widths[c] - text.length() + 1));
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }

  private static String cell(String value) {
    if (value == null) {
      return "NULL";
    }
    String flat = value.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    return flat.length() <= MAX_CELL ? flat : flat.substring(0, MAX_CELL - 1) + "…";
  }
}
