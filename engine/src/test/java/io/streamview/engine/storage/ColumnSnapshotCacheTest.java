package io.streamview.engine.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Write versions change with every write and close and are unique across stores; a snapshot is built from one whole
 * scan at one version (a write during the build, or a scan that did not visit every row, publishes nothing), holds
 * the values as written (NULLs, ints, longs, doubles, decimals, strings, bytes, a column of mixed classes), is never
 * handed out once its store changed, and all snapshots stay within the budget, the least recently used evicted first.
 */
class ColumnSnapshotCacheTest {

  private StorageEngine engine;
  private final ColumnSnapshotCache cache = new ColumnSnapshotCache(0);

  @BeforeEach
  void open() {
    engine = StorageEngine.inMemory();
  }

  @AfterEach
  void close() {
    System.clearProperty(ColumnSnapshotCache.BUDGET_PROPERTY);
    engine.close();
  }

  private static List<Object[]> rows(int n) {
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Object[] {i % 7 == 0 ? null : i, (long) i * 1_000_000_007L, i * 0.5, "s" + (i % 10),
          BigDecimal.valueOf(i, 2), i % 3 == 0 ? (Object) "text" : (Object) i, new byte[] {(byte) i}});
    }
    return out;
  }

  private static void fill(RowStore store, List<Object[]> rows) {
    List<Map.Entry<byte[], Object[]>> batch = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      batch.add(Map.entry(RowKeys.ofLong(i), rows.get(i)));
    }
    store.putAll(batch);
  }

  /** Builds a snapshot of {@code store} from one whole scan, as a query's scan does. */
  private ColumnSnapshot build(RowStore store, boolean[] columns) {
    try (EncodedRowCursor cursor = store.openScan(false)) {
      ColumnSnapshotCache.Build b = cache.startBuild(store, columns);
      if (b == null) {
        return null;
      }
      Object[] values = new Object[columns.length];
      while (cursor.nextPart((k, encoded) -> {
        RowCodec.decodeSelected(encoded, b.columns(), values);
        b.add(values);
        return true;
      })) {
        // every part
      }
      b.finish();
    }
    return cache.lookup(store, columns);
  }

  private static boolean[] all(int n) {
    boolean[] out = new boolean[n];
    java.util.Arrays.fill(out, true);
    return out;
  }

  @Test
  void everyWriteAndCloseChangesTheVersionAndNoTwoStoresShareOne() {
    RowStore a = engine.open("a");
    RowStore b = engine.open("b");
    Set<Long> seen = new HashSet<>();
    assertTrue(seen.add(a.writeVersion()));
    assertTrue(seen.add(b.writeVersion()));
    a.put(RowKeys.ofLong(1), new Object[] {1});
    assertTrue(seen.add(a.writeVersion()));
    fill(a, rows(3));
    assertTrue(seen.add(a.writeVersion()));
    a.remove(RowKeys.ofLong(1));
    assertTrue(seen.add(a.writeVersion()));
    a.remove(RowKeys.ofLong(99)); // removes nothing, still a write
    assertTrue(seen.add(a.writeVersion()));
    a.clear();
    assertTrue(seen.add(a.writeVersion()));
    long beforeReads = a.writeVersion();
    a.get(RowKeys.ofLong(1));
    a.rows();
    a.size();
    assertEquals(beforeReads, a.writeVersion(), "reads do not change it");
    long open = b.writeVersion();
    engine.drop("b");
    assertNotEquals(open, b.writeVersion());
  }

  @Test
  void aSnapshotHoldsTheValuesAsWritten() {
    RowStore store = engine.open("values");
    List<Object[]> written = rows(500);
    fill(store, written);
    ColumnSnapshot s = build(store, all(7));
    assertNotNull(s);
    assertEquals(500, s.rows());
    List<String> fromStore = new ArrayList<>();
    for (Object[] r : store.rows()) {
      fromStore.add(java.util.Arrays.deepToString(r));
    }
    List<String> fromSnapshot = new ArrayList<>();
    for (int i = 0; i < s.rows(); i++) {
      Object[] r = new Object[7];
      for (int c = 0; c < 7; c++) {
        r[c] = s.column(c).get(i);
      }
      fromSnapshot.add(java.util.Arrays.deepToString(r));
    }
    assertEquals(fromStore, fromSnapshot, "the same rows in the store's order");
    for (int i = 0; i < s.rows(); i++) {
      Object[] r = store.rows().get(i);
      for (int c = 0; c < 7; c++) {
        Object v = s.column(c).get(i);
        assertEquals(r[c] == null ? null : r[c].getClass(), v == null ? null : v.getClass(), "class of column " + c);
      }
      break;
    }
    byte[] first = (byte[]) s.column(6).get(0);
    first[0]++;
    assertArrayEquals((byte[]) store.rows().get(0)[6], (byte[]) s.column(6).get(0), "a reader's change stays its own");
  }

  @Test
  void aSnapshotIsNeverHandedOutAfterItsStoreChanged() {
    RowStore store = engine.open("stale");
    fill(store, rows(100));
    boolean[] cols = {false, true, false, true};
    assertNotNull(build(store, cols));
    assertNotNull(cache.lookup(store, cols));
    assertNull(cache.lookup(store, all(4)), "it does not hold every column");

    store.put(RowKeys.ofLong(1000), rows(1).get(0));
    assertNull(cache.lookup(store, cols), "after put");
    assertNull(cache.peek(store), "and removed");
    assertNotNull(build(store, cols));
    store.remove(RowKeys.ofLong(1000));
    assertNull(cache.lookup(store, cols), "after remove");
    assertNotNull(build(store, cols));
    fill(store, rows(5));
    assertNull(cache.lookup(store, cols), "after putAll");
    assertNotNull(build(store, cols));
    store.clear();
    assertNull(cache.lookup(store, cols), "after clear");
    assertNotNull(build(store, cols));
    assertEquals(0, cache.lookup(store, cols).rows());
    fill(store, rows(10));
    assertEquals(10, build(store, cols).rows());
    engine.drop("stale");
    assertNull(cache.lookup(store, cols), "after drop");
  }

  @Test
  void aWriteDuringTheBuildOrAPartialScanPublishesNothing() {
    RowStore store = engine.open("torn");
    fill(store, rows(200));
    boolean[] cols = {true, true};
    try (EncodedRowCursor cursor = store.openScan(false)) {
      ColumnSnapshotCache.Build b = cache.startBuild(store, cols);
      Object[] values = new Object[2];
      boolean[] wrote = {false};
      while (cursor.nextPart((k, encoded) -> {
        RowCodec.decodeSelected(encoded, cols, values);
        b.add(values);
        return true;
      })) {
        if (!wrote[0]) {
          store.put(RowKeys.ofLong(5000), new Object[] {1, 2L}); // a single put does not wait for scans
          wrote[0] = true;
        }
      }
      b.finish();
    }
    assertNull(cache.peek(store), "written while built");
    assertEquals(0, cache.reservedBytes(), "its reservation returned");

    try (EncodedRowCursor cursor = store.openScan(false)) {
      ColumnSnapshotCache.Build b = cache.startBuild(store, cols);
      Object[] values = new Object[2];
      cursor.nextPart((k, encoded) -> {
        RowCodec.decodeSelected(encoded, cols, values);
        b.add(values);
        return true;
      }); // one part of 16
      b.finish();
    }
    assertNull(cache.peek(store), "not every row seen");
    assertEquals(0, cache.reservedBytes());
  }

  @Test
  void snapshotsStayWithinTheBudgetLeastRecentlyUsedFirstOut() {
    RowStore a = engine.open("lru_a");
    RowStore b = engine.open("lru_b");
    RowStore c = engine.open("lru_c");
    for (RowStore s : List.of(a, b, c)) {
      fill(s, rows(2000));
    }
    boolean[] cols = {true, true, true};
    ColumnSnapshot first = build(a, cols);
    assertNotNull(first);
    long one = first.bytes();
    System.setProperty(ColumnSnapshotCache.BUDGET_PROPERTY, Long.toString(one * 5 / 2)); // two fit, not three
    assertNotNull(build(b, cols));
    assertNotNull(cache.lookup(a, cols)); // a is now the most recently used
    assertNotNull(build(c, cols));
    assertTrue(cache.usedBytes() <= ColumnSnapshotCache.budget(), cache.usedBytes() + " bytes");
    assertNotNull(cache.peek(a), "used recently, kept");
    assertNull(cache.peek(b), "least recently used, evicted");
    assertNotNull(cache.peek(c));

    System.setProperty(ColumnSnapshotCache.BUDGET_PROPERTY, Long.toString(one / 2));
    cache.clear();
    assertNull(build(a, cols), "a store whose columns exceed the budget is not cached");
    assertEquals(0, cache.usedBytes());
    assertEquals(0, cache.reservedBytes());

    System.setProperty(ColumnSnapshotCache.BUDGET_PROPERTY, "0");
    assertNull(cache.startBuild(a, cols), "0 turns the cache off");
    System.clearProperty(ColumnSnapshotCache.BUDGET_PROPERTY);
    assertNull(new ColumnSnapshotCache(2001).startBuild(a, cols), "fewer rows than the cache's least");
  }
}
