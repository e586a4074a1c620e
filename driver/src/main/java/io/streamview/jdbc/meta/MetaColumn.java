package io.streamview.jdbc.meta;

import java.sql.Types;

/** A column of a metadata result set: its label and {@link Types} code. */
record MetaColumn(String name, int type) {

  static MetaColumn text(String name) {
    return new MetaColumn(name, Types.VARCHAR);
  }

  static MetaColumn integer(String name) {
    return new MetaColumn(name, Types.INTEGER);
  }

  static MetaColumn smallint(String name) {
    return new MetaColumn(name, Types.SMALLINT);
  }

  static MetaColumn bool(String name) {
    return new MetaColumn(name, Types.BOOLEAN);
  }

  static MetaColumn bigint(String name) {
    return new MetaColumn(name, Types.BIGINT);
  }

  String typeName() {
    return switch (type) {
      case Types.INTEGER -> "INTEGER";
      case Types.SMALLINT -> "SMALLINT";
      case Types.BOOLEAN -> "BOOLEAN";
      case Types.BIGINT -> "BIGINT";
      default -> "VARCHAR";
    };
  }

  String className() {
    return switch (type) {
      case Types.INTEGER -> Integer.class.getName();
      case Types.SMALLINT -> Short.class.getName();
      case Types.BOOLEAN -> Boolean.class.getName();
      case Types.BIGINT -> Long.class.getName();
      default -> String.class.getName();
    };
  }
}
