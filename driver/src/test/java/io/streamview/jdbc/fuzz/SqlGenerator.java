package io.streamview.jdbc.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates DDL, DML and queries from a small grammar over a few table, view and column names (never the sentinel
 * table of the test), valid and invalid alike: Redshift and unsupported types, table-level constraints, streaming
 * and nested materialized views, refreshes, drops, updates, expressions with functions, casts and odd literals.
 */
final class SqlGenerator {

  static final String[] TABLES = {"t1", "t2", "t3", "users", "v1", "mv1", "mv2", "nope", "kds.s", "public.t1",
      "svv_mv_info", "stv_mv_info", "sys_stream_scan_errors", "svl_mv_refresh_status", "pg_catalog.pg_class",
      "\"T1\"", "t1.t2.t3"};
  static final String[] COLUMNS = {"a", "b", "c", "id", "name", "x", "kinesis_data", "partition_key",
      "sequence_number", "approximate_arrival_timestamp", "shard_id", "refresh_time", "payload", "\"A\"", "n", "*"};
  static final String[] TYPES = {"INTEGER", "INT", "SMALLINT", "BIGINT", "DECIMAL(10,2)", "DECIMAL(38,0)",
      "DECIMAL(39,2)", "NUMERIC(0)", "REAL", "DOUBLE PRECISION", "FLOAT", "BOOLEAN", "CHAR(3)", "VARCHAR(10)",
      "VARCHAR(MAX)", "VARCHAR(0)", "TEXT", "DATE", "TIMESTAMP", "TIMESTAMPTZ", "TIME", "TIMETZ", "SUPER",
      "VARBYTE", "VARBYTE(10)", "GEOMETRY", "HLLSKETCH", "INTERVAL DAY", "BLOB", "UUID", "INT[]", "MAP", "ROW(a INT)"};
  static final String[] FUNCTIONS = {"abs", "upper", "lower", "length", "coalesce", "nvl", "substring", "trim",
      "json_parse", "json_extract_path_text", "is_valid_json", "can_json_parse", "from_varbyte", "to_varbyte",
      "date_trunc", "getdate", "sysdate", "dateadd", "datediff", "random", "md5", "sha2", "round", "floor", "ceil",
      "sqrt", "power", "ln", "mod", "nullif", "greatest", "least", "count", "sum", "avg", "min", "max", "listagg",
      "percentile_disc", "median", "row_number", "lag", "no_such_fn", "json_serialize", "split_part", "regexp_replace",
      "to_char", "to_date", "convert_timezone", "extract", "position", "strpos", "lpad", "replace", "chr", "ascii"};
  static final String[] LITERALS = {"1", "0", "-1", "2147483647", "9223372036854775807",
      "99999999999999999999999999999999999999999", "1.5", "1e308", "'a'", "''", "'\u00e9\u4e2d'", "NULL", "TRUE",
      "FALSE", "DATE '2026-01-01'", "TIMESTAMP '2026-01-01 00:00:00'", "INTERVAL '1' DAY", "'{\"a\":1}'",
      "JSON_PARSE('{\"a\":[1,2]}')", "'2026-02-30'", "1/0", "CAST('x' AS INTEGER)", "?", "'not json'"};

  private final Random random;
  private int depth;

  SqlGenerator(Random random) {
    this.random = random;
  }

