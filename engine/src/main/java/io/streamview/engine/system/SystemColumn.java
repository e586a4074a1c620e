package io.streamview.engine.system;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A column of a system table. Redshift's {@code char(n)} columns holding names are {@code VARCHAR(n)} here, so that
 * {@code WHERE mv_name = 'v'} needs no padding; its one-letter flags ({@code t}/{@code f}) are {@code CHAR(1)};
 * {@code text} is {@code VARCHAR(65535)}. Every column is nullable.
 */
record SystemColumn(String name, SqlTypeName type, int precision) {

  static SystemColumn varchar(String name, int length) {
    return new SystemColumn(name, SqlTypeName.VARCHAR, length);
  }

  static SystemColumn text(String name) {
    return new SystemColumn(name, SqlTypeName.VARCHAR, 65_535);
  }

  static SystemColumn flag(String name) {
    return new SystemColumn(name, SqlTypeName.CHAR, 1);
  }

  static SystemColumn bigint(String name) {
    return new SystemColumn(name, SqlTypeName.BIGINT, -1);
  }

  static SystemColumn integer(String name) {
    return new SystemColumn(name, SqlTypeName.INTEGER, -1);
  }

  static SystemColumn timestamp(String name) {
    return new SystemColumn(name, SqlTypeName.TIMESTAMP, 3);
  }

  RelDataType toType(RelDataTypeFactory f) {
    RelDataType t = precision < 0 ? f.createSqlType(type) : f.createSqlType(type, precision);
    return f.createTypeWithNullability(t, true);
  }
}
