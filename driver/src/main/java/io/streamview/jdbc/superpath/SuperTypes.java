package io.streamview.jdbc.superpath;

import io.streamview.engine.table.RedshiftTypes;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/** Recognises SUPER inside Calcite, where it is carried as {@code VARCHAR(16777216)} of JSON text. */
final class SuperTypes {

  private SuperTypes() {
  }

  static boolean isSuper(RelDataType type) {
    return type != null && type.getSqlTypeName() == SqlTypeName.VARCHAR
        && type.getPrecision() == RedshiftTypes.SUPER_PRECISION;
  }
}