  String next() {
    depth = 0;
    return switch (random.nextInt(16)) {
      case 0, 1, 2, 3 -> select();
      case 4 -> createTable();
      case 5 -> "INSERT INTO " + table() + values();
      case 6 -> "INSERT INTO " + table() + " " + select();
      case 7 -> "UPDATE " + table() + " SET " + column() + " = " + expr() + where();
      case 8 -> "DELETE FROM " + table() + where();
      case 9 -> "CREATE " + pick("VIEW ", "MATERIALIZED VIEW ", "OR REPLACE VIEW ", "TEMP TABLE ", "TABLE ")
          + pick("v1", "mv1", "mv2", "t2") + autoRefresh() + " AS " + select();
      case 10 -> "DROP " + pick("TABLE", "VIEW", "MATERIALIZED VIEW", "SCHEMA", "TABLE IF EXISTS", "INDEX")
          + " " + pick("t1", "t2", "t3", "v1", "mv1", "mv2", "k2", "public", "nope") + pick("", " CASCADE",
          " RESTRICT");
      case 11 -> "REFRESH MATERIALIZED VIEW " + pick("mv1", "mv2", "t1", "v1", "nope", "svv_mv_info")
          + pick("", " CASCADE", " RECOMPUTE");
      case 12 -> "ALTER " + pick("MATERIALIZED VIEW mv1 AUTO REFRESH " + pick("YES", "NO", "MAYBE"),
          "TABLE t1 ADD COLUMN z INTEGER", "TABLE t1 RENAME TO t9", "TABLE t1 DROP COLUMN a", "SCHEMA kds RENAME TO k2");
      case 13 -> pick("SET ", "RESET ", "SHOW ") + pick("enable_case_sensitive_identifier",
          "enable_case_sensitive_super_attribute", "search_path", "timezone", "no_such_setting")
          + pick(" TO true", " = false", " TO 'x'", "", " TO 1e99");
      case 14 -> "CREATE EXTERNAL SCHEMA " + pick("kds", "k2", "\"\"") + " FROM " + pick("KINESIS", "MSK",
          "KAFKA", "POSTGRES") + pick(" IAM_ROLE default", " IAM_ROLE 'arn:aws:iam::1:role/x'",
          " IAM_ROLE 'bad'", " REGION 'mars-1' IAM_ROLE default", "");
      default -> pick("EXPLAIN ", "EXPLAIN PLAN FOR ", "WITH q AS (" + select() + ") ", "") + select();
    };
  }

