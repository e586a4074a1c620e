package io.streamview.engine.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.catalog.ColumnDef;
import io.streamview.catalog.MaterializedViewDef;
import io.streamview.engine.storage.ColumnSnapshotCache;
import io.streamview.engine.storage.RowKeys;
import io.streamview.engine.storage.RowStore;
import io.streamview.engine.storage.StorageEngine;

import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/**
 * Queries over a view whose columns a first scan cached ({@link ColumnSnapshotCache}) give exactly what the same
 * queries give with the cache off, for every column type, NULLs, filters, GROUP BY, ORDER BY … LIMIT and an
 * aggregating view's groups hidden by HAVING; a write, a delete, a clear (recompute) or a drop of the store is seen
 * by the next query; a refresh commits at once while a result set served from a snapshot is open, which keeps the
 * rows of its snapshot; and a store over the budget, or of fewer than {@link ColumnSnapshotCache#MIN_ROWS} rows, is not
 * cached and its scans stream as before.
 */
class ColumnSnapshotScanTest {

  private static final int ROWS = 6_000;
  private static final String[] EVENTS = {"view", "click", "buy", null, "leave"};
  private static final List<ColumnDef> COLUMNS = List.of(
      new ColumnDef("user_id", "INTEGER", -1, -1, true),
      new ColumnDef("event", "VARCHAR", 20, -1, true),
      new ColumnDef("price", "DECIMAL", 10, 2, true),
      new ColumnDef("amount", "DOUBLE PRECISION", -1, -1, true),
      new ColumnDef("seq", "BIGINT", -1, -1, true));
  private static final List<String> QUERIES = List.of(
      "SELECT COUNT(*) FROM v",
      "SELECT COUNT(*), SUM(amount) FROM v WHERE event = 'buy'",
      "SELECT COUNT(*), SUM(price), MIN(seq) FROM v WHERE user_id >= 500 AND event <> 'view'",
      "SELECT event, COUNT(*), AVG(amount), SUM(price) FROM v GROUP BY event ORDER BY event",
      "SELECT user_id, event, amount FROM v ORDER BY amount DESC, seq LIMIT 10",
      "SELECT COUNT(*) FROM v WHERE event IS NULL",
      "SELECT seq, price FROM v WHERE user_id = 7 ORDER BY seq",
      "SELECT COUNT(amount), COUNT(user_id) FROM v");

  private final ColumnSnapshotCache cache = ColumnSnapshotCache.shared();
  private StorageEngine engine;
  private RowStore store;
  private Connection connection;
  private long nextSeq;

  @BeforeEach
  void fill() throws Exception {
    engine = StorageEngine.inMemory();
    store = engine.open("snap");
    write(ROWS);
    MaterializedViewDef def = new MaterializedViewDef("public", "v", "SELECT …", COLUMNS, "kds", "s", false, true,
        null, List.of(), List.of(), "snap", Instant.EPOCH);
    Properties p = new Properties();
    p.setProperty("lex", "JAVA");
    connection = DriverManager.getConnection("jdbc:calcite:", p);
    connection.unwrap(CalciteConnection.class).getRootSchema().add("v", new MaterializedViewTable(def, store));
  }

  @AfterEach
  void close() throws Exception {
    System.clearProperty(ColumnSnapshotCache.BUDGET_PROPERTY);
    System.clearProperty("streamview.scanWaitMillis");
    System.clearProperty("streamview.scanBufferRows");
    connection.close();
    engine.close();
  }

