package io.streamview.jdbc.pipeline;

import io.streamview.catalog.ColumnDef;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.TimeZone;

/**
 * Reads a JDBC column value in the storage layer's representation for a catalog column type: dates as days since
 * the epoch, times and timestamps as milliseconds (read in UTC, which is how Calcite holds them internally, whatever
 * the connection's time zone), VARBYTE as bytes, SUPER as JSON text.
 */
public final class JdbcStorageValues {

  private JdbcStorageValues() {
  }

  private static Calendar utc() {
    return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
  }

  public static Object read(ResultSet rs, int i, ColumnDef column) throws SQLException {
    Object v;
    switch (column.typeName()) {
      case "SMALLINT" -> v = rs.getShort(i);
      case "INTEGER" -> v = rs.getInt(i);
      case "BIGINT" -> v = rs.getLong(i);
      case "REAL" -> v = rs.getFloat(i);
      case "DOUBLE PRECISION" -> v = rs.getDouble(i);
      case "BOOLEAN" -> v = rs.getBoolean(i);
      case "DECIMAL" -> v = rs.getBigDecimal(i);
      case "DATE" -> {
        java.sql.Date d = rs.getDate(i, utc());
        v = d == null ? null : (int) Math.floorDiv(d.getTime(), 86_400_000L);
      }
      case "TIME", "TIMETZ" -> {
        Time t = rs.getTime(i, utc());
        v = t == null ? null : (int) Math.floorMod(t.getTime(), 86_400_000L);
      }
      case "TIMESTAMP", "TIMESTAMPTZ" -> {
        Timestamp t = rs.getTimestamp(i, utc());
        v = t == null ? null : t.getTime();
      }
      case "VARBYTE" -> v = rs.getBytes(i);
      default -> v = rs.getString(i);
    }
    return rs.wasNull() ? null : v;
  }

  /** The SQL type to CAST an expression to so that it fits a catalog column. */
  public static String castType(ColumnDef c) {
    return switch (c.typeName()) {
      case "DOUBLE PRECISION" -> "DOUBLE";
      case "DECIMAL" -> c.precision() < 0 ? "DECIMAL(18, 0)" : "DECIMAL(" + c.precision() + ", " + Math.max(0, c.scale()) + ")";
      case "CHAR" -> "CHAR(" + (c.precision() < 0 ? 1 : c.precision()) + ")";
      case "VARCHAR" -> "VARCHAR(" + (c.precision() < 0 ? 256 : c.precision()) + ")";
      case "TIMESTAMPTZ" -> "TIMESTAMP WITH LOCAL TIME ZONE";
      case "TIMETZ" -> "TIME WITH LOCAL TIME ZONE";
      case "VARBYTE" -> "VARBINARY(" + (c.precision() < 0 ? 64000 : c.precision()) + ")";
      case "SUPER" -> "VARCHAR(" + io.streamview.engine.table.RedshiftTypes.SUPER_PRECISION + ")";
      default -> c.typeName();
    };
  }
}
