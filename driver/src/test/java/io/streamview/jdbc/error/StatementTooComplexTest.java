package io.streamview.jdbc.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A statement Calcite cannot plan (stack overflow) or whose generated code Janino cannot compile, such as an
 * INSERT … VALUES of thousands of rows: 54001 with a short message that says how to split it,
 * nothing inserted, and the batch it recommends works.
 */
class StatementTooComplexTest {

  /**
   * A 1,000-row INSERT is one {@code Values} (InsertValuesTest) and is stored whole. 6,000 rows make a method larger
   * than the JVM allows (the rows are constants in Calcite's generated code): 54001 with a short message, nothing
   * stored, and the batch the message recommends works.
   */
  @Test
  void aThousandRowInsertIsStoredAndSixThousandGive54001() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:"); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id INT, g VARCHAR(10), v DOUBLE PRECISION)");
      assertEquals(1000, s.executeUpdate(insert(1000)));
      assertEquals(1000, count(s));
      s.execute("DELETE FROM t");
      SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate(insert(6000)));
      assertEquals("54001", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().startsWith("statement too complex: "), e.getMessage());
      assertTrue(e.getMessage().contains("executeBatch"), e.getMessage());
      assertTrue(e.getMessage().length() < 600, "a short message, not the statement and its code: "
          + e.getMessage().length() + " characters");
      assertEquals(0, count(s), "nothing of a failed INSERT is stored");

      try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?)")) {
        for (int i = 0; i < 1000; i++) {
          ps.setInt(1, i);
          ps.setString(2, "g" + i % 7);
          ps.setDouble(3, i * 0.5);
          ps.addBatch();
        }
        assertEquals(1000, ps.executeBatch().length);
      }
      assertEquals(1000, count(s));
    }
  }

  @Test
  void codeJaninoCannotCompileGives54001WithoutTheCode() {
    String code = "public org.apache.calcite.linq4j.Enumerable bind(final org.apache.calcite.DataContext root) {\n"
        + "x".repeat(100_000) + "\n}";
    RuntimeException calcite = new RuntimeException("Error while compiling generated Java code:\n" + code,
        new IllegalStateException("Code of method \"bind\" of class \"Baz\" grows beyond 64 KB"));
    SQLException e = SqlExceptionMapper.toSqlException(new SQLException("Error while executing SQL \"INSERT …\": "
        + calcite.getMessage(), null, calcite));
    assertEquals("54001", e.getSQLState());
    assertTrue(e.getMessage().startsWith("statement too complex: its generated code could not be compiled (Code of "
        + "method \"bind\" of class \"Baz\" grows beyond 64 KB); split it"), e.getMessage());
  }

  @Test
  void aStackOverflowWhilePlanningGives54001() {
    SQLException e = SqlExceptionMapper.toSqlException(new RuntimeException("while planning",
        new StackOverflowError()));
    assertEquals("54001", e.getSQLState());
    assertTrue(e.getMessage().startsWith("statement too complex: planning it overflowed the stack; split it"),
        e.getMessage());
  }

  private static String insert(int rows) {
    StringBuilder insert = new StringBuilder("INSERT INTO t VALUES ");
    for (int i = 0; i < rows; i++) {
      insert.append(i > 0 ? "," : "").append('(').append(i).append(",'g").append(i % 7).append("',")
          .append(i * 0.5).append(')');
    }
    return insert.toString();
  }

  private static long count(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
