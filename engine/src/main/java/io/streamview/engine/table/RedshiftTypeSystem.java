package io.streamview.engine.table;

import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type system with Redshift's limits: character and binary values up to 16 MiB (SUPER and streaming
 * VARBYTE), timestamps to the millisecond, DECIMAL up to 38 digits.
 */
public final class RedshiftTypeSystem extends RelDataTypeSystemImpl {

  public static final RedshiftTypeSystem INSTANCE = new RedshiftTypeSystem();

  private RedshiftTypeSystem() {
  }

  @Override public int getMaxPrecision(SqlTypeName typeName) {
    return switch (typeName) {
      case CHAR, VARCHAR, BINARY, VARBINARY -> RedshiftTypes.SUPER_PRECISION;
      case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIME, TIME_WITH_LOCAL_TIME_ZONE -> 3;
      case DECIMAL -> 38;
      default -> super.getMaxPrecision(typeName);
    };
  }

  @Override public int getDefaultPrecision(SqlTypeName typeName) {
    return switch (typeName) {
      case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> 3;
      default -> super.getDefaultPrecision(typeName);
    };
  }

  @Override public int getMaxScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? 37 : super.getMaxScale(typeName);
  }
}
