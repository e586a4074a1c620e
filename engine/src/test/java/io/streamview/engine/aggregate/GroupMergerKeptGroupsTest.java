package io.streamview.engine.aggregate;

import static io.streamview.engine.aggregate.MergerFixture.FINALIZER;
import static io.streamview.engine.aggregate.MergerFixture.LAYOUT;
import static io.streamview.engine.aggregate.MergerFixture.contents;
import static io.streamview.engine.aggregate.MergerFixture.hex;
import static io.streamview.engine.aggregate.MergerFixture.seq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.engine.storage.ForwardingRowStore;
import io.streamview.engine.storage.RowStore;
import io.streamview.engine.storage.RowVisitor;
import io.streamview.engine.storage.StorageEngine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The groups a {@link GroupMerger} keeps on the heap during a refresh change nothing: the same merges, including
 * batches merged again, merges cut short by a failing write and merges failing on an overflow, leave byte for byte
 * the stores a merger that reads every group from the store leaves.
 */
class GroupMergerKeptGroupsTest {

  private StorageEngine storage;
  private RowStore reference;
  private RowStore keptStore;
  private GroupMerger plain;
  private GroupMerger keeping;

  @BeforeEach
  void open() {
    storage = StorageEngine.inMemory();
    reference = storage.open("reference");
    keptStore = storage.open("kept");
    plain = new GroupMerger(LAYOUT, FINALIZER);
    keeping = new GroupMerger(LAYOUT, FINALIZER);
  }

  @AfterEach
  void close() {
    storage.close();
  }

  private record Rec(String seq, String key, Long v) {
    RecordContribution contribution() {
      return new RecordContribution(new Object[] {key}, seq, new Object[] {true, v != null, v, v, v});
    }
  }

  @Test
  void keptGroupsLeaveTheSameStoresAsReadingEveryGroup() {
    Random random = new Random(11);
    String[] shards = {"shardId-000000000000", "shardId-000000000001", "shardId-000000000002"};
    long[] next = new long[shards.length];
    keeping.startRefresh();
    for (int round = 0; round < 400; round++) {
      int s = random.nextInt(shards.length);
      String shard = shards[s];
      // sometimes re-read from earlier on (a batch merged again, other boundaries)
      long from = random.nextInt(5) == 0 ? Math.max(0, next[s] - random.nextInt(60)) : next[s];
      int size = 1 + random.nextInt(80);
      List<Rec> batch = new ArrayList<>();
      for (long i = from; i < from + size; i++) {
        Random values = new Random(i * 31 + s); // a record has the same content whenever it is read again
        Long v = values.nextInt(10) == 0 ? null : (long) values.nextInt(2000) - 1000;
        batch.add(new Rec(seq(i), "k" + values.nextInt(40), v));
      }
      int failAfter = random.nextInt(12) == 0 ? random.nextInt(size) : -1;
      boolean overflow = random.nextInt(15) == 0;
      if (overflow) {
        batch.add(random.nextInt(batch.size()), new Rec(batch.get(0).seq() + "0", "k0", Long.MAX_VALUE));
        batch.add(new Rec(batch.get(0).seq() + "0", "k0", Long.MAX_VALUE));
      }
      Throwable a = mergeCatching(plain, failAfter < 0 ? reference : new FailingAfter(reference, failAfter), shard,
          batch);
      Throwable b = mergeCatching(keeping, failAfter < 0 ? keptStore : new FailingAfter(keptStore, failAfter), shard,
          batch);
      assertEquals(a == null ? null : a.getClass(), b == null ? null : b.getClass(), "round " + round);
      if (b != null) {
        assertEquals(0, keeping.keptGroups(), "a failed merge drops the kept groups");
      } else {
        assertTrue(keeping.keptGroups() > 0);
        next[s] = Math.max(next[s], from + size);
      }
      assertEquals(contents(reference), contents(keptStore), "round " + round);
    }
    keeping.endRefresh();
    assertEquals(0, keeping.keptGroups());
  }

  @Test
  void aMergeIntoAnotherStoreDropsTheKeptGroups() {
    keeping.startRefresh();
    keeping.merge(keptStore, "shardId-000000000000", seq(1), List.of(new Rec(seq(1), "a", 1L).contribution()));
    assertEquals(1, keeping.keptGroups());
    keeping.merge(reference, "shardId-000000000000", seq(1), List.of(new Rec(seq(1), "a", 1L).contribution()));
    // the other store has not seen the record: it is counted there, not skipped because of the first store's group
    assertEquals(List.of(Map.entry(hex(GroupKeys.of(new Object[] {"a"})), 1L)), counts(reference));
    assertEquals(1, keeping.keptGroups());
  }

  @Test
  void anOverflowDropsTheKeptGroupsAndLeavesTheStoreAsItWas() {
    keeping.startRefresh();
    keeping.merge(keptStore, "shardId-000000000000", seq(1), List.of(new Rec(seq(1), "a", Long.MAX_VALUE - 1)
        .contribution()));
    Map<String, String> before = contents(keptStore);
    assertThrows(ArithmeticException.class, () -> keeping.merge(keptStore, "shardId-000000000000", seq(3),
        List.of(new Rec(seq(2), "b", 1L).contribution(), new Rec(seq(3), "a", 5L).contribution())));
    assertEquals(0, keeping.keptGroups());
    assertEquals(before, contents(keptStore));
    keeping.merge(keptStore, "shardId-000000000000", seq(2), List.of(new Rec(seq(2), "b", 1L).contribution()));
    assertEquals(2, counts(keptStore).size());
  }

  private static Throwable mergeCatching(GroupMerger merger, RowStore store, String shard, List<Rec> batch) {
    try {
      merger.merge(store, shard, batch.get(batch.size() - 1).seq(), batch.stream().map(Rec::contribution).toList());
      return null;
    } catch (IllegalStateException | ArithmeticException e) {
      return e;
    }
  }

  /** Every stored row, key and encoded row in hex. */
  private static List<Map.Entry<String, Long>> counts(RowStore store) {
    List<Map.Entry<String, Long>> out = new ArrayList<>();
    store.forEach((key, row) -> out.add(Map.entry(hex(key), (Long) row[1])));
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
