package io.streamview.jdbc.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.jdbc.ResultRows;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.StreamViewCalciteConnection;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.util.Holder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a connection keeps between statement executions ({@link StreamViewCalciteConnection}: its configuration per
 * property version, and a data context whose variables are worked out when asked): a prepared statement executed
 * again sees rows written and refreshed meanwhile, definitions replaced, and connection properties changed, exactly
 * as a newly prepared one does; the variables of the data context keep Calcite's values.
 */
class ConnectionReuseTest {

  private static Connection open(int cacheSize) throws SQLException {
    return DriverManager.getConnection("jdbc:streamview:mem:;queryCacheSize=" + cacheSize);
  }

  private static List<String> rows(PreparedStatement ps) throws SQLException {
    return ResultRows.query(ps);
  }

  private static List<String> lookup(PreparedStatement ps, int id) throws SQLException {
    ps.setInt(1, id);
    return rows(ps);
  }

  @Test
  void theConfigurationIsReadOncePerPropertyChange() throws SQLException {
    try (Connection c = open(16)) {
      CalciteConnection cc = c.unwrap(CalciteConnection.class);
      assertTrue(cc instanceof StreamViewCalciteConnection, cc.getClass().getName());
      assertSame(cc.config(), cc.config());
      Object before = cc.config();
      cc.getProperties().setProperty("timeZone", "Asia/Tokyo");
      assertNotSame(before, cc.config());
      assertEquals("Asia/Tokyo", cc.config().timeZone());
      assertSame(cc.config(), cc.config());
      cc.getProperties().remove("timeZone");
      assertEquals(new org.apache.calcite.config.CalciteConnectionConfigImpl(cc.getProperties()).timeZone(),
          cc.config().timeZone());
      assertEquals(java.util.TimeZone.getDefault().getID(), c.unwrap(
          org.apache.calcite.avatica.AvaticaConnection.class).getTimeZone().getID());
    }
  }

