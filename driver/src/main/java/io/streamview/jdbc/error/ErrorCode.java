package io.streamview.jdbc.error;

/**
 * Every error StreamView reports, with its SQLState (PostgreSQL/Redshift codes where one fits) and message template
 * ({@link String#format} arguments). Messages name the object and say how to fix the problem.
 */
public enum ErrorCode {
  SYNTAX_ERROR("42601", "syntax error: %s"),
  UNDEFINED_OBJECT("42P01", "%s"),
  UNDEFINED_TABLE("42P01", "relation \"%s\" does not exist"),
  UNDEFINED_SCHEMA("3F000", "schema \"%s\" does not exist"),
  UNDEFINED_COLUMN("42703", "%s"),
  UNDEFINED_FUNCTION("42883", "%s"),
  CANNOT_COERCE("42846", "%s"),
  DATATYPE_MISMATCH("42804", "%s"),
  DUPLICATE_TABLE("42P07", "relation \"%s\" already exists; choose another name or drop it first"),
  DUPLICATE_SCHEMA("42P06", "schema \"%s\" already exists; use CREATE EXTERNAL SCHEMA IF NOT EXISTS or drop it first"),
  WRONG_OBJECT_TYPE("42809", "\"%s\" is %s; use %s"),
  DEPENDENT_OBJECTS("2BP01", "cannot drop %s because other objects depend on it (%s); drop them first or use CASCADE"),
  VALIDATION_ERROR("42000", "%s"),
  FEATURE_NOT_SUPPORTED("0A000", "%s"),
  INVALID_PARAMETER_VALUE("22023", "%s"),
  DATA_EXCEPTION("22000", "%s"),
  CHARACTER_NOT_IN_REPERTOIRE("22021", "%s"),
  NUMERIC_OUT_OF_RANGE("22003", "%s"),
  INVALID_DATETIME_FORMAT("22007", "invalid date or time value '%s'; write a DATE as 'YYYY-MM-DD', a TIME as 'HH:MM:SS' and a "
      + "TIMESTAMP as 'YYYY-MM-DD HH:MM:SS[.ffffff]'"),
  DIVISION_BY_ZERO("22012", "division by zero"),
  NOT_NULL_VIOLATION("23502", "%s"),
  INVALID_URL("08001", "invalid StreamView URL '%s': %s; use jdbc:streamview:mem:, jdbc:streamview:mem:NAME or jdbc:streamview:file:PATH, optionally followed by ;key=value pairs"),
  JVM_FLAGS_MISSING("08001", "%s"),
  DATABASE_LOCKED("55006", "%s"),
  /** A refresh or INSERT waited in vain for result sets still reading its view or table (docs/refresh.md). */
  SCANS_OPEN("55006", "%s"),
  STREAM_NOT_FOUND("42704", "%s"),
  STREAM_ACCESS_DENIED("42501", "%s"),
  STREAM_UNREACHABLE("08001", "%s"),
  STREAM_READ_FAILED("58030", "%s"),
  STREAM_OUTSIDE_REFRESH("0A000", "%s"),
  STORAGE_ERROR("58030", "storage error in %s: %s"),
  CATALOG_CORRUPT("XX001", "%s"),
  QUERY_CANCELED("57014", "%s"),
  CONNECTION_CLOSED("08003", "%s"),
  OBJECT_CLOSED("55000", "%s"),
  PARAMETER_INDEX_OUT_OF_RANGE("07009", "%s"),
  CASCADE_REFRESH_FAILED("55000", "Cascade refresh failed because materialized view %s was not refreshed. "
      + "%s was left as it was; the cause: %s"),
  /** A statement too large or too deeply nested for Calcite to plan or for Janino to compile. */
  STATEMENT_TOO_COMPLEX("54001", "statement too complex: %s; split it into smaller statements (an INSERT of many "
      + "rows: a few hundred rows per INSERT … VALUES, or one PreparedStatement with addBatch/executeBatch)"),
  INTERNAL_ERROR("XX000", "internal error: %s; please report it with the statement that caused it");

  private final String sqlState;
  private final String template;

  ErrorCode(String sqlState, String template) {
    this.sqlState = sqlState;
    this.template = template;
  }

  public String sqlState() {
    return sqlState;
  }

  public String format(Object... args) {
    return String.format(template, args);
  }
}
