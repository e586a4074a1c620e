package io.streamview.jdbc.literal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.jdbc.ResultRows;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * {@code INSERT … VALUES} of many rows: planned as one {@code Values} whatever casts the column types need, stored
 * exactly as the same rows inserted one by one through a prepared statement, and the multi-row forms Calcite refused
 * (a string beside a NULL or an expression in a date column) accepted; a string that is no date gives 22007.
 */
class InsertValuesTest {

  private static final String COLUMNS = "(id BIGINT, g VARCHAR(10), v DOUBLE PRECISION, r REAL, n DECIMAL(10,2), "
      + "d DATE, ts TIMESTAMP, b BOOLEAN)";

  @Test
  void manyRowsAreOneValuesAndStoredLikeRowsInsertedOneByOne() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:"); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE bulk " + COLUMNS);
      s.execute("CREATE TABLE single " + COLUMNS);
      StringBuilder insert = new StringBuilder("INSERT INTO bulk VALUES ");
      for (int i = 0; i < 500; i++) {
        String row = row(i);
        insert.append(i > 0 ? ", " : "").append(row);
        s.executeUpdate("INSERT INTO single VALUES " + row);
      }
      String plan = String.join("\n", ResultRows.query(s, "EXPLAIN PLAN FOR " + insert));
      assertTrue(plan.contains("EnumerableValues"), plan.substring(0, Math.min(400, plan.length())));
      assertFalse(plan.contains("EnumerableUnion"), plan.substring(0, Math.min(400, plan.length())));
      assertEquals(500, s.executeUpdate(insert.toString()));
      String order = " ORDER BY id";
      List<String> single = ResultRows.query(s, "SELECT * FROM single" + order);
      assertEquals(single, ResultRows.query(s, "SELECT * FROM bulk" + order));
      assertEquals("7 | g7 | 3.5 | 0.7 | 7.50 | 2024-01-08 | 2024-01-01 00:00:07.0 | false",
          single.get(7).replace(".000", ".0"));
      assertEquals("10 | null | null | null | null | null | null | null", single.get(10));
    }
  }

  /** Every tenth row is NULLs; the others mix integers, decimals and strings that need casts into the columns. */
  private static String row(int i) {
    if (i % 10 == 0) {
      return "(" + i + ", NULL, NULL, NULL, NULL, NULL, NULL, NULL)";
    }
    return "(" + i + ", 'g" + i + "', " + i * 0.5 + ", " + i / 10.0 + ", " + (i + 0.5) + ", '2024-01-"
        + String.format("%02d", i % 28 + 1) + "', '2024-01-01 00:00:" + String.format("%02d", i % 60) + "', "
        + (i % 2 == 0) + ")";
  }

  @Test
  void aStringBesideANullOrAnExpressionInADateColumnIsTheDate() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:"); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (k INT, d DATE, ts TIMESTAMP)");
      assertEquals(4, s.executeUpdate("INSERT INTO t VALUES (1, '2024-01-02', '2024-01-02 03:04:05'), "
          + "(2, NULL, NULL), (3, DATE '2024-02-03', TIMESTAMP '2024-02-03 04:05:06'), "
          + "(4, '2024-03-04', '2024-03-04 05:06:07.123')"));
      assertEquals(List.of("1 | 2024-01-02 | 2024-01-02 03:04:05", "2 | null | null",
              "3 | 2024-02-03 | 2024-02-03 04:05:06", "4 | 2024-03-04 | 2024-03-04 05:06:07.123"),
          ResultRows.query(s, "SELECT k, d, ts FROM t ORDER BY k").stream()
              .map(r -> r.replace(":05.000", ":05").replace(":06.000", ":06")).toList());
      assertEquals(1, s.executeUpdate("INSERT INTO t VALUES (5, CURRENT_DATE, NULL), (6, '2024-05-06', NULL)")
          - 1);
      assertEquals(List.of("2024-05-06"), ResultRows.query(s, "SELECT d FROM t WHERE k = 6"));
    }
  }

  @Test
  void rowsWithExpressionsStillWork() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:"); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (k INT, v DOUBLE PRECISION, g VARCHAR(5))");
      assertEquals(3, s.executeUpdate("INSERT INTO t VALUES (1, 1 + 1, 'a' || 'b'), (2, 2.5, 'c'), (3, NULL, NULL)"));
      assertEquals(List.of("1 | 2.0 | ab", "2 | 2.5 | c", "3 | null | null"),
          ResultRows.query(s, "SELECT * FROM t ORDER BY k"));
      assertEquals(List.of("1 | 2.5", "2 | 3.0"),
          ResultRows.query(s, "SELECT * FROM (VALUES (1, 2.5), (2, 3)) AS q(a, b) ORDER BY a"));
    }
  }

  @Test
  void aStringThatIsNoDateGives22007AndStoresNothing() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:"); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (k INT, d DATE)");
      for (String insert : List.of("INSERT INTO t VALUES (1, 'garbage')",
          "INSERT INTO t VALUES (1, '2024-01-02'), (2, 'garbage'), (3, NULL)")) {
        SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate(insert));
        assertEquals("22007", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().startsWith("invalid date or time value 'garbage'; write a DATE as 'YYYY-MM-DD'"),
            e.getMessage());
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO t SELECT 1, CAST(x AS DATE) FROM "
          + "(VALUES ('2024-01-01'), ('nope')) AS q(x)")) {
        SQLException e = assertThrows(SQLException.class, ps::executeUpdate);
        assertEquals("22007", e.getSQLState(), e.getMessage());
      }
      assertEquals(List.of("0"), ResultRows.query(s, "SELECT COUNT(*) FROM t"));
    }
  }
}
