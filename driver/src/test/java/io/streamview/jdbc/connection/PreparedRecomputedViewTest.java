package io.streamview.jdbc.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.jdbc.ResultRows;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A statement prepared on a materialized view over tables (recomputed into a new row store by each REFRESH) and
 * executed again sees the rows of the latest refresh, with and without the connection's plan cache; a view dropped
 * since gives 42P01 naming it, and one created again with other columns is refused rather than read.
 */
class PreparedRecomputedViewTest {

  private static final AtomicInteger DATABASES = new AtomicInteger();

  private static Connection open(String properties) throws SQLException {
    return DriverManager.getConnection("jdbc:streamview:mem:" + properties);
  }

  /** Two connections to one new named in-memory database. */
  private static Connection[] openTwo(String properties) throws SQLException {
    String url = "jdbc:streamview:mem:prepared_recomputed_" + DATABASES.incrementAndGet() + properties;
    Connection first = DriverManager.getConnection(url);
    return new Connection[] {first, DriverManager.getConnection(url)};
  }

  private static List<String> rows(PreparedStatement ps) throws SQLException {
    return ResultRows.query(ps);
  }

  private static List<String> lookup(PreparedStatement ps, int id) throws SQLException {
    ps.setInt(1, id);
    return rows(ps);
  }

