package io.streamview.jdbc.parser;

import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCollectionTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.Locale;

/**
 * Maps parsed data types back to Redshift type names. The parser folds Redshift spellings into
 * Calcite types (VARBYTE → VARBINARY, TIMESTAMPTZ → TIMESTAMP_WITH_LOCAL_TIME_ZONE, INT4 →
 * INTEGER, TEXT → VARCHAR, ...; SUPER stays a user-defined type named "SUPER"); this class gives
 * the canonical Redshift name of the result.
 */
public final class RedshiftTypeNames {
  private RedshiftTypeNames() {
  }

  /**
   * The canonical Redshift name of a parsed type: "VARBYTE", "SUPER", "TIMESTAMPTZ", "TIMETZ",
   * "DOUBLE PRECISION", "INTEGER", "BIGINT", "SMALLINT", "REAL", "BOOLEAN", "CHAR", "VARCHAR",
   * "DECIMAL", "DATE", "TIMESTAMP", "TIME"; other types give Calcite's name, user-defined types
   * their upper-case name.
   */
  public static String redshiftTypeName(SqlDataTypeSpec spec) {
    return redshiftTypeName(spec.getTypeNameSpec());
  }

  /** As {@link #redshiftTypeName(SqlDataTypeSpec)}, from the type name spec. */
  public static String redshiftTypeName(SqlTypeNameSpec nameSpec) {
    if (nameSpec instanceof SqlBasicTypeNameSpec) {
      final SqlTypeName t = sqlTypeName(nameSpec);
      return t == null ? upper(nameSpec) : redshiftTypeName(t);
    }
    if (nameSpec instanceof SqlUserDefinedTypeNameSpec) {
      return upper(nameSpec);
    }
    if (nameSpec instanceof SqlCollectionTypeNameSpec) {
      // Redshift has no ARRAY / MULTISET column type; nested data lives in SUPER.
      return "SUPER";
    }
    return upper(nameSpec);
  }

  /** The canonical Redshift name for a Calcite type name. */
  public static String redshiftTypeName(SqlTypeName t) {
    switch (t) {
    case BINARY:
    case VARBINARY:
      return "VARBYTE";
    case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
    case TIMESTAMP_TZ:
      return "TIMESTAMPTZ";
    case TIME_WITH_LOCAL_TIME_ZONE:
    case TIME_TZ:
      return "TIMETZ";
    case DOUBLE:
    case FLOAT:
      return "DOUBLE PRECISION";
    case TINYINT:
    case SMALLINT:
      return "SMALLINT";
    case INTEGER:
      return "INTEGER";
    case BIGINT:
      return "BIGINT";
    case REAL:
      return "REAL";
    case BOOLEAN:
      return "BOOLEAN";
    case CHAR:
      return "CHAR";
    case VARCHAR:
      return "VARCHAR";
    case DECIMAL:
      return "DECIMAL";
    case DATE:
      return "DATE";
    case TIMESTAMP:
      return "TIMESTAMP";
    case TIME:
      return "TIME";
    default:
      return t.getName();
    }
  }

  /**
   * The Redshift declaration of a parsed type, with its length / precision / scale, e.g.
   * "VARCHAR(256)", "DECIMAL(10,2)", "VARBYTE", "TIMESTAMPTZ".
   */
  public static String redshiftTypeDeclaration(SqlDataTypeSpec spec) {
    final SqlTypeNameSpec nameSpec = spec.getTypeNameSpec();
    final String name = redshiftTypeName(nameSpec);
    if (!(nameSpec instanceof SqlBasicTypeNameSpec)) {
      return name;
    }
    final SqlBasicTypeNameSpec basic = (SqlBasicTypeNameSpec) nameSpec;
    final SqlTypeName t = sqlTypeName(nameSpec);
    final int p = basic.getPrecision();
    final int s = basic.getScale();
    if (p < 0 || t == null) {
      return name;
    }
    switch (t) {
    case CHAR:
    case VARCHAR:
    case BINARY:
    case VARBINARY:
      return name + "(" + p + ")";
    case DECIMAL:
      return s >= 0 ? name + "(" + p + "," + s + ")" : name + "(" + p + ")";
    default:
      return name; // Redshift takes no precision on TIMESTAMP / TIME / floats
    }
  }

  /** The Calcite type of a parsed type name, or null if it is not a built-in type. */
  public static SqlTypeName sqlTypeName(SqlTypeNameSpec nameSpec) {
    if (!(nameSpec instanceof SqlBasicTypeNameSpec)) {
      return null;
    }
    final String simple = nameSpec.getTypeName().getSimple();
    try {
      return SqlTypeName.valueOf(simple);
    } catch (IllegalArgumentException e) {
      return SqlTypeName.get(simple.toUpperCase(Locale.ROOT));
    }
  }

  private static String upper(SqlTypeNameSpec nameSpec) {
    return nameSpec.getTypeName().toString().toUpperCase(Locale.ROOT);
  }
}
