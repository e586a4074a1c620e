package io.streamview.jdbc.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mutates a valid statement into a likely invalid one: token deletion, duplication and swap, random keywords,
 * truncation, odd literals (huge numbers, unicode, empty and unterminated strings), nested parentheses.
 */
final class SqlMutator {

  private static final Pattern TOKEN = Pattern.compile(
      "'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?|[A-Za-z_][A-Za-z_0-9$]*|::|<>|<=|>=|!=|\\|\\||\\S");

  static final String[] KEYWORDS = {
      "SELECT", "FROM", "WHERE", "GROUP", "BY", "ORDER", "HAVING", "LIMIT", "OFFSET", "JOIN", "ON", "UNION", "ALL",
      "DISTINCT", "AS", "CASE", "WHEN", "THEN", "ELSE", "END", "NULL", "NOT", "AND", "OR", "IN", "IS", "BETWEEN",
      "LIKE", "CAST", "TABLE", "VIEW", "MATERIALIZED", "CREATE", "DROP", "ALTER", "REFRESH", "INSERT", "INTO", "VALUES",
      "UPDATE", "SET", "DELETE", "TRUNCATE", "SCHEMA", "EXTERNAL", "KINESIS", "IAM_ROLE", "AUTO", "YES", "NO",
      "CASCADE", "IF", "EXISTS", "PRIMARY", "KEY", "UNIQUE", "REFERENCES", "DEFAULT", "DISTKEY", "SORTKEY",
      "DISTSTYLE", "BACKUP", "WITH", "RECURSIVE", "OVER", "PARTITION", "ROWS", "INTERVAL", "TIMESTAMP", "DATE",
      "SUPER", "VARBYTE", "APPROXIMATE", "WITHIN", "LATERAL", "UNNEST", "EXPLAIN", "MERGE", "GRANT", "ANALYZE",
      "COMMIT", "ROLLBACK", "BEGIN", "VACUUM", "COPY", "UNLOAD", "CALL", "TABLESAMPLE", "MATCH_RECOGNIZE", "PIVOT",
      "QUALIFY", "FETCH", "NEXT", "FIRST", "ONLY", "CURRENT_DATE", "SYSDATE", "GETDATE", "*", ",", "(", ")", ".",
      ";", "?", "=", "+", "-", "/", "%", "||", "::", "[", "]", "{", "}", "$1", "@"};

  static final String[] ODD_LITERALS = {
      "99999999999999999999999999999999999999999", "-9223372036854775809", "9223372036854775807", "2147483648",
      "1e309", "-1e-400", "0.0000000000000000000000000000000000001", "1.7976931348623157E308", "-0", "00012",
      "''", "'", "'''", "'\\'", "'\u00e9\u00e8\u4e2d\u6587'", "'\ud83d\ude00'", "'\u0000'", "N'x'", "X'0G'",
      "E'\\x'", "'2026-13-45'", "DATE '2026-02-30'", "TIMESTAMP 'yesterday'", "INTERVAL '1' FORTNIGHT",
      "INTERVAL 'x' DAY", "CAST('abc' AS INTEGER)", "CAST(1e40 AS INTEGER)", "1/0", "NULL", "TRUE", "?",
      "\"\u00fcml\u00e4ut\"", "\"\"", "\"a\"\"b\"", "JSON_PARSE('{')", "JSON_PARSE('[1,2')", "'" + "x".repeat(70000) + "'",
      "repeat('ab', 1000)", "1" + "0".repeat(400), "\u2028", "\uFEFF"};

  private final Random random;

  SqlMutator(Random random) {
    this.random = random;
  }

  static List<String> tokens(String sql) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(sql);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /** {@code sql} with one to three mutations. */
  String mutate(String sql) {
    List<String> t = tokens(sql);
    int rounds = 1 + random.nextInt(3);
    for (int r = 0; r < rounds; r++) {
      if (t.isEmpty()) {
        t.add(pick(KEYWORDS));
      }
      int i = random.nextInt(t.size());
      switch (random.nextInt(10)) {
        case 0 -> t.remove(i);
        case 1 -> t.add(i, t.get(i));
        case 2 -> {
          int j = random.nextInt(t.size());
          String x = t.get(i);
          t.set(i, t.get(j));
          t.set(j, x);
        }
        case 3 -> t.add(i, pick(KEYWORDS));
        case 4 -> t.set(i, pick(KEYWORDS));
        case 5 -> t.subList(1 + random.nextInt(t.size()), t.size()).clear();
        case 6 -> {
          int lit = literalIndex(t);
          t.set(lit >= 0 ? lit : i, pick(ODD_LITERALS));
        }
        case 7 -> {
          int depth = 1 + random.nextInt(random.nextInt(10) == 0 ? 300 : 6);
          int j = i + random.nextInt(t.size() - i);
          t.add(j + 1, ")".repeat(depth));
          t.add(i, "(".repeat(depth));
        }
        case 8 -> t.set(i, t.get(i).toUpperCase().equals(t.get(i)) ? "\"" + t.get(i) + "\"" : t.get(i).toUpperCase());
        default -> {
          String s = String.join(" ", t);
          int cut = random.nextInt(s.length() + 1);
          return s.substring(0, cut);
        }
      }
    }
    return String.join(" ", t);
  }

  private int literalIndex(List<String> t) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) {
      char c = t.get(i).charAt(0);
      if (c == '\'' || Character.isDigit(c)) {
        idx.add(i);
      }
    }
    return idx.isEmpty() ? -1 : idx.get(random.nextInt(idx.size()));
  }

  private String pick(String[] from) {
    return from[random.nextInt(from.length)];
  }
}