  @ParameterizedTest(name = "properties \"{0}\"")
  @ValueSource(strings = {"", ";queryCacheSize=0"})
  void aPreparedSelectExecutedAgainSeesTheRowsOfTheLatestRefresh(String properties) throws SQLException {
    Connection[] two = openTwo(properties);
    try (Connection c = two[0]; Connection other = two[1]; Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id INTEGER, amount BIGINT)");
      s.execute("INSERT INTO t VALUES (1, 10), (2, 20)");
      s.execute("CREATE MATERIALIZED VIEW m AS SELECT id, amount * 2 AS doubled FROM t WHERE amount > 5");
      s.execute("CREATE VIEW over_m AS SELECT id FROM m WHERE doubled > 30");
      s.execute("CREATE MATERIALIZED VIEW m2 AS SELECT id FROM over_m"); // over a view, recomputed too
      try (PreparedStatement all = c.prepareStatement("SELECT id, doubled FROM m ORDER BY id");
           PreparedStatement filtered = c.prepareStatement("SELECT doubled FROM m WHERE id = ?");
           PreparedStatement throughView = c.prepareStatement("SELECT id FROM over_m ORDER BY id");
           PreparedStatement second = c.prepareStatement("SELECT COUNT(*) FROM m2")) {
        assertEquals(List.of("1 | 20", "2 | 40"), rows(all));
        assertEquals(List.of("2"), rows(throughView));
        assertEquals(List.of("1"), rows(second));

        s.execute("INSERT INTO t VALUES (3, 30), (4, 1)");
        assertEquals(List.of("1 | 20", "2 | 40"), rows(all), "the view's rows until its refresh");
        s.execute("REFRESH MATERIALIZED VIEW m");
        for (int round = 0; round < 2; round++) {
          assertEquals(List.of("1 | 20", "2 | 40", "3 | 60"), rows(all));
          assertEquals(List.of("60"), lookup(filtered, 3));
          assertEquals(List.of(), lookup(filtered, 4));
          assertEquals(List.of("2", "3"), rows(throughView));
        }
        assertEquals(List.of("1"), rows(second), "m2 until its own refresh");
        s.execute("REFRESH MATERIALIZED VIEW m2");
        assertEquals(List.of("2"), rows(second));

        // a refresh through another connection, twice (two store swaps between executions)
        try (Statement o = other.createStatement()) {
          o.execute("DELETE FROM t WHERE id = 1");
          o.execute("REFRESH MATERIALIZED VIEW m");
          o.execute("INSERT INTO t VALUES (5, 50)");
          o.execute("REFRESH MATERIALIZED VIEW m");
        }
        assertEquals(List.of("2 | 40", "3 | 60", "5 | 100"), rows(all));
        assertEquals(List.of(), lookup(filtered, 1));
        assertEquals(List.of("100"), lookup(filtered, 5));
        assertEquals(List.of("2", "3", "5"), rows(throughView));
      }
    }
  }

  @ParameterizedTest(name = "properties \"{0}\"")
  @ValueSource(strings = {"", ";queryCacheSize=0"})
  void aPreparedPointLookupOfAnAggregatingViewFollowsItsRefreshes(String properties) throws SQLException {
    try (Connection c = open(properties); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id INTEGER, amount BIGINT)");
      s.execute("INSERT INTO t VALUES (1, 10), (1, 5), (2, 7)");
      s.execute("CREATE MATERIALIZED VIEW m AS SELECT id, COUNT(*) AS n, SUM(amount) AS total FROM t GROUP BY id");
      try (PreparedStatement byGroup = c.prepareStatement("SELECT n, total FROM m WHERE id = ?")) {
        assertEquals(List.of("2 | 15"), lookup(byGroup, 1));
        assertEquals(List.of(), lookup(byGroup, 3));
        for (int refresh = 1; refresh <= 3; refresh++) {
          s.execute("INSERT INTO t VALUES (1, " + refresh + "), (3, " + refresh + ")");
          s.execute("REFRESH MATERIALIZED VIEW m");
          int sum = 15 + refresh * (refresh + 1) / 2;
          assertEquals(List.of((2 + refresh) + " | " + sum), lookup(byGroup, 1), "after refresh " + refresh);
          assertEquals(List.of(refresh + " | " + refresh * (refresh + 1) / 2), lookup(byGroup, 3));
          assertEquals(List.of("1 | 7"), lookup(byGroup, 2));
        }
      }
    }
  }

  @ParameterizedTest(name = "properties \"{0}\"")
  @ValueSource(strings = {"", ";queryCacheSize=0"})
  void aStatementPreparedOnADroppedViewGives42P01AndRunsAgainOnceTheViewIsBack(String properties)
      throws SQLException {
    try (Connection c = open(properties); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id INTEGER, amount BIGINT)");
      s.execute("INSERT INTO t VALUES (1, 10), (2, 20)");
      s.execute("CREATE MATERIALIZED VIEW m AS SELECT id, COUNT(*) AS n FROM t GROUP BY id");
      try (PreparedStatement byGroup = c.prepareStatement("SELECT n FROM m WHERE id = ?");
           PreparedStatement all = c.prepareStatement("SELECT id, n FROM m ORDER BY id")) {
        assertEquals(List.of("1"), lookup(byGroup, 1));
        s.execute("DROP MATERIALIZED VIEW m");
        for (PreparedStatement ps : List.of(byGroup, all)) {
          SQLException e = assertThrows(SQLException.class, () -> lookupOrAll(ps));
          assertEquals("42P01", e.getSQLState(), e.getMessage());
          assertTrue(e.getMessage().contains("relation \"m\" does not exist"), e.getMessage());
          assertTrue(e.getMessage().contains("public.m was dropped"), e.getMessage());
          assertTrue(e.getMessage().contains("prepare the statement again"), e.getMessage());
        }
        // the same view created again (same columns, another query): the prepared statements read it
        s.execute("INSERT INTO t VALUES (1, 30)");
        s.execute("CREATE MATERIALIZED VIEW m AS SELECT id, COUNT(*) AS n FROM t WHERE amount > 15 GROUP BY id");
        assertEquals(List.of("1"), lookup(byGroup, 1));
        assertEquals(List.of("1"), lookup(byGroup, 2));
        assertEquals(List.of("1 | 1", "2 | 1"), rows(all));
      }
    }
  }

  @ParameterizedTest(name = "properties \"{0}\"")
  @ValueSource(strings = {"", ";queryCacheSize=0"})
  void aStatementPreparedOnAViewCreatedAgainWithOtherColumnsIsRefused(String properties) throws SQLException {
    try (Connection c = open(properties); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id INTEGER, amount BIGINT, label VARCHAR(10))");
      s.execute("INSERT INTO t VALUES (1, 10, 'a'), (2, 20, 'b')");
      s.execute("CREATE MATERIALIZED VIEW m AS SELECT id, amount FROM t");
      try (PreparedStatement byId = c.prepareStatement("SELECT amount FROM m WHERE id = ?")) {
        assertEquals(List.of("10"), lookup(byId, 1));
        s.execute("DROP MATERIALIZED VIEW m");
        s.execute("CREATE MATERIALIZED VIEW m AS SELECT id, label AS amount FROM t"); // same names, other type
        SQLException e = assertThrows(SQLException.class, () -> lookup(byId, 1));
        assertEquals("0A000", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("public.m was dropped and created again with other columns"),
            e.getMessage());
        assertTrue(e.getMessage().contains("prepare the statement again"), e.getMessage());
        try (PreparedStatement again = c.prepareStatement("SELECT amount FROM m WHERE id = ?")) {
          assertEquals(List.of("a"), lookup(again, 1));
        }
        s.execute("REFRESH MATERIALIZED VIEW m");
        assertThrows(SQLException.class, () -> lookup(byId, 1), "still the other columns after a refresh");
      }
    }
  }

  private static List<String> lookupOrAll(PreparedStatement ps) throws SQLException {
    return ps.getParameterMetaData().getParameterCount() == 1 ? lookup(ps, 1) : rows(ps);
  }
}
