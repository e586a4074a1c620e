package io.streamview.jdbc.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.engine.aggregate.GroupFinalizer;
import io.streamview.engine.aggregate.GroupMerger;
import io.streamview.engine.aggregate.GroupRows;
import io.streamview.engine.aggregate.RecordContribution;
import io.streamview.engine.aggregate.SequenceNumbers;
import io.streamview.engine.aggregate.StateKind;
import io.streamview.engine.aggregate.StateLayout;
import io.streamview.engine.storage.ForwardingRowStore;
import io.streamview.engine.storage.RowStore;
import io.streamview.engine.storage.RowVisitor;
import io.streamview.engine.storage.StorageEngine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

/**
 * The merge of aggregate states is exactly once: a batch merged again (as after a crash between storing the groups
 * and committing the shard's position), re-read with other batch boundaries, or cut short half-way through its
 * writes leaves the groups as one merge of each record would. The view here is
 * {@code SELECT k, COUNT(*), COUNT(v), SUM(v), MIN(v), MAX(v) … GROUP BY k HAVING COUNT(*) > 1}, its final values
 * computed in plain Java; the expected values are recomputed from all records.
 */
class AggregationExactlyOnceTest {

  private static final StateLayout LAYOUT = new StateLayout(6, 1,
      List.of(StateKind.COUNT, StateKind.COUNT, StateKind.SUM, StateKind.MIN, StateKind.MAX));

  /** visible = key, states as they are; HAVING COUNT(*) > 1. */
  private static final GroupFinalizer FINALIZER = (layout, groups) -> groups.stream().map(g -> {
    Object[] v = new Object[6];
    v[0] = g.key()[0];
    System.arraycopy(g.states(), 0, v, 1, 5);
    return new GroupFinalizer.FinalRow(v, (Long) g.states()[0] > 1);
  }).toList();

  private StorageEngine storage;
  private RowStore store;
  private GroupMerger merger;

  @BeforeEach
  void open() {
    storage = StorageEngine.inMemory();
    store = storage.open("agg");
    merger = new GroupMerger(LAYOUT, FINALIZER);
  }

  @AfterEach
  void close() {
    storage.close();
  }

  /** One record of shard {@code shard}: group {@code key}, value {@code v} (may be null). */
  private record Rec(String shard, String seq, String key, Long v) {
    RecordContribution contribution() {
      return new RecordContribution(new Object[] {key}, seq, new Object[] {true, v != null, v, v, v});
    }
  }

