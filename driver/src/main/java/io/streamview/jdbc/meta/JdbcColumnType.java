package io.streamview.jdbc.meta;

import io.streamview.catalog.ColumnDef;
import io.streamview.engine.table.RedshiftTypes;

import java.sql.Types;
import java.util.Locale;

/**
 * How a catalog column type appears in JDBC metadata: Redshift's type name ({@code SUPER}, {@code VARBYTE},
 * {@code TIMESTAMPTZ} …), the {@link Types} code, the column size and decimal digits as {@code getColumns} defines
 * them (characters for text, digits for numbers, bytes for binary, characters of the literal for date-times).
 *
 * @param typeName      Redshift's name, as {@code TYPE_NAME}
 * @param dataType      the {@link Types} code
 * @param size          {@code COLUMN_SIZE}
 * @param decimalDigits {@code DECIMAL_DIGITS}, or null where it does not apply
 * @param radix         {@code NUM_PREC_RADIX}, or null for non-numbers
 */
record JdbcColumnType(String typeName, int dataType, int size, Integer decimalDigits, Integer radix) {

  /** The JDBC view of a catalog column's type. */
  static JdbcColumnType of(ColumnDef c) {
    int p = c.precision();
    return switch (c.typeName().toUpperCase(Locale.ROOT)) {
      case "SMALLINT" -> new JdbcColumnType("SMALLINT", Types.SMALLINT, 5, 0, 10);
      case "INTEGER" -> new JdbcColumnType("INTEGER", Types.INTEGER, 10, 0, 10);
      case "BIGINT" -> new JdbcColumnType("BIGINT", Types.BIGINT, 19, 0, 10);
      case "DECIMAL" -> new JdbcColumnType("DECIMAL", Types.DECIMAL, p < 0 ? 18 : p, Math.max(0, c.scale()), 10);
      case "REAL" -> new JdbcColumnType("REAL", Types.REAL, 7, null, 10);
      case "DOUBLE PRECISION" -> new JdbcColumnType("DOUBLE PRECISION", Types.DOUBLE, 15, null, 10);
      case "BOOLEAN" -> new JdbcColumnType("BOOLEAN", Types.BOOLEAN, 1, null, null);
      case "CHAR" -> new JdbcColumnType("CHAR", Types.CHAR, p < 0 ? 1 : p, null, null);
      case "VARCHAR" -> new JdbcColumnType("VARCHAR", Types.VARCHAR, p < 0 ? 256 : p, null, null);
      case "DATE" -> new JdbcColumnType("DATE", Types.DATE, 10, null, null);
      case "TIME" -> new JdbcColumnType("TIME", Types.TIME, 8, 0, null);
      case "TIMETZ" -> new JdbcColumnType("TIMETZ", Types.TIME_WITH_TIMEZONE, 14, 0, null);
      case "TIMESTAMP" -> new JdbcColumnType("TIMESTAMP", Types.TIMESTAMP, 23, 3, null);
      case "TIMESTAMPTZ" -> new JdbcColumnType("TIMESTAMPTZ", Types.TIMESTAMP_WITH_TIMEZONE, 29, 3, null);
      case "VARBYTE" -> new JdbcColumnType("VARBYTE", Types.VARBINARY, p < 0 ? 64_000 : p, null, null);
      case "SUPER" -> new JdbcColumnType("SUPER", Types.LONGVARCHAR, RedshiftTypes.SUPER_PRECISION, null, null);
      default -> new JdbcColumnType(c.typeName(), Types.OTHER, Math.max(p, 0), null, null);
    };
  }

  /** {@code CHAR_OCTET_LENGTH}: the most bytes of a text or binary value (UTF-8: 4 per character), else null. */
  Integer charOctetLength() {
    return switch (dataType) {
      case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR -> (int) Math.min(Integer.MAX_VALUE, 4L * size);
      case Types.VARBINARY -> size;
      default -> null;
    };
  }
}
