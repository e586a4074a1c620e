package io.streamview.engine.table;

import io.streamview.catalog.ColumnDef;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps Redshift column types (as the catalog stores them) to Calcite types and back.
 * SUPER is carried through Calcite as {@code VARCHAR(16777216)}, a length no Redshift VARCHAR can have (its
 * maximum is 65535), so that a SUPER value keeps its type through projections and into a materialized view.
 */
public final class RedshiftTypes {

  /** The VARCHAR length that marks a SUPER value inside Calcite. */
  public static final int SUPER_PRECISION = 16_777_216;
  /** VARBYTE's maximum length (Redshift's streaming VARBYTE holds 16 MiB). */
  public static final int VARBYTE_MAX = 16_777_216;
  /** The Kinesis payload column's length. */
  public static final int KINESIS_DATA_LENGTH = 1_048_576;

  private RedshiftTypes() {
  }

  /** The Calcite type of a catalog column. */
  public static RelDataType toRelType(RelDataTypeFactory f, ColumnDef c) {
    RelDataType t = switch (c.typeName().toUpperCase(Locale.ROOT)) {
      case "SMALLINT" -> f.createSqlType(SqlTypeName.SMALLINT);
      case "INTEGER" -> f.createSqlType(SqlTypeName.INTEGER);
      case "BIGINT" -> f.createSqlType(SqlTypeName.BIGINT);
      case "DECIMAL" -> c.precision() < 0 ? f.createSqlType(SqlTypeName.DECIMAL, 18, 0)
          : f.createSqlType(SqlTypeName.DECIMAL, c.precision(), Math.max(0, c.scale()));
      case "REAL" -> f.createSqlType(SqlTypeName.REAL);
      case "DOUBLE PRECISION" -> f.createSqlType(SqlTypeName.DOUBLE);
      case "BOOLEAN" -> f.createSqlType(SqlTypeName.BOOLEAN);
      case "CHAR" -> f.createSqlType(SqlTypeName.CHAR, c.precision() < 0 ? 1 : c.precision());
      case "VARCHAR" -> c.precision() < 0 ? f.createSqlType(SqlTypeName.VARCHAR, 256)
          : f.createSqlType(SqlTypeName.VARCHAR, c.precision());
      case "DATE" -> f.createSqlType(SqlTypeName.DATE);
      case "TIME" -> f.createSqlType(SqlTypeName.TIME);
      case "TIMETZ" -> f.createSqlType(SqlTypeName.TIME_WITH_LOCAL_TIME_ZONE);
      case "TIMESTAMP" -> f.createSqlType(SqlTypeName.TIMESTAMP, 3);
      case "TIMESTAMPTZ" -> f.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 3);
      case "VARBYTE" -> f.createSqlType(SqlTypeName.VARBINARY, c.precision() < 0 ? 64_000 : c.precision());
      case "SUPER" -> f.createSqlType(SqlTypeName.VARCHAR, SUPER_PRECISION);
      default -> throw new IllegalArgumentException("unknown column type " + c.typeName() + " of " + c.name());
    };
    return f.createTypeWithNullability(t, c.nullable());
  }

  /** The row type of a list of catalog columns. */
  public static RelDataType toRowType(RelDataTypeFactory f, List<ColumnDef> columns) {
    RelDataTypeFactory.Builder b = f.builder();
    for (ColumnDef c : columns) {
      b.add(c.name(), toRelType(f, c));
    }
    return b.build();
  }

  /** The catalog column for a field of a Calcite row type (a view's or a materialized view's result). */
  public static ColumnDef toColumnDef(String name, RelDataType t) {
    boolean n = t.isNullable();
    int p = t.getPrecision();
    return switch (t.getSqlTypeName()) {
      case TINYINT, SMALLINT -> new ColumnDef(name, "SMALLINT", -1, -1, n);
      case INTEGER -> new ColumnDef(name, "INTEGER", -1, -1, n);
      case BIGINT -> new ColumnDef(name, "BIGINT", -1, -1, n);
      case DECIMAL -> new ColumnDef(name, "DECIMAL", p, t.getScale(), n);
      case REAL, FLOAT -> new ColumnDef(name, "REAL", -1, -1, n);
      case DOUBLE -> new ColumnDef(name, "DOUBLE PRECISION", -1, -1, n);
      case BOOLEAN -> new ColumnDef(name, "BOOLEAN", -1, -1, n);
      case CHAR -> new ColumnDef(name, "CHAR", p, -1, n);
      case VARCHAR -> p == SUPER_PRECISION ? new ColumnDef(name, "SUPER", -1, -1, n)
          : new ColumnDef(name, "VARCHAR", p == RelDataType.PRECISION_NOT_SPECIFIED ? 65535 : p, -1, n);
      case DATE -> new ColumnDef(name, "DATE", -1, -1, n);
      case TIME -> new ColumnDef(name, "TIME", -1, -1, n);
      case TIME_WITH_LOCAL_TIME_ZONE -> new ColumnDef(name, "TIMETZ", -1, -1, n);
      case TIMESTAMP -> new ColumnDef(name, "TIMESTAMP", -1, -1, n);
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> new ColumnDef(name, "TIMESTAMPTZ", -1, -1, n);
      case BINARY, VARBINARY -> new ColumnDef(name, "VARBYTE",
          p == RelDataType.PRECISION_NOT_SPECIFIED ? VARBYTE_MAX : p, -1, n);
      default -> throw new IllegalArgumentException(
          "column " + name + " has type " + t.getFullTypeString() + ", which a stored relation cannot hold");
    };
  }

  /** Catalog columns for every field of a row type. */
  public static List<ColumnDef> toColumnDefs(RelDataType rowType) {
    List<ColumnDef> out = new ArrayList<>();
    for (RelDataTypeField f : rowType.getFieldList()) {
      out.add(toColumnDef(f.getName(), f.getType()));
    }
    return out;
  }
}
