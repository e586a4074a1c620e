package io.streamview.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Test helper: a result's rows as strings, each row's values ({@code getString}) joined by a separator. */
public final class ResultRows {

  /** The separator most tests compare with: {@code " | "}. */
  public static final String BAR = " | ";

  private ResultRows() {
  }

  /** The remaining rows of {@code rs}, values joined by {@code separator}; the result set is left open. */
  public static List<String> of(ResultSet rs, String separator) throws SQLException {
    List<String> out = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      StringBuilder b = new StringBuilder();
      for (int i = 1; i <= n; i++) {
        b.append(i > 1 ? separator : "").append(rs.getString(i));
      }
      out.add(b.toString());
    }
    return out;
  }

  /** The remaining rows of {@code rs}, values joined by {@link #BAR}. */
  public static List<String> of(ResultSet rs) throws SQLException {
    return of(rs, BAR);
  }

  /** The rows of {@code sql} run on {@code s}, values joined by {@code separator}. */
  public static List<String> query(Statement s, String sql, String separator) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      return of(rs, separator);
    }
  }

  /** The rows of {@code sql} run on {@code s}, values joined by {@link #BAR}. */
  public static List<String> query(Statement s, String sql) throws SQLException {
    return query(s, sql, BAR);
  }

  /** The rows of one execution of {@code ps} with its current parameters, values joined by {@link #BAR}. */
  public static List<String> query(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return of(rs, BAR);
    }
  }
}