  /** Writes {@code n} more rows as one batch, as a refresh commits. */
  private void write(int n) {
    List<Map.Entry<byte[], Object[]>> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long s = nextSeq++;
      Object[] row = {s % 11 == 0 ? null : (int) (s % 1000), EVENTS[(int) (s % EVENTS.length)],
          BigDecimal.valueOf(s % 977, 2), s % 13 == 0 ? null : (s * 7919 % 10007) / 4.0, s};
      batch.add(Map.entry(RowKeys.ofLong(s), row));
    }
    store.putAll(batch);
  }

  private List<String> query(String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          b.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        out.add(b.toString());
      }
    }
    return out;
  }

  /** Each query's rows with the cache off (every scan decodes the store). */
  private List<List<String>> uncached() throws Exception {
    String before = System.getProperty(ColumnSnapshotCache.BUDGET_PROPERTY);
    System.setProperty(ColumnSnapshotCache.BUDGET_PROPERTY, "0");
    try {
      cache.clear();
      List<List<String>> out = new ArrayList<>();
      for (String q : QUERIES) {
        out.add(query(q));
      }
      assertNull(cache.peek(store), "nothing cached with the cache off");
      return out;
    } finally {
      if (before == null) {
        System.clearProperty(ColumnSnapshotCache.BUDGET_PROPERTY);
      } else {
        System.setProperty(ColumnSnapshotCache.BUDGET_PROPERTY, before);
      }
    }
  }

  /** Each query's rows with the cache on, each query run twice: the second run comes from the snapshot. */
  private List<List<String>> cachedTwice() throws Exception {
    List<List<String>> out = new ArrayList<>();
    for (String q : QUERIES) {
      List<String> first = query(q);
      long hits = cache.hits();
      List<String> second = query(q);
      assertTrue(cache.hits() > hits, "the second run of " + q + " read the snapshot");
      assertEquals(first, second, q);
      out.add(second);
    }
    return out;
  }

  @Test
  void cachedScansGiveWhatUncachedScansGive() throws Exception {
    List<List<String>> expected = uncached();
    assertEquals(List.of(Integer.toString(ROWS)), expected.get(0));
    assertEquals(expected, cachedTwice());
    assertNotNull(cache.peek(store));
    assertTrue(cache.usedBytes() <= ColumnSnapshotCache.budget());
  }

  @Test
  void writesDeletesClearsAndDropsAreSeenByTheNextQuery() throws Exception {
    cachedTwice();
    write(500); // a refresh's commit
    List<List<String>> afterWrite = uncached();
    assertEquals(List.of(Integer.toString(ROWS + 500)), afterWrite.get(0));
    cache.clear();
    cachedTwice();
    assertEquals(afterWrite, cachedTwice());

    assertTrue(store.remove(RowKeys.ofLong(3))); // DELETE FROM v removes rows one by one
    assertEquals(List.of(Integer.toString(ROWS + 499)), query("SELECT COUNT(*) FROM v"));
    assertEquals(uncached(), cachedTwice());

    store.clear(); // a recompute starts over
    assertEquals(List.of("0"), query("SELECT COUNT(*) FROM v"));
    assertEquals(List.of("0|null"), query("SELECT COUNT(*), SUM(amount) FROM v WHERE event = 'buy'"));
    write(2000);
    assertEquals(List.of("2000"), query("SELECT COUNT(*) FROM v"));
    assertEquals(uncached(), cachedTwice());

    engine.drop("snap");
    assertNull(cache.lookup(store, new boolean[COLUMNS.size()]), "a dropped store's snapshot is never served");
  }

  @Test
  void aRefreshCommitsAtOnceWhileASnapshotResultSetIsOpen() throws Exception {
    String sql = "SELECT seq FROM v";
    assertEquals(ROWS, query(sql).size()); // builds the snapshot
    System.setProperty("streamview.scanBufferRows", "16"); // an uncached scan of this would hold the cursor
    System.setProperty("streamview.scanWaitMillis", "0");
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int read = 0;
      while (read < 100 && rs.next()) {
        read++;
      }
      CompletableFuture.runAsync(() -> write(25)).get(); // no wait, no SCANS_OPEN
      while (rs.next()) {
        read++;
      }
      assertEquals(ROWS, read, "the open result set keeps the rows of its snapshot");
    }
    assertEquals(ROWS + 25, query(sql).size());
    assertEquals(List.of(Integer.toString(ROWS + 25)), query("SELECT COUNT(*) FROM v"));
  }

  @Test
  void aStoreOverTheBudgetIsNotCachedAndStreams() throws Exception {
    List<List<String>> expected = uncached();
    System.setProperty(ColumnSnapshotCache.BUDGET_PROPERTY, "20000"); // less than 6,000 rows of one column
    cache.clear();
    List<List<String>> got = new ArrayList<>();
    for (String q : QUERIES) {
      query(q);
      got.add(query(q));
    }
    assertEquals(expected, got);
    assertTrue(cache.usedBytes() <= 20000, cache.usedBytes() + " bytes");
    assertEquals(0, cache.reservedBytes());
    if (cache.peek(store) != null) { // COUNT(*)'s snapshot of no column fits
      for (int c = 0; c < COLUMNS.size(); c++) {
        assertNull(cache.peek(store).column(c), "column " + c + " does not fit the budget");
      }
    }

    System.clearProperty(ColumnSnapshotCache.BUDGET_PROPERTY);
    RowStore small = engine.open("small");
    small.putAll(List.of(Map.entry(RowKeys.ofLong(1), new Object[] {1, "a", BigDecimal.ONE, 1.0, 1L})));
    StoredRowScan all = new StoredRowScan(COLUMNS.size(), null, List.of());
    for (int i = 0; i < 2; i++) {
      StoredRowEnumerator e = new StoredRowEnumerator(all, small);
      assertTrue(e.moveNext());
      assertFalse(e.readsSnapshot(), "a store of one row is read each time");
      e.close();
    }
    assertNull(cache.peek(small));
    System.setProperty(ColumnSnapshotCache.BUDGET_PROPERTY, "20000");

    StoredRowScan scan = new StoredRowScan(COLUMNS.size(), new int[] {4}, List.of());
    System.setProperty("streamview.scanBufferRows", "16");
    StoredRowEnumerator rows = new StoredRowEnumerator(scan, store);
    assertTrue(rows.moveNext());
    assertFalse(rows.readsSnapshot());
    assertTrue(rows.holdsCursor(), "streams from the store as without a cache");
    rows.close();
  }

  @Test
  void groupsHiddenByHavingAreLeftOutOfTheSnapshot() throws Exception {
    RowStore groups = engine.open("groups");
    List<Map.Entry<byte[], Object[]>> batch = new ArrayList<>();
    long shown = 0;
    long shownSum = 0;
    for (int g = 0; g < 3000; g++) {
      boolean passes = g % 3 != 0;
      // visible values, the HAVING flag, then merge state (GroupRows' layout)
      Object[] row = {g, (long) g * 2, passes, 1, g, 1, (long) g * 2, 0};
      batch.add(Map.entry(RowKeys.ofLong(g), row));
      if (passes) {
        shown++;
        shownSum += g * 2L;
      }
    }
    groups.putAll(batch);
    List<ColumnDef> cols = List.of(new ColumnDef("g", "INTEGER", -1, -1, true),
        new ColumnDef("total", "BIGINT", -1, -1, true));
    MaterializedViewDef def = new MaterializedViewDef("public", "agg", "SELECT …", cols, "kds", "s", false, true,
        null, List.of(), List.of(), "groups", Instant.EPOCH);
    connection.unwrap(CalciteConnection.class).getRootSchema().add("agg", new MaterializedViewTable(def, groups));
    String sql = "SELECT COUNT(*), SUM(total) FROM agg";
    assertEquals(List.of(shown + "|" + shownSum), query(sql));
    long hits = cache.hits();
    assertEquals(List.of(shown + "|" + shownSum), query(sql));
    assertTrue(cache.hits() > hits);
    assertEquals(shown, cache.peek(groups).rows());
    assertEquals(List.of("0"), query("SELECT COUNT(*) FROM agg WHERE g = 3"), "hidden by HAVING");
  }
}
