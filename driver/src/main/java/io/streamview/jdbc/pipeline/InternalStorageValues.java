package io.streamview.jdbc.pipeline;

import io.streamview.catalog.ColumnDef;

import org.apache.calcite.avatica.AvaticaSite;
import org.apache.calcite.avatica.util.ByteString;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Turns a value of a row Calcite's compiled plan yields (its internal representation) into the storage layer's
 * representation for a catalog column type, giving exactly what {@link JdbcStorageValues#read} gives for the same
 * value read through Avatica's result set of an internal (UTC) connection: numbers narrowed as the JDBC getters do,
 * decimals as they are (a non-decimal number gets the column's scale, rounded down, as Avatica's accessor does),
 * dates as days, times and timestamps as milliseconds (Calcite's internal form already), fixed-length text padded
 * to its length, VARBYTE as bytes, everything else as text.
 */
final class InternalStorageValues {

  private InternalStorageValues() {
  }

  /** Which conversion a column needs; resolved once per pipeline. */
  enum Kind {
    SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, BOOLEAN, DECIMAL, DATE, TIME, TIMESTAMP, VARBYTE, CHAR, TEXT;

    static Kind of(ColumnDef column) {
      return switch (column.typeName()) {
        case "SMALLINT" -> SMALLINT;
        case "INTEGER" -> INTEGER;
        case "BIGINT" -> BIGINT;
        case "REAL" -> REAL;
        case "DOUBLE PRECISION" -> DOUBLE;
        case "BOOLEAN" -> BOOLEAN;
        case "DECIMAL" -> DECIMAL;
        case "DATE" -> DATE;
        case "TIME", "TIMETZ" -> TIME;
        case "TIMESTAMP", "TIMESTAMPTZ" -> TIMESTAMP;
        case "VARBYTE" -> VARBYTE;
        case "CHAR" -> CHAR;
        default -> TEXT;
      };
    }
  }

  static Kind[] kinds(java.util.List<ColumnDef> columns) {
    Kind[] out = new Kind[columns.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Kind.of(columns.get(i));
    }
    return out;
  }

  /** {@code v} (Calcite's internal value of a column of {@code column}'s type) in storage form. */
  static Object convert(Object v, Kind kind, ColumnDef column) {
    if (v == null) {
      return null;
    }
    return switch (kind) {
      case SMALLINT -> ((Number) v).shortValue();
      case INTEGER -> v instanceof Integer ? v : ((Number) v).intValue();
      case BIGINT -> v instanceof Long ? v : ((Number) v).longValue();
      case REAL -> v instanceof Float ? v : ((Number) v).floatValue();
      case DOUBLE -> v instanceof Double ? v : ((Number) v).doubleValue();
      case BOOLEAN -> (Boolean) v;
      case DECIMAL -> decimal((Number) v, column);
      case DATE, TIME -> ((Number) v).intValue();
      case TIMESTAMP -> ((Number) v).longValue();
      case VARBYTE -> bytes(v);
      case CHAR -> padded(v.toString(), column.precision());
      case TEXT -> v instanceof String s ? s : v.toString();
    };
  }

  private static BigDecimal decimal(Number n, ColumnDef column) {
    if (n instanceof BigDecimal d) {
      return d;
    }
    BigDecimal d = AvaticaSite.toBigDecimal(n);
    int scale = Math.max(0, column.scale());
    return scale == 0 ? d : d.setScale(scale, RoundingMode.DOWN);
  }

  private static byte[] bytes(Object v) {
    if (v instanceof ByteString b) {
      return b.getBytes();
    }
    if (v instanceof byte[] b) {
      return b;
    }
    if (v instanceof String s) {
      return ByteString.parseBase64(s);
    }
    throw new IllegalStateException("a VARBYTE value came as " + v.getClass().getName());
  }

  private static String padded(String s, int length) {
    if (length <= 0 || s.length() >= length) {
      return s;
    }
    StringBuilder b = new StringBuilder(length).append(s);
    while (b.length() < length) {
      b.append(' ');
    }
    return b.toString();
  }
}
