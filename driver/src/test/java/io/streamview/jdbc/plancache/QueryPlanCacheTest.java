package io.streamview.jdbc.plancache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The per-connection query plan cache ({@code queryCacheSize}): a repeated query is planned once, and gives exactly
 * what it gives without the cache when data, definitions, settings and statement options change between runs.
 * Calcite's {@link Hook#PARSE_TREE} counts the statements Calcite parsed on this thread, which is how a test sees
 * that a plan was (or was not) made again.
 */
class QueryPlanCacheTest {

  private static Connection open(int cacheSize) throws SQLException {
    return DriverManager.getConnection("jdbc:streamview:mem:;queryCacheSize=" + cacheSize);
  }

  private static QueryPlanCache cacheOf(Connection c) throws SQLException {
    return QueryPlanCaches.of(c.unwrap(CalciteConnection.class).getRootSchema()).orElseThrow();
  }

  static List<String> rows(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      return render(rs);
    }
  }

  static List<String> render(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    ResultSetMetaData md = rs.getMetaData();
    List<String> header = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      header.add(md.getColumnLabel(i) + ":" + md.getColumnTypeName(i));
    }
    out.add(String.join(" | ", header));
    while (rs.next()) {
      List<String> row = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        Object v = rs.getObject(i);
        row.add(String.valueOf(v));
      }
      out.add(String.join(" | ", row));
    }
    return out;
  }

  /** Runs {@code work} and returns how many statements Calcite parsed meanwhile on this thread. */
  private static int parses(SqlWork work) throws SQLException {
    AtomicInteger n = new AtomicInteger();
    try (Hook.Closeable ignored = Hook.PARSE_TREE.addThread((Consumer<Object[]>) a -> n.incrementAndGet())) {
      work.run();
    }
    return n.get();
  }

  private interface SqlWork {
    void run() throws SQLException;
  }

  @Test
  void aRepeatedQueryIsPlannedOnceAndPreparedStatementsShareThePlan() throws SQLException {
    try (Connection c = open(16); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id INTEGER, name VARCHAR(10))");
      s.execute("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
      String q = "SELECT id, name FROM t WHERE id >= 2 ORDER BY id";
      List<String> first = rows(s, q);
      assertEquals(List.of("id:INTEGER | name:VARCHAR", "2 | b", "3 | c"), first);
      long hits = cacheOf(c).hits();
      assertEquals(0, parses(() -> {
        assertEquals(first, rows(s, q));
        assertTrue(s.execute(q));
        assertEquals(first, render(s.getResultSet()));
        assertEquals(-1, s.getUpdateCount());
        try (Statement other = c.createStatement()) {
          assertEquals(first, rows(other, q));
        }
      }));
      assertEquals(hits + 3, cacheOf(c).hits());

      String lookup = "SELECT name FROM t WHERE id = ?";
      try (PreparedStatement p1 = c.prepareStatement(lookup)) {
        assertEquals(0, parses(() -> {
          try (PreparedStatement p2 = c.prepareStatement(lookup)) {
            p1.setInt(1, 1);
            p2.setInt(1, 3);
            try (ResultSet r1 = p1.executeQuery(); ResultSet r2 = p2.executeQuery()) {
              assertTrue(r1.next());
              assertTrue(r2.next());
              assertEquals("a", r1.getString(1));
              assertEquals("c", r2.getString(1));
              assertFalse(r1.next());
              assertFalse(r2.next());
            }
            assertEquals(1, p2.getParameterMetaData().getParameterCount());
            assertEquals("name", p2.getMetaData().getColumnLabel(1));
          }
        }), "the second prepareStatement of the same text is not parsed by Calcite again");
      }
    }
  }

  @ParameterizedTest(name = "queryCacheSize={0}")
  @ValueSource(ints = {0, 1, 16})
  void dataChangedBetweenRunsIsSeen(int cacheSize) throws SQLException {
    try (Connection c = open(cacheSize); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id INTEGER, amount DECIMAL(8,2))");
      s.execute("CREATE VIEW v AS SELECT id, amount * 2 AS twice FROM t");
      s.execute("CREATE MATERIALIZED VIEW m AS SELECT COUNT(*) AS n, SUM(amount) AS total FROM t");
      String sum = "SELECT COUNT(*), SUM(amount) FROM t";
      String view = "SELECT id, twice FROM v ORDER BY id";
      String mv = "SELECT n, total FROM m";
      assertEquals(List.of("EXPR$0:BIGINT | EXPR$1:DECIMAL", "0 | null"), rows(s, sum));
      assertEquals(List.of("id:INTEGER | twice:DECIMAL"), rows(s, view));
      assertEquals(List.of("n:BIGINT | total:DECIMAL", "0 | null"), rows(s, mv));
      s.execute("INSERT INTO t VALUES (1, 1.50), (2, 2.25)");
      assertEquals(List.of("EXPR$0:BIGINT | EXPR$1:DECIMAL", "2 | 3.75"), rows(s, sum));
      assertEquals(List.of("id:INTEGER | twice:DECIMAL", "1 | 3.00", "2 | 4.50"), rows(s, view));
      assertEquals(List.of("n:BIGINT | total:DECIMAL", "0 | null"), rows(s, mv), "until refreshed");
      s.execute("REFRESH MATERIALIZED VIEW m"); // recomputed into a new store, swapped in by the catalog
      assertEquals(List.of("n:BIGINT | total:DECIMAL", "2 | 3.75"), rows(s, mv));
      s.execute("UPDATE t SET amount = 10 WHERE id = 1");
      s.execute("DELETE FROM t WHERE id = 2");
      assertEquals(List.of("EXPR$0:BIGINT | EXPR$1:DECIMAL", "1 | 10.00"), rows(s, sum));
      assertEquals(List.of("id:INTEGER | twice:DECIMAL", "1 | 20.00"), rows(s, view));
      s.execute("TRUNCATE t");
      assertEquals(List.of("EXPR$0:BIGINT | EXPR$1:DECIMAL", "0 | null"), rows(s, sum));
      try (PreparedStatement p = c.prepareStatement("SELECT twice FROM v WHERE id = ?")) {
        p.setInt(1, 7);
        try (ResultSet rs = p.executeQuery()) {
          assertFalse(rs.next());
        }
        s.execute("INSERT INTO t VALUES (7, 0.5)");
        try (ResultSet rs = p.executeQuery()) {
          assertTrue(rs.next());
          assertEquals("1.00", rs.getBigDecimal(1).toPlainString());
        }
      }
    }
  }

  @ParameterizedTest(name = "queryCacheSize={0}")
  @ValueSource(ints = {0, 16})
  void ddlBetweenRunsReplans(int cacheSize) throws SQLException {
    try (Connection c = open(cacheSize); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id INTEGER, name VARCHAR(10))");
      s.execute("INSERT INTO t VALUES (1, 'a')");
      s.execute("CREATE VIEW v AS SELECT id FROM t");
      String q = "SELECT * FROM v";
      assertEquals(List.of("id:INTEGER", "1"), rows(s, q));
      assertEquals(0, cacheSize == 0 ? 0 : parses(() -> rows(s, q)), "planned once");
      s.execute("CREATE OR REPLACE VIEW v AS SELECT name, id * 10 AS id10 FROM t");
      assertEquals(1, parses(() -> assertEquals(List.of("name:VARCHAR | id10:INTEGER", "a | 10"), rows(s, q))));

      String all = "SELECT * FROM t";
      assertEquals(List.of("id:INTEGER | name:VARCHAR", "1 | a"), rows(s, all));
      s.execute("DROP TABLE t CASCADE");
      s.execute("CREATE TABLE t (code VARCHAR(5), id BIGINT, extra BOOLEAN)");
      s.execute("INSERT INTO t VALUES ('x', 5, true)");
      assertEquals(List.of("code:VARCHAR | id:BIGINT | extra:BOOLEAN", "x | 5 | true"), rows(s, all));

      // another connection's DDL makes this connection's plan stale too
      String shared = "jdbc:streamview:mem:plancache_" + UUID.randomUUID().toString().replace("-", "")
          + ";queryCacheSize=" + cacheSize;
      try (Connection a = DriverManager.getConnection(shared); Statement sa = a.createStatement();
           Connection b = DriverManager.getConnection(shared); Statement sb = b.createStatement()) {
        sa.execute("CREATE TABLE u (x INTEGER)");
        sa.execute("INSERT INTO u VALUES (1), (2)");
        sa.execute("CREATE VIEW w AS SELECT x FROM u WHERE x > 1");
        assertEquals(List.of("x:INTEGER", "2"), rows(sa, "SELECT x FROM w"));
        sb.execute("CREATE OR REPLACE VIEW w AS SELECT x FROM u WHERE x < 2");
        assertEquals(List.of("x:INTEGER", "1"), rows(sa, "SELECT x FROM w"));
      }
    }
  }

  @ParameterizedTest(name = "queryCacheSize={0}")
  @ValueSource(ints = {0, 16})
  void aDroppedObjectGivesTheUsualErrorNotAStalePlan(int cacheSize) throws SQLException {
    try (Connection c = open(cacheSize); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id INTEGER)");
      s.execute("INSERT INTO t VALUES (1)");
      s.execute("CREATE VIEW v AS SELECT id FROM t");
      s.execute("CREATE MATERIALIZED VIEW m AS SELECT COUNT(*) AS n FROM t");
      for (String q : List.of("SELECT * FROM v", "SELECT n FROM m", "SELECT id FROM t")) {
        rows(s, q);
        rows(s, q);
      }
      PreparedStatement prepared = c.prepareStatement("SELECT n FROM m");
      s.execute("DROP VIEW v");
      SQLException view = assertThrows(SQLException.class, () -> rows(s, "SELECT * FROM v"));
      assertEquals("42P01", view.getSQLState(), view.getMessage());
      assertTrue(view.getMessage().contains("\"v\" does not exist"), view.getMessage());
      s.execute("DROP MATERIALIZED VIEW m");
      SQLException mv = assertThrows(SQLException.class, () -> rows(s, "SELECT n FROM m"));
      assertEquals("42P01", mv.getSQLState(), mv.getMessage());
      assertThrows(SQLException.class, () -> c.prepareStatement("SELECT n FROM m"));
      prepared.close();
      s.execute("DROP TABLE t");
      SQLException table = assertThrows(SQLException.class, () -> rows(s, "SELECT id FROM t"));
      assertEquals("42P01", table.getSQLState(), table.getMessage());
      s.execute("CREATE TABLE t (id VARCHAR(3))");
      s.execute("INSERT INTO t VALUES ('new')");
      assertEquals(List.of("id:VARCHAR", "new"), rows(s, "SELECT id FROM t"));
    }
  }

  @Test
  void cacheSizeZeroKeepsNoPlanAndBadSizesAreRefused() throws SQLException {
    try (Connection c = open(0); Statement s = c.createStatement()) {
      assertTrue(QueryPlanCaches.of(c.unwrap(CalciteConnection.class).getRootSchema()).isEmpty());
      s.execute("CREATE TABLE t (id INTEGER)");
      s.execute("INSERT INTO t VALUES (4)");
      assertEquals(2, parses(() -> {
        assertEquals(List.of("id:INTEGER", "4"), rows(s, "SELECT id FROM t"));
        assertEquals(List.of("id:INTEGER", "4"), rows(s, "SELECT id FROM t"));
      }));
    }
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:")) {
      assertEquals(QueryPlanCaches.DEFAULT_SIZE, cacheOf(c).capacity());
    }
    for (String bad : List.of("-1", "many", "10001")) {
      SQLException e = assertThrows(SQLException.class,
          () -> DriverManager.getConnection("jdbc:streamview:mem:;queryCacheSize=" + bad));
      assertEquals("22023", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("queryCacheSize"), e.getMessage());
    }
  }

  @Test
  void theLeastRecentlyUsedPlanMakesRoomAndAClosedConnectionDropsItsCache() throws SQLException {
    Connection c = open(2);
    var root = c.unwrap(CalciteConnection.class).getRootSchema();
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id INTEGER)");
      s.execute("INSERT INTO t VALUES (1), (2), (3)");
      String a = "SELECT COUNT(*) FROM t";
      String b = "SELECT MAX(id) FROM t";
      String d = "SELECT MIN(id) FROM t";
      assertEquals(3, parses(() -> {
        rows(s, a);
        rows(s, b);
        rows(s, a); // a is now the most recently used
        rows(s, d); // evicts b
        rows(s, a);
        rows(s, d);
      }));
      assertEquals(2, cacheOf(c).size());
      assertEquals(1, parses(() -> rows(s, b)));
    }
    c.close();
    assertTrue(QueryPlanCaches.of(root).isEmpty());
  }

  @ParameterizedTest(name = "queryCacheSize={0}")
  @ValueSource(ints = {0, 16})
  void statementOptionsBehaveAsWithoutTheCache(int cacheSize) throws SQLException {
    try (Connection c = open(cacheSize); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id INTEGER)");
      s.execute("INSERT INTO t VALUES (1), (2), (3), (4), (5)");
      String q = "SELECT id FROM t ORDER BY id";
      assertEquals(6, rows(s, q).size());
      s.setMaxRows(2);
      assertEquals(List.of("id:INTEGER", "1", "2"), rows(s, q));
      assertEquals(List.of("id:INTEGER", "1", "2"), rows(s, q));
      s.setMaxRows(0);
      assertEquals(6, rows(s, q).size());
      s.setFetchSize(1);
      assertEquals(6, rows(s, q).size());

      ResultSet open = s.executeQuery(q);
      assertNotNull(open.getStatement());
      ResultSet next = s.executeQuery(q); // a statement's new result closes its previous one
      assertTrue(open.isClosed());
      assertTrue(next.next());
      s.close();
      assertTrue(next.isClosed());
      SQLException closed = assertThrows(SQLException.class, () -> s.executeQuery(q));
      assertEquals("55000", closed.getSQLState(), closed.getMessage());

      try (Statement u = c.createStatement()) {
        assertFalse(u.execute("UPDATE t SET id = id + 10 WHERE id > 3"));
        assertEquals(2, u.getUpdateCount());
        assertNull(u.getResultSet());
        assertFalse(u.execute("UPDATE t SET id = id + 10 WHERE id > 3"));
        assertEquals(2, u.getUpdateCount());
        assertTrue(u.execute("SELECT COUNT(*) FROM t WHERE id > 10"));
        assertEquals(-1, u.getUpdateCount());
        ResultSet rs = u.getResultSet();
        assertNotNull(rs);
        assertTrue(rs.next());
        assertEquals(2, rs.getLong(1));
        assertEquals(2, u.executeUpdate("DELETE FROM t WHERE id > 10"));
        assertEquals(2, u.executeUpdate("INSERT INTO t VALUES (8), (9)"));
        assertEquals(2, u.executeUpdate("DELETE FROM t WHERE id > 7"));
      }
    }
  }

  @Test
  void aSettingThatChangesPlanningIsPartOfTheKey() throws SQLException {
    try (Connection c = open(16); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id INTEGER, payload SUPER)");
      s.execute("INSERT INTO t VALUES (1, JSON_PARSE('{\"Name\":\"Ann\"}'))");
      String q = "SELECT payload.name FROM t";
      assertEquals(List.of("\"Ann\""), rows(s, q).subList(1, 2));
      s.execute("SET enable_case_sensitive_super_attribute TO true");
      assertEquals(List.of("null"), rows(s, q).subList(1, 2));
      s.execute("RESET enable_case_sensitive_super_attribute");
      assertEquals(List.of("\"Ann\""), rows(s, q).subList(1, 2));
    }
  }

  @Test
  void concurrentStatementsOfOneConnectionGetWholeCorrectResults() throws Exception {
    try (Connection c = open(4); Statement setup = c.createStatement()) {
      setup.execute("CREATE TABLE t (id INTEGER, grp VARCHAR(1))");
      StringBuilder insert = new StringBuilder("INSERT INTO t VALUES (0, 'a')");
      for (int i = 1; i < 300; i++) {
        insert.append(", (").append(i).append(", '").append("abc".charAt(i % 3)).append("')");
      }
      setup.execute(insert.toString());
      setup.execute("CREATE VIEW v AS SELECT id, 'one' AS tag FROM t");
      List<String> groups = List.of("grp:VARCHAR | EXPR$1:BIGINT", "a | 100", "b | 100", "c | 100");
      Set<List<String>> viewOutcomes = Set.of(List.of("tag:CHAR | EXPR$1:BIGINT", "one | 300"),
          List.of("tag:CHAR | EXPR$1:BIGINT", "two | 300"));
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(5);
      try {
        List<Future<Integer>> readers = new ArrayList<>();
        List<Statement> statements = new ArrayList<>();
        List<PreparedStatement> lookups = new ArrayList<>();
        for (int r = 0; r < 5; r++) { // made here: Calcite numbers a connection's new statements with a plain counter
          statements.add(c.createStatement());
          lookups.add(c.prepareStatement("SELECT grp FROM t WHERE id = ?"));
        }
        for (int r = 0; r < 4; r++) {
          int seed = r;
          readers.add(pool.submit(() -> {
            int runs = 0;
            Statement s = statements.get(seed);
            PreparedStatement p = lookups.get(seed);
            {
              for (int i = 0; i < 40; i++) {
                assertEquals(groups, rows(s, "SELECT grp, COUNT(*) FROM t GROUP BY grp ORDER BY grp"));
                assertEquals(List.of("EXPR$0:BIGINT", "300"), rows(s, "SELECT COUNT(*) FROM t"));
                assertTrue(viewOutcomes.contains(rows(s, "SELECT tag, COUNT(*) FROM v GROUP BY tag")));
                int id = (i * 7 + seed) % 300;
                p.setInt(1, id);
                try (ResultSet rs = p.executeQuery()) {
                  assertTrue(rs.next());
                  assertEquals(String.valueOf("abc".charAt(id % 3)), rs.getString(1));
                  assertFalse(rs.next());
                }
                runs++;
              }
            }
            return runs;
          }));
        }
        Future<Integer> replacer = pool.submit(() -> {
          int n = 0;
          Statement s = statements.get(4);
          {
            while (!stop.get()) {
              s.execute("CREATE OR REPLACE VIEW v AS SELECT id, '" + (n++ % 2 == 0 ? "two" : "one") + "' AS tag FROM t");
              Thread.sleep(20); // pacing only: let the readers run plans between two replacements
            }
          }
          return n;
        });
        for (Future<Integer> f : readers) {
          assertEquals(40, f.get(5, TimeUnit.MINUTES));
        }
        stop.set(true);
        assertTrue(replacer.get(1, TimeUnit.MINUTES) > 0);
      } finally {
        stop.set(true);
        pool.shutdownNow();
      }
      assertTrue(cacheOf(c).hits() > 0, cacheOf(c).toString());
    }
  }
}