  @ParameterizedTest(name = "queryCacheSize={0}")
  @ValueSource(ints = {0, 16})
  void aPreparedLookupExecutedAgainSeesWritesRefreshesAndReplacedDefinitions(int cacheSize) throws SQLException {
    try (Connection c = open(cacheSize); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id INTEGER, amount BIGINT)");
      s.execute("INSERT INTO t VALUES (1, 10), (1, 5), (2, 7)");
      s.execute("CREATE MATERIALIZED VIEW m AS SELECT id, COUNT(*) AS n, SUM(amount) AS total FROM t GROUP BY id");
      s.execute("CREATE VIEW v AS SELECT id, amount FROM t WHERE amount > 6");
      try (PreparedStatement byGroup = c.prepareStatement("SELECT n, total FROM m WHERE id = ?");
           PreparedStatement byRow = c.prepareStatement("SELECT amount FROM v WHERE id = ? ORDER BY amount")) {
        for (int round = 0; round < 3; round++) { // the same statement, executed again and again
          assertEquals(List.of("2 | 15"), lookup(byGroup, 1));
          assertEquals(List.of("1 | 7"), lookup(byGroup, 2));
          assertEquals(List.of(), lookup(byGroup, 3));
          assertEquals(List.of("10"), lookup(byRow, 1));
        }
        s.execute("INSERT INTO t VALUES (1, 20), (3, 1)");
        assertEquals(List.of("10", "20"), lookup(byRow, 1), "a plain view reads the table as it is now");
        assertEquals(List.of("2 | 15"), lookup(byGroup, 1), "the materialized view until its refresh");
        s.execute("REFRESH MATERIALIZED VIEW m");
        // a view over tables is recomputed into a new store by REFRESH: the prepared statement reads the new one
        // (QueryPlanCacheKinesisTest runs one prepared lookup of a streaming view across refreshes)
        assertEquals(List.of("3 | 35"), lookup(byGroup, 1));
        assertEquals(List.of("1 | 1"), lookup(byGroup, 3));
        assertEquals(List.of("3 | 35"), lookup(byGroup, 1));
        try (PreparedStatement again = c.prepareStatement("SELECT n, total FROM m WHERE id = ?")) {
          assertEquals(List.of("3 | 35"), lookup(again, 1));
          assertEquals(List.of("1 | 1"), lookup(again, 3));
        }

        s.execute("CREATE OR REPLACE VIEW v AS SELECT id, amount FROM t WHERE amount < 15");
        // a new statement plans against the new definition; the old one keeps the plan it was prepared with
        try (PreparedStatement again = c.prepareStatement("SELECT amount FROM v WHERE id = ? ORDER BY amount")) {
          assertEquals(List.of("5", "10"), lookup(again, 1));
        }
        s.execute("DROP MATERIALIZED VIEW m");
        assertThrows(SQLException.class, () -> c.prepareStatement("SELECT n, total FROM m WHERE id = ?"));
        assertEquals("42P01", assertThrows(SQLException.class, () -> lookup(byGroup, 1)).getSQLState());
        s.execute("CREATE MATERIALIZED VIEW m AS SELECT id, MAX(amount) AS n, MIN(amount) AS total FROM t GROUP BY id");
        try (PreparedStatement again = c.prepareStatement("SELECT n, total FROM m WHERE id = ?")) {
          assertEquals(List.of("20 | 5"), lookup(again, 1));
          assertEquals(List.of("20 | 5"), lookup(again, 1));
        }
      }
    }
  }

  @ParameterizedTest(name = "queryCacheSize={0}")
  @ValueSource(ints = {0, 16})
  void aPropertyChangedBetweenExecutionsTakesEffectOnTheNextOne(int cacheSize) throws SQLException {
    long fixed = 1_768_478_400_000L; // 2026-01-15 12:00:00 UTC
    try (Connection c = open(cacheSize);
         Hook.Closeable ignored = Hook.CURRENT_TIME.addThread((Consumer<Holder<Long>>) h -> h.set(fixed))) {
      CalciteConnection cc = c.unwrap(CalciteConnection.class);
      cc.getProperties().setProperty("timeZone", "UTC");
      try (PreparedStatement now = c.prepareStatement("SELECT CAST(CURRENT_TIMESTAMP AS VARCHAR(30)), "
          + "CAST(LOCALTIMESTAMP AS VARCHAR(30))")) {
        assertEquals(List.of("2026-01-15 12:00:00 | 2026-01-15 12:00:00"), rows(now));
        cc.getProperties().setProperty("timeZone", "Asia/Tokyo");
        assertEquals(List.of("2026-01-15 21:00:00 | 2026-01-15 21:00:00"), rows(now));
        cc.getProperties().setProperty("timeZone", "America/New_York");
        assertEquals(List.of("2026-01-15 07:00:00 | 2026-01-15 07:00:00"), rows(now));
        assertEquals(List.of("2026-01-15 07:00:00 | 2026-01-15 07:00:00"), rows(now));
      }
    }
  }

  @Test
  void theTimeOfAnExecutionIsOneValueThroughoutItsRowsAndNewForTheNext() throws SQLException {
    try (Connection c = open(16); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id INTEGER)");
      StringBuilder insert = new StringBuilder("INSERT INTO t VALUES (0)");
      for (int i = 1; i < 2000; i++) {
        insert.append(", (").append(i).append(')');
      }
      s.execute(insert.toString());
      long[] clock = {1_768_478_400_000L};
      try (Hook.Closeable ignored = Hook.CURRENT_TIME.addThread((Consumer<Holder<Long>>) h -> {
             h.set(clock[0]);
             clock[0] += 1000;
           });
           PreparedStatement ps = c.prepareStatement("SELECT CAST(CURRENT_TIMESTAMP AS VARCHAR(30)) FROM t "
               + "WHERE id >= ?")) {
        ps.setInt(1, 0);
        Set<String> first = new HashSet<>(rows(ps));
        assertEquals(1, first.size(), first.toString());
        Set<String> second = new HashSet<>(rows(ps));
        assertEquals(1, second.size(), second.toString());
        assertFalse(first.equals(second), "each execution takes the time anew: " + first + " " + second);
      }
    }
  }

  @Test
  void theOtherVariablesKeepCalcitesValues() throws SQLException {
    try (Connection c = open(16); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT CURRENT_USER, SESSION_USER, SYSTEM_USER")) {
      assertTrue(rs.next());
      assertEquals("sa", rs.getString(1));
      assertEquals("sa", rs.getString(2));
      assertEquals(System.getProperty("user.name"), rs.getString(3));
    }
  }
}
