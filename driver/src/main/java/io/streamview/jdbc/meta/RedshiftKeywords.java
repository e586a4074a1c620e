package io.streamview.jdbc.meta;

import java.util.List;

/**
 * The words StreamView's SQL gives meaning beyond SQL:2003: Redshift's reserved words and the words of its
 * streaming-ingestion DDL. {@code getSQLKeywords} lists them; the shell completes them.
 */
public final class RedshiftKeywords {

  /** Not SQL:2003 keywords, upper case, sorted. */
  public static final List<String> NON_SQL2003 = List.of("AUTO", "BACKUP", "DISTKEY", "DISTSTYLE", "ENCODE",
      "EVEN", "EXTERNAL", "IAM_ROLE", "ILIKE", "KINESIS", "LIMIT", "MATERIALIZED", "MINUS", "OFFSET", "REFRESH",
      "SORTKEY", "SUPER", "SYSDATE", "TOP", "VARBYTE");

  /** SQL keywords a user types, for completion (with {@link #NON_SQL2003}). */
  public static final List<String> COMMON = List.of("ALL", "ALTER", "AND", "AS", "ASC", "BETWEEN", "BIGINT",
      "BOOLEAN", "BY", "CASCADE", "CASE", "CAST", "CHAR", "COUNT", "CREATE", "DATE", "DECIMAL", "DELETE", "DESC",
      "DISTINCT", "DOUBLE PRECISION", "DROP", "ELSE", "END", "EXISTS", "FALSE", "FROM", "FULL", "GROUP", "HAVING",
      "IF", "IN", "INNER", "INSERT", "INTEGER", "INTO", "IS", "JOIN", "LEFT", "LIKE", "NO", "NOT", "NULL", "ON",
      "OR", "ORDER", "OUTER", "PRIMARY KEY", "REAL", "REPLACE", "RIGHT", "SCHEMA", "SELECT", "SET", "SMALLINT",
      "TABLE", "THEN", "TIMESTAMP", "TIMESTAMPTZ", "TRUE", "TRUNCATE", "UNION", "UPDATE", "VALUES", "VARCHAR",
      "VIEW", "WHEN", "WHERE", "WITH", "YES");

  private RedshiftKeywords() {
  }
}
