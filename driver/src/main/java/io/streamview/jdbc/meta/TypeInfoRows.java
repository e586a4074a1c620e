package io.streamview.jdbc.meta;

import io.streamview.engine.table.RedshiftTypes;

import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The rows of {@code getTypeInfo}: the Redshift column types StreamView stores, ordered by {@code DATA_TYPE}. */
final class TypeInfoRows {

  private TypeInfoRows() {
  }

  static List<Object[]> rows() {
    List<Object[]> rows = new ArrayList<>();
    rows.add(type("SMALLINT", Types.SMALLINT, 5, null, null, true, false, 0, 0, 10));
    rows.add(type("INTEGER", Types.INTEGER, 10, null, null, true, false, 0, 0, 10));
    rows.add(type("BIGINT", Types.BIGINT, 19, null, null, true, false, 0, 0, 10));
    rows.add(type("DECIMAL", Types.DECIMAL, 38, null, "precision,scale", true, false, 0, 37, 10));
    rows.add(type("REAL", Types.REAL, 7, null, null, true, false, null, null, 10));
    rows.add(type("DOUBLE PRECISION", Types.DOUBLE, 15, null, null, true, false, null, null, 10));
    rows.add(type("BOOLEAN", Types.BOOLEAN, 1, null, null, false, false, null, null, null));
    rows.add(type("CHAR", Types.CHAR, 4096, "'", "length", false, true, null, null, null));
    rows.add(type("VARCHAR", Types.VARCHAR, 65535, "'", "max length", false, true, null, null, null));
    rows.add(type("SUPER", Types.LONGVARCHAR, RedshiftTypes.SUPER_PRECISION, null, null, false, true, null, null,
        null));
    rows.add(type("DATE", Types.DATE, 10, "DATE '", null, false, false, null, null, null));
    rows.add(type("TIME", Types.TIME, 8, "TIME '", null, false, false, 0, 0, null));
    rows.add(type("TIMESTAMP", Types.TIMESTAMP, 23, "TIMESTAMP '", null, false, false, 3, 3, null));
    rows.add(type("TIMETZ", Types.TIME_WITH_TIMEZONE, 14, null, null, false, false, 0, 0, null));
    rows.add(type("TIMESTAMPTZ", Types.TIMESTAMP_WITH_TIMEZONE, 29, null, null, false, false, 3, 3, null));
    rows.add(type("VARBYTE", Types.VARBINARY, RedshiftTypes.VARBYTE_MAX, null, "max length", false, false, null, null,
        null));
    rows.sort(Comparator.comparingInt(r -> (Integer) r[1]));
    return rows;
  }

  private static Object[] type(String name, int dataType, int precision, String literalPrefix, String createParams,
      boolean signed, boolean text, Integer minScale, Integer maxScale, Integer radix) {
    String suffix = literalPrefix == null ? null : "'";
    return new Object[] {name, dataType, precision, literalPrefix, suffix, createParams,
        (short) DatabaseMetaData.typeNullable, text, (short) (text ? DatabaseMetaData.typeSearchable
            : DatabaseMetaData.typePredBasic), false, false, false, name, minScale == null ? null : (short) (int) minScale, maxScale == null ? null : (short) (int) maxScale,
        null, null, radix};
  }
}
