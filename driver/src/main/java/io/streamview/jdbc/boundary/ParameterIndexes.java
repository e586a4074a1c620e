package io.streamview.jdbc.boundary;

import io.streamview.jdbc.error.ErrorCode;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Parameter indexes given to a prepared statement's setters: one out of range is SQLState 07009 naming the statement. */
final class ParameterIndexes {

  private ParameterIndexes() {
  }

  /** The error for {@code index} if it is out of range for {@code ps} (prepared from {@code sql}), else null. */
  static SQLException check(PreparedStatement ps, int index, String sql) {
    int count;
    try {
      count = ps.getParameterMetaData().getParameterCount();
    } catch (SQLException | RuntimeException e) {
      return null;
    }
    if (index >= 1 && index <= count) {
      return null;
    }
    return outOfRange(index, count, sql);
  }

  static SQLException outOfRange(int index, int count, String sql) {
    String has = count == 0 ? "has no parameters" : count == 1 ? "has 1 parameter (index 1)"
        : "has " + count + " parameters (indexes 1 to " + count + ")";
    return new SQLException(ErrorCode.PARAMETER_INDEX_OUT_OF_RANGE.format("parameter index " + index
        + " is out of range: the statement " + abbreviate(sql) + " " + has),
        ErrorCode.PARAMETER_INDEX_OUT_OF_RANGE.sqlState());
  }

  static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() <= 80 ? one : one.substring(0, 77) + "...";
  }
}
