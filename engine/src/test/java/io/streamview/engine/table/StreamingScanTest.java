package io.streamview.engine.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.catalog.ColumnDef;
import io.streamview.catalog.MaterializedViewDef;
import io.streamview.engine.storage.EncodedRowCursor;
import io.streamview.engine.storage.RowKeys;
import io.streamview.engine.storage.RowStore;
import io.streamview.engine.storage.StorageEngine;
import io.streamview.engine.storage.StorageException;

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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Queries over a materialized view through Calcite stream its rows from the store part by part
 * ({@link StoredRowEnumerator}) and decode only the columns they use: COUNT(*) scans no column, SUM one, GROUP BY
 * two (the plan shows it). Results of COUNT, SUM/MAX, GROUP BY, ORDER BY … LIMIT and filtered aggregates equal
 * values computed from the rows written. A scan never holds more than its first small buffer plus one segment's
 * rows; a result set left open past that buffer holds whole-batch writes back until it is closed (from any thread),
 * and a writer that waits too long fails with SCANS_OPEN; a small result is read whole and lets writers in at once.
 */
class StreamingScanTest {

  private static final int ROWS = 40_000;
  private static final String[] EVENTS = {"view", "click", "buy", "share", "leave"};
  private static final List<ColumnDef> COLUMNS = List.of(
      new ColumnDef("user_id", "INTEGER", -1, -1, true),
      new ColumnDef("event", "VARCHAR", 20, -1, true),
      new ColumnDef("price", "DECIMAL", 10, 2, true),
      new ColumnDef("note", "VARCHAR", 200, -1, true));

  private StorageEngine engine;
  private RowStore store;
  private MaterializedViewTable table;
  private Connection connection;
  private final List<Object[]> written = new ArrayList<>();

