package io.streamview.jdbc.snapshot;

import io.streamview.engine.storage.ColumnSnapshotCache;
import io.streamview.engine.table.MaterializedViewTable;
import io.streamview.jdbc.ResultRows;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Aggregates and top-N queries over materialized views evaluated on the views' column snapshots
 * ({@code SnapshotAggregate}, {@code SnapshotTopN}) give exactly the rows, in the same order, that Calcite's row path
 * gives ({@code -Dstreamview.snapshotQueries=false}): with and without WHERE, NULLs in values, group keys and sort
 * keys, no rows, several groups, ties in ORDER BY, LIMIT beyond the rows, OFFSET, and views below the snapshot
 * threshold (which take the row path), and after a REFRESH changed the view.
 */
class SnapshotQueryJdbcTest {

  private static final int ROWS = 3000;
  private static final String[] GROUPS = {"purchase", "view", "click", "Äpfel", "apple", "Apple", "b"};

  private static Connection conn;

  @BeforeAll
  static void load() throws SQLException {
    conn = DriverManager.getConnection("jdbc:streamview:mem:");
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE t (id INTEGER, grp VARCHAR(20), k INTEGER, price DOUBLE PRECISION, n BIGINT, "
          + "s VARCHAR(20))");
    }
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < ROWS; i++) {
        ps.setInt(1, i);
        setOrNull(ps, 2, i % 11 == 0 ? null : GROUPS[i % GROUPS.length], Types.VARCHAR);
        setOrNull(ps, 3, i % 13 == 0 ? null : i % 5, Types.INTEGER);
        Double price = i % 17 == 0 ? null : i % 23 == 0 ? Double.valueOf(-0.0) : i % 29 == 0 ? 0.0
            : (i * 7919 % 1000) / 8.0; // many ties
        setOrNull(ps, 4, price, Types.DOUBLE);
        setOrNull(ps, 5, i % 7 == 0 ? null : (long) i * 1_000_003L, Types.BIGINT);
        setOrNull(ps, 6, i % 3 == 0 ? null : "s" + (i % 37), Types.VARCHAR);
        ps.addBatch();
        if (i % 500 == 499) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE MATERIALIZED VIEW big AS SELECT * FROM t");
      s.execute("CREATE MATERIALIZED VIEW small AS SELECT * FROM t WHERE id < 500");
      s.execute("CREATE MATERIALIZED VIEW no_rows AS SELECT * FROM t WHERE id < 0");
      s.execute("CREATE MATERIALIZED VIEW nulls AS SELECT * FROM t WHERE price IS NULL OR id < 2000");
    }
  }

  private static void setOrNull(PreparedStatement ps, int i, Object v, int type) throws SQLException {
    if (v == null) {
      ps.setNull(i, type);
    } else {
      ps.setObject(i, v, type);
    }
  }

  @AfterAll
  static void close() throws SQLException {
    System.clearProperty(MaterializedViewTable.SNAPSHOT_QUERIES_PROPERTY);
    conn.close();
  }

  private static final List<String> QUERIES = List.of(
      "SELECT COUNT(*), SUM(price) FROM %s WHERE grp = 'purchase'",
      "SELECT COUNT(*), SUM(price), COUNT(price), SUM(k), SUM(n), COUNT(s) FROM %s",
      "SELECT COUNT(*) FROM %s",
      "SELECT SUM(price) FROM %s WHERE grp = 'nothing'",
      "SELECT COUNT(*), SUM(price), SUM(n) FROM %s WHERE grp = 'nothing'",
      "SELECT COUNT(*), SUM(price) FROM %s WHERE k = 3 AND grp <> 'view'",
      "SELECT COUNT(*) FROM %s WHERE s IS NULL",
      "SELECT grp, COUNT(*), AVG(price) FROM %s GROUP BY grp",
      "SELECT grp, COUNT(*), AVG(price) FROM %s GROUP BY grp ORDER BY grp",
      "SELECT grp, k, COUNT(*), SUM(price), COUNT(s), SUM(n) FROM %s GROUP BY grp, k",
      "SELECT k, SUM(n), AVG(k), COUNT(price) FROM %s WHERE k > 1 GROUP BY k",
      "SELECT s, COUNT(*) FROM %s WHERE grp = 'view' GROUP BY s",
      "SELECT COUNT(*) AS c, grp FROM %s GROUP BY grp HAVING COUNT(*) > 300",
      "SELECT id, s, price FROM %s ORDER BY price DESC, id LIMIT 10",
      "SELECT user_id, page, price FROM (SELECT id AS user_id, s AS page, price FROM %s) "
          + "ORDER BY price DESC, user_id LIMIT 10",
      "SELECT id, price FROM %s ORDER BY price DESC LIMIT 10",
      "SELECT id, price FROM %s ORDER BY price LIMIT 10",
      "SELECT id, price FROM %s ORDER BY price NULLS FIRST LIMIT 10",
      "SELECT id, price FROM %s ORDER BY price DESC NULLS LAST LIMIT 10",
      "SELECT id, s FROM %s ORDER BY s NULLS FIRST, id LIMIT 7 OFFSET 3",
      "SELECT id, grp FROM %s ORDER BY grp DESC, id DESC LIMIT 20",
      "SELECT id, n FROM %s ORDER BY n DESC LIMIT 5",
      "SELECT id FROM %s ORDER BY price, id LIMIT 5000",
      "SELECT price FROM %s ORDER BY price LIMIT 10",
      "SELECT id, price FROM %s WHERE grp = 'view' ORDER BY price DESC NULLS LAST, id DESC LIMIT 10",
      "SELECT id, k FROM %s WHERE k >= 2 ORDER BY k, price DESC LIMIT 15 OFFSET 100");

  @Test
  void everyShapeGivesTheRowPathsRows() throws SQLException {
    for (String view : List.of("big", "small", "no_rows", "nulls")) {
      for (String q : QUERIES) {
        compare(String.format(q, view));
      }
    }
  }

  @Test
  void theBenchShapesRunOnTheSnapshot() throws SQLException {
    String[] queries = {
        "SELECT COUNT(*), SUM(price) FROM big WHERE grp = 'purchase'",
        "SELECT grp, COUNT(*), AVG(price) FROM big GROUP BY grp",
        "SELECT id, s, price FROM big ORDER BY price DESC, id LIMIT 10"};
    String[] operators = {"SnapshotAggregate", "SnapshotAggregate", "SnapshotTopN"};
    for (int i = 0; i < queries.length; i++) {
      try (Statement s = conn.createStatement()) {
        String plan = String.join("\n", ResultRows.query(s, "EXPLAIN PLAN FOR " + queries[i]));
        assertTrue(plan.contains(operators[i]), plan);
        ResultRows.query(s, queries[i]); // builds the snapshot if the view has none yet
        long hits = ColumnSnapshotCache.shared().hits();
        ResultRows.query(s, queries[i]);
        assertTrue(ColumnSnapshotCache.shared().hits() > hits, "read the snapshot: " + queries[i]);
      }
    }
  }

  @Test
  void aRefreshIsSeenByTheNextQuery() throws SQLException {
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE MATERIALIZED VIEW changing AS SELECT * FROM t");
      String count = "SELECT COUNT(*), SUM(price) FROM changing WHERE grp = 'purchase'";
      String top = "SELECT id, price FROM changing ORDER BY price DESC NULLS LAST, id LIMIT 3";
      compare(count);
      compare(top);
      List<String> before = ResultRows.query(s, count);
      s.execute("INSERT INTO t VALUES (" + (ROWS + 1) + ", 'purchase', 1, 5000.5, 1, 'new'), (" + (ROWS + 2)
          + ", 'purchase', NULL, NULL, NULL, NULL)");
      s.execute("REFRESH MATERIALIZED VIEW changing");
      compare(count); // the row path and the snapshot agree on the refreshed view
      compare(top);
      List<String> after = ResultRows.query(s, count);
      assertTrue(!before.equals(after), before + " then " + after);
      assertEquals((ROWS + 1) + " | 5000.5", ResultRows.query(s, top).get(0), "the inserted row leads");
      s.execute("DROP MATERIALIZED VIEW changing");
    }
  }

  /** The rows of {@code sql} with the snapshot operators off, then on (twice: the first run may build the snapshot). */
  private static void compare(String sql) throws SQLException {
    List<String> rowPath;
    try (Statement s = conn.createStatement()) {
      System.setProperty(MaterializedViewTable.SNAPSHOT_QUERIES_PROPERTY, "false");
      try {
        rowPath = ResultRows.query(s, sql);
      } finally {
        System.clearProperty(MaterializedViewTable.SNAPSHOT_QUERIES_PROPERTY);
      }
      assertEquals(rowPath, ResultRows.query(s, sql), sql);
      assertEquals(rowPath, ResultRows.query(s, sql), sql);
    }
  }
}