  private String createTable() {
    StringBuilder sb = new StringBuilder("CREATE TABLE ").append(pick("", "IF NOT EXISTS "))
        .append(pick("t1", "t2", "t3", "\"T1\"", "kds.t", "nope.t")).append(" (");
    int n = 1 + random.nextInt(4);
    List<String> cols = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String c = pick("a", "b", "c", "id", "a");
      cols.add(c);
      sb.append(i > 0 ? ", " : "").append(c).append(' ').append(pick(TYPES)).append(pick("", "", " NOT NULL",
          " NULL", " PRIMARY KEY", " UNIQUE", " DEFAULT " + literal(), " ENCODE zstd", " IDENTITY(1,1)",
          " REFERENCES t2(a)", " GENERATED ALWAYS AS (1) STORED", " CHECK (a > 0)"));
    }
    switch (random.nextInt(6)) {
      case 0 -> sb.append(", PRIMARY KEY (").append(pick(cols.toArray(String[]::new))).append(")");
      case 1 -> sb.append(", UNIQUE (").append(String.join(", ", cols)).append(")");
      case 2 -> sb.append(", FOREIGN KEY (").append(cols.get(0)).append(") REFERENCES t2 (a)");
      case 3 -> sb.append(", CONSTRAINT pk PRIMARY KEY (").append(cols.get(0)).append(", nope)");
      default -> { }
    }
    return sb.append(")").append(pick("", " DISTSTYLE KEY DISTKEY (a)", " SORTKEY (b)", " DISTSTYLE EVEN",
        " DISTKEY (zz)", " BACKUP NO", " DISTSTYLE ALL SORTKEY AUTO")).toString();
  }

  private String autoRefresh() {
    return pick("", "", " AUTO REFRESH YES", " AUTO REFRESH NO", " BACKUP NO", " DISTKEY(1)", " SORTKEY(a)");
  }

  private String values() {
    StringBuilder sb = new StringBuilder(pick("", " (a)", " (a, b)", " (id, name)", " (nope)")).append(" VALUES ");
    int rows = 1 + random.nextInt(3);
    for (int r = 0; r < rows; r++) {
      sb.append(r > 0 ? ", " : "").append('(');
      int n = 1 + random.nextInt(3);
      for (int i = 0; i < n; i++) {
        sb.append(i > 0 ? ", " : "").append(expr());
      }
      sb.append(')');
    }
    return sb.toString();
  }

  private String select() {
    depth++;
    StringBuilder sb = new StringBuilder("SELECT ").append(pick("", "", "DISTINCT ", "TOP 3 ", "ALL "));
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      sb.append(i > 0 ? ", " : "").append(random.nextInt(4) == 0 ? column() : expr())
          .append(pick("", "", " AS x", " y", " AS \"Q\""));
    }
    if (random.nextInt(5) > 0) {
      sb.append(" FROM ").append(depth < 3 && random.nextInt(6) == 0 ? "(" + select() + ") q" : table());
      if (random.nextInt(6) == 0) {
        sb.append(pick(" JOIN ", " LEFT JOIN ", " CROSS JOIN ", ", ")).append(table()).append(pick(" ON true",
            " ON a = b", "", " USING (a)"));
      }
    }
    sb.append(where());
    if (random.nextInt(4) == 0) {
      sb.append(" GROUP BY ").append(pick("1", "a", "2", "a, b", "ROLLUP(a)", "99"));
      if (random.nextBoolean()) {
        sb.append(" HAVING ").append(expr());
      }
    }
    if (random.nextInt(4) == 0) {
      sb.append(" ORDER BY ").append(pick("1", "a DESC", "2 NULLS FIRST", "x", "0", "random()"));
    }
    if (random.nextInt(5) == 0) {
      sb.append(pick(" LIMIT 1", " LIMIT -1", " LIMIT ?", " OFFSET 2", " LIMIT 99999999999999999999",
          " FETCH FIRST 1 ROWS ONLY"));
    }
    if (depth < 3 && random.nextInt(10) == 0) {
      sb.append(pick(" UNION ", " UNION ALL ", " EXCEPT ", " INTERSECT ")).append(select());
    }
    return sb.toString();
  }

  private String where() {
    return random.nextInt(3) == 0 ? " WHERE " + expr() : "";
  }

  private String expr() {
    depth++;
    if (depth > 8) {
      return literal();
    }
    return switch (random.nextInt(12)) {
      case 0, 1 -> literal();
      case 2 -> column();
      case 3 -> expr() + pick(" + ", " - ", " * ", " / ", " % ", " || ", " = ", " <> ", " < ", " AND ", " OR ",
          " LIKE ", " IS DISTINCT FROM ", " :: ") + expr();
      case 4 -> pick(FUNCTIONS) + "(" + args() + ")";
      case 5 -> "CAST(" + expr() + " AS " + pick(TYPES) + ")";
      case 6 -> expr() + "::" + pick(TYPES);
      case 7 -> "CASE WHEN " + expr() + " THEN " + expr() + pick("", " ELSE " + expr()) + " END";
      case 8 -> expr() + pick(" IN (", " NOT IN (") + (random.nextBoolean() ? args() : select()) + ")";
      case 9 -> column() + pick(".a", "[0]", ".\"A\"", ".b[1].c", "[99999999999]");
      case 10 -> pick("count(*)", "count(DISTINCT a)", "APPROXIMATE COUNT(DISTINCT a)",
          "PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY a)", "sum(a) OVER (PARTITION BY b)", "EXISTS (SELECT 1)");
      default -> "(" + expr() + ")";
    };
  }

  private String args() {
    int n = random.nextInt(4);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i > 0 ? ", " : "").append(random.nextInt(3) == 0 ? literal() : expr());
    }
    return sb.toString();
  }

  private String table() {
    return pick(TABLES);
  }

  private String column() {
    return pick(COLUMNS);
  }

  private String literal() {
    return pick(LITERALS);
  }

  private String pick(String... from) {
    return from[random.nextInt(from.length)];
  }
}