  @BeforeEach
  void fill() throws Exception {
    System.setProperty("streamview.scanBufferRows", "4096"); // below the view's rows: its scans stream
    engine = StorageEngine.inMemory();
    store = engine.open("big");
    List<Map.Entry<byte[], Object[]>> batch = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      Object[] row = {i % 1000, EVENTS[i % EVENTS.length], BigDecimal.valueOf(i % 977, 2), "note " + i};
      written.add(row);
      batch.add(Map.entry(RowKeys.ofLong(i), row));
      if (batch.size() == 5000) {
        store.putAll(batch);
        batch = new ArrayList<>();
      }
    }
    MaterializedViewDef def = new MaterializedViewDef("public", "v", "SELECT …", COLUMNS, "kds", "s", false, true,
        null, List.of(), List.of(), "big", Instant.EPOCH);
    table = new MaterializedViewTable(def, store);
    Properties p = new Properties();
    p.setProperty("lex", "JAVA");
    connection = DriverManager.getConnection("jdbc:calcite:", p);
    connection.unwrap(CalciteConnection.class).getRootSchema().add("v", table);
  }

  @AfterEach
  void close() throws Exception {
    System.clearProperty("streamview.scanWaitMillis");
    System.clearProperty("streamview.scanBufferRows");
    connection.close();
    engine.close();
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

  private String plan(String sql) throws Exception {
    return String.join("\n", query("EXPLAIN PLAN FOR " + sql));
  }

  @Test
  void aggregatesDecodeOnlyTheColumnsTheyUse() throws Exception {
    assertTrue(plan("SELECT COUNT(*) FROM v").contains("StoredTableScan(table=[[v]], projects=[[]])"),
        plan("SELECT COUNT(*) FROM v"));
    assertTrue(plan("SELECT SUM(price), MAX(price) FROM v").contains("projects=[[2]]"),
        plan("SELECT SUM(price), MAX(price) FROM v"));
    assertTrue(plan("SELECT event, COUNT(*) FROM v GROUP BY event").contains("projects=[[1]]"),
        plan("SELECT event, COUNT(*) FROM v GROUP BY event"));
    assertTrue(plan("SELECT event, SUM(price) FROM v GROUP BY event").contains("projects=[[1, 2]]"),
        plan("SELECT event, SUM(price) FROM v GROUP BY event"));
    assertTrue(plan("SELECT COUNT(*) FROM v WHERE user_id = 7").contains("filters=[[=($0, 7)]], projects=[[]]"),
        plan("SELECT COUNT(*) FROM v WHERE user_id = 7"));
  }

  @Test
  void resultsEqualWhatWasWritten() throws Exception {
    assertEquals(List.of(Integer.toString(ROWS)), query("SELECT COUNT(*) FROM v"));

    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal max = null;
    for (Object[] r : written) {
      BigDecimal price = (BigDecimal) r[2];
      sum = sum.add(price);
      max = max == null || price.compareTo(max) > 0 ? price : max;
    }
    assertEquals(List.of(sum.toPlainString() + "|" + max.toPlainString()),
        query("SELECT SUM(price), MAX(price) FROM v"));

    Map<String, Long> counts = new TreeMap<>();
    Map<String, BigDecimal> sums = new TreeMap<>();
    for (Object[] r : written) {
      counts.merge((String) r[1], 1L, Long::sum);
      sums.merge((String) r[1], (BigDecimal) r[2], BigDecimal::add);
    }
    List<String> expected = new ArrayList<>();
    counts.forEach((e, n) -> expected.add(e + "|" + n + "|" + sums.get(e).toPlainString()));
    assertEquals(expected, query("SELECT event, COUNT(*), SUM(price) FROM v GROUP BY event ORDER BY event"));

    List<String> top = written.stream()
        .sorted(Comparator.comparing((Object[] r) -> (BigDecimal) r[2]).reversed()
            .thenComparing(r -> (String) r[3]))
        .limit(10).map(r -> r[3] + "|" + ((BigDecimal) r[2]).toPlainString()).toList();
    assertEquals(top, query("SELECT note, price FROM v ORDER BY price DESC, note LIMIT 10"));

    long filtered = 0;
    BigDecimal filteredSum = BigDecimal.ZERO;
    for (Object[] r : written) {
      if ("buy".equals(r[1]) && (Integer) r[0] >= 500) {
        filtered++;
        filteredSum = filteredSum.add((BigDecimal) r[2]);
      }
    }
    assertEquals(List.of(filtered + "|" + filteredSum.toPlainString()),
        query("SELECT COUNT(*), SUM(price) FROM v WHERE event = 'buy' AND user_id >= 500"));
    assertEquals(List.of("40"), query("SELECT COUNT(*) FROM v WHERE user_id = 7"));
    assertEquals(List.of("40"), query("SELECT COUNT(note) FROM v WHERE user_id = 7 AND note LIKE 'note %'"));
  }

  @Test
  void aScanHoldsAtMostItsFirstBufferPlusOneSegment() {
    int largestPart = 0;
    try (EncodedRowCursor cursor = store.openScan(false)) {
      int[] n = {0};
      while (cursor.nextPart((k, row) -> {
        n[0]++;
        return true;
      })) {
        largestPart = Math.max(largestPart, n[0]);
        n[0] = 0;
      }
    }
    StoredRowScan scan = new StoredRowScan(COLUMNS.size(), new int[] {3, 2}, List.of());
    StoredRowEnumerator rows = new StoredRowEnumerator(scan, store);
    int seen = 0;
    while (rows.moveNext()) {
      seen++;
      assertEquals(2, rows.current().length);
    }
    assertEquals(ROWS, seen);
    assertFalse(rows.holdsCursor(), "released at the end");
    assertTrue(largestPart < ROWS / 8, "16 segments share the rows: " + largestPart);
    assertTrue(rows.peakBuffered() <= 4096 + largestPart,
        rows.peakBuffered() + " rows held; largest segment " + largestPart);
    rows.close();
  }

  @Test
  void anOpenResultSetHoldsWritersBackUntilClosed() throws Exception {
    System.setProperty("streamview.scanWaitMillis", "200");
    Statement s = connection.createStatement();
    ResultSet rs = s.executeQuery("SELECT note FROM v");
    assertTrue(rs.next());
    StorageException e = CompletableFuture.supplyAsync(() -> assertThrows(StorageException.class,
        () -> store.putAll(List.of(Map.entry(RowKeys.ofLong(ROWS), written.get(0)))))).get();
    assertEquals(StorageException.Code.SCANS_OPEN, e.code());
    assertTrue(e.getMessage().contains("big") && e.getMessage().contains("Close the open result sets"),
        e.getMessage());

    CompletableFuture.runAsync(() -> {
      try {
        rs.close(); // from another thread than the one that read it
      } catch (java.sql.SQLException x) {
        throw new IllegalStateException(x);
      }
    }).get();
    System.setProperty("streamview.scanWaitMillis", "0");
    store.putAll(List.of(Map.entry(RowKeys.ofLong(ROWS), written.get(0))));
    assertEquals(ROWS + 1, store.size());
    s.close();
  }

  @Test
  void aSmallResultLetsWritersInAtOnce() throws Exception {
    System.setProperty("streamview.scanWaitMillis", "0");
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("SELECT note FROM v WHERE user_id = 7")) {
      assertTrue(rs.next());
      store.putAll(List.of(Map.entry(RowKeys.ofLong(ROWS), written.get(0)))); // no wait: the scan was read whole
      int n = 1;
      while (rs.next()) {
        n++;
      }
      assertEquals(40, n, "the rows of the snapshot taken at the first row");
    }
  }

  @Test
  void theScanBufferFollowsTheHeapWithinItsBounds() {
    System.clearProperty("streamview.scanBufferRows");
    long heap = Runtime.getRuntime().maxMemory();
    for (int width : new int[] {0, 1, 5, 40}) {
      int rows = StoredRowEnumerator.bufferRows(width);
      assertTrue(rows >= StoredRowEnumerator.MIN_BUFFER_ROWS && rows <= StoredRowEnumerator.MAX_BUFFER_ROWS,
          width + " values: " + rows);
      assertTrue(rows == StoredRowEnumerator.MIN_BUFFER_ROWS || (long) rows * (24 + 32L * width) <= heap / 16,
          width + " values: " + rows + " rows exceed a sixteenth of " + heap);
    }
    assertTrue(StoredRowEnumerator.bufferRows(1) >= StoredRowEnumerator.bufferRows(40), "wider rows, fewer of them");
    System.setProperty("streamview.scanBufferRows", "123");
    assertEquals(123, StoredRowEnumerator.bufferRows(5));
  }
}
