package io.streamview.engine.table;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;

import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type system with Redshift's limits: character and binary values up to 16 MiB (SUPER and streaming
 * VARBYTE), timestamps to the millisecond, DECIMAL up to 38 digits; {@code SUM} and {@code AVG} of an integer type
 * are BIGINT and {@code SUM} of a DECIMAL has 38 digits, as in Redshift (Calcite keeps the argument's type).
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

  @Override public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    return switch (argumentType.getSqlTypeName()) {
      case TINYINT, SMALLINT, INTEGER, BIGINT -> bigint(typeFactory, argumentType);
      case DECIMAL -> typeFactory.createTypeWithNullability(
          typeFactory.createSqlType(SqlTypeName.DECIMAL, 38, argumentType.getScale()), argumentType.isNullable());
      default -> super.deriveSumType(typeFactory, argumentType);
    };
  }

  @Override public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    return switch (argumentType.getSqlTypeName()) {
      case TINYINT, SMALLINT, INTEGER, BIGINT -> bigint(typeFactory, argumentType);
      default -> super.deriveAvgAggType(typeFactory, argumentType);
    };
  }

  private static RelDataType bigint(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.BIGINT),
        argumentType.isNullable());
  }
}