  private static List<Rec> records(String shard, int from, int to, Random random) {
    List<Rec> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      // Kinesis-like sequence numbers: 56 digits, increasing
      String seq = "4965" + String.format("%052d", 1_000_000L + i * 17L);
      Long v = random.nextInt(10) == 0 ? null : (long) random.nextInt(2000) - 1000;
      out.add(new Rec(shard, seq, "k" + random.nextInt(7), v));
    }
    return out;
  }

  private void merge(List<Rec> batch) {
    merge(store, batch);
  }

  private void merge(RowStore target, List<Rec> batch) {
    merger.merge(target, batch.get(0).shard(), batch.get(batch.size() - 1).seq(),
        batch.stream().map(Rec::contribution).toList());
  }

  @Test
  void theSameBatchMergedTwiceCountsOnce() {
    Random random = new Random(1);
    List<Rec> a = records("shardId-000000000000", 0, 200, random);
    merge(a);
    Map<String, List<Object>> once = shown();
    merge(a);
    assertEquals(once, shown());
    assertEquals(expected(a), once);
  }

  @Test
  void aBatchReadAgainWithOtherBoundariesCountsEachRecordOnce() {
    Random random = new Random(2);
    List<Rec> all = records("shardId-000000000000", 0, 300, random);
    merge(all.subList(0, 120));
    // the process died before the position was committed: the next read starts at the same place but brings more
    merge(all.subList(0, 200));
    // ... or less (a read limit), then the rest
    merge(all.subList(0, 50));
    merge(all.subList(50, 300));
    assertEquals(expected(all), shown());
  }

  @Test
  void aMergeCutShortHalfWayIsCompletedByTheNextOne() {
    Random random = new Random(3);
    List<Rec> all = records("shardId-000000000000", 0, 400, random);
    merge(all.subList(0, 100));
    RowStore failing = new FailingAfter(store, 3);
    assertThrows(IllegalStateException.class, () -> merge(failing, all.subList(100, 250)));
    merge(all.subList(100, 400));
    assertEquals(expected(all), shown());
  }

  @Test
  void shardsKeepTheirOwnMarks() {
    Random random = new Random(4);
    List<Rec> s0 = records("shardId-000000000000", 0, 150, random);
    List<Rec> s1 = records("shardId-000000000001", 0, 150, random); // same sequence numbers, another shard
    merge(s0.subList(0, 100));
    merge(s1.subList(0, 70));
    merge(s0.subList(0, 150));
    merge(s1.subList(0, 70));
    merge(s1.subList(60, 150));
    List<Rec> all = new ArrayList<>(s0);
    all.addAll(s1);
    assertEquals(expected(all), shown());
    Object[] row = store.rows().get(0);
    assertTrue(row.length > LAYOUT.visibleColumns(), "a group row carries its state");
  }

  @Test
  void havingHidesAGroupUntilItPasses() {
    Rec first = new Rec("shardId-000000000000", "100", "lonely", 5L);
    merge(List.of(first));
    assertFalse(shown().containsKey("lonely"), "COUNT(*) = 1 fails HAVING COUNT(*) > 1");
    merge(List.of(new Rec("shardId-000000000000", "200", "lonely", 7L)));
    assertEquals(List.of("lonely", 2L, 2L, 12L, 5L, 7L), shown().get("lonely"));
  }

  @Test
  void nullInputsFollowSqlRules() {
    merge(List.of(new Rec("shardId-000000000000", "1", "n", null), new Rec("shardId-000000000000", "2", "n", null)));
    List<Object> n = shown().get("n");
    assertEquals(2L, n.get(1));
    assertEquals(0L, n.get(2));
    assertNull(n.get(3));
    assertNull(n.get(4));
    assertNull(n.get(5));
  }

  @Test
  void statesMergeByKind() {
    assertEquals(5L, StateKind.COUNT.merge(2L, 3L));
    assertEquals(new BigDecimal("3.75"), StateKind.SUM.merge(new BigDecimal("1.25"), new BigDecimal("2.50")));
    assertEquals(7, StateKind.SUM.merge(null, 7));
    assertNull(StateKind.SUM.merge(null, null));
    assertEquals("a", StateKind.MIN.merge("b", "a"));
    assertEquals("b", StateKind.MAX.merge("b", null));
    assertArrayEquals(new byte[] {(byte) 0xFF}, (byte[]) StateKind.MAX.merge(new byte[] {1}, new byte[] {(byte) 0xFF}));
    assertThrows(ArithmeticException.class, () -> StateKind.SUM.merge(Long.MAX_VALUE, 1L));
    assertTrue(SequenceNumbers.compare("49650000000000000000000000000000000000000000000000000009",
        "4965000000000000000000000000000000000000000000000000001") > 0, "numeric, not textual");
  }

  @Test
  void anEmptyGroupIsStoredOnceForAWholeStreamAggregate() {
    StateLayout whole = new StateLayout(1, 0, List.of(StateKind.COUNT));
    GroupMerger m = new GroupMerger(whole, (layout, groups) -> groups.stream()
        .map(g -> new GroupFinalizer.FinalRow(new Object[] {g.states()[0]}, true)).toList());
    assertTrue(m.ensureGroup(store, new Object[0]));
    assertFalse(m.ensureGroup(store, new Object[0]));
    assertEquals(List.of(0L), List.of(GroupRows.visible(store.rows().get(0), 1)));
    m.merge(store, "shardId-000000000000", "9", List.of(new RecordContribution(new Object[0], "9",
        new Object[] {true})));
    assertEquals(List.of(1L), List.of(GroupRows.visible(store.rows().get(0), 1)));
  }

  /** The groups a scan shows, by key. */
  private Map<String, List<Object>> shown() {
    Map<String, List<Object>> out = new TreeMap<>();
    for (Object[] row : store.rows()) {
      Object[] v = GroupRows.visible(row, LAYOUT.visibleColumns());
      if (v != null) {
        out.put((String) v[0], new ArrayList<>(Arrays.asList(v)));
      }
    }
    return out;
  }

  /** A full recomputation over distinct records. */
  private static Map<String, List<Object>> expected(List<Rec> records) {
    Map<String, List<Rec>> byKey = new TreeMap<>();
    for (Rec r : records) {
      byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
    }
    Map<String, List<Object>> out = new TreeMap<>();
    byKey.forEach((key, rs) -> {
      long count = rs.size();
      List<Long> values = rs.stream().map(Rec::v).filter(Objects::nonNull).toList();
      if (count > 1) {
        out.put(key, new ArrayList<>(Arrays.asList(key, count, (long) values.size(),
            values.isEmpty() ? null : values.stream().mapToLong(Long::longValue).sum(),
            values.stream().min(Long::compare).orElse(null), values.stream().max(Long::compare).orElse(null))));
      }
    });
    return out;
  }

  /** A store whose putAll writes {@code limit} rows, then fails: a process dying half-way through a merge. */
  private static final class FailingAfter extends ForwardingRowStore {
    private final RowStore delegate;
    private final int limit;

    FailingAfter(RowStore delegate, int limit) {
      this.delegate = delegate;
      this.limit = limit;
    }

    @Override protected RowStore delegate() {
      return delegate;
    }

    @Override public void putAll(List<Map.Entry<byte[], Object[]>> rows) {
      for (int i = 0; i < rows.size(); i++) {
        if (i == limit) {
          throw new IllegalStateException("died after " + limit + " groups");
        }
        delegate.put(rows.get(i).getKey(), rows.get(i).getValue());
      }
    }
  }
}
