package io.streamview.engine.aggregate;

import static io.streamview.engine.aggregate.MergerFixture.FINALIZER;
import static io.streamview.engine.aggregate.MergerFixture.LAYOUT;
import static io.streamview.engine.aggregate.MergerFixture.contents;
import static io.streamview.engine.aggregate.MergerFixture.seq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.engine.storage.ForwardingRowStore;
import io.streamview.engine.storage.RowStore;
import io.streamview.engine.storage.StorageEngine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Holding batches ({@link GroupMerger#hold}, then one {@link GroupMerger#flush}) stores byte for byte what merging
 * the same batches one at a time stores: the same states and the same per-shard marks, also when batches are read
 * again; a failed flush or an overflow while holding writes nothing of what was held, and the batches merged again
 * afterwards give the same store.
 */
class GroupMergerHeldBatchesTest {

  private static final String[] SHARDS = {"shardId-000000000000", "shardId-000000000001", "shardId-000000000002"};

  private StorageEngine storage;
  private RowStore reference;
  private RowStore heldStore;

  @BeforeEach
  void open() {
    storage = StorageEngine.inMemory();
    reference = storage.open("reference");
    heldStore = storage.open("held");
  }

  @AfterEach
  void close() {
    storage.close();
  }

  private record Batch(String shard, List<RecordContribution> records) {
    String last() {
      return records.get(records.size() - 1).sequenceNumber();
    }
  }

  /** Random batches of three shards, some of them reading again part of what the shard's earlier batches read. */
  private static List<Batch> batches(long seed, int count) {
    Random random = new Random(seed);
    long[] next = new long[SHARDS.length];
    List<Batch> out = new ArrayList<>();
    for (int b = 0; b < count; b++) {
      int s = random.nextInt(SHARDS.length);
      long from = random.nextInt(5) == 0 ? Math.max(0, next[s] - random.nextInt(60)) : next[s];
      int size = 1 + random.nextInt(80);
      List<RecordContribution> records = new ArrayList<>();
      for (long i = from; i < from + size; i++) {
        Random values = new Random(i * 31 + s); // a record has the same content whenever it is read again
        Long v = values.nextInt(10) == 0 ? null : (long) values.nextInt(2000) - 1000;
        records.add(new RecordContribution(new Object[] {"k" + values.nextInt(40)}, seq(i),
            new Object[] {true, v != null, v, v, v}));
      }
      next[s] = Math.max(next[s], from + size);
      out.add(new Batch(SHARDS[s], records));
    }
    return out;
  }

  @Test
  void heldBatchesStoreWhatMergingThemOneByOneStores() {
    GroupMerger oneByOne = new GroupMerger(LAYOUT, FINALIZER);
    GroupMerger holding = new GroupMerger(LAYOUT, FINALIZER);
    Random random = new Random(5);
    List<Batch> all = batches(17, 300);
    holding.startRefresh();
    oneByOne.startRefresh();
    int i = 0;
    int failures = 0;
    while (i < all.size()) {
      List<Batch> chunk = all.subList(i, Math.min(all.size(), i + 1 + random.nextInt(8)));
      Map<String, String> before = contents(heldStore);
      boolean fail = random.nextInt(6) == 0;
      for (Batch b : chunk) {
        holding.hold(heldStore, b.shard(), b.last(), b.records());
      }
      if (fail) {
        // the commit dies half-way: nothing held is visible, the held groups are gone, the batches are read again
        assertThrows(IllegalStateException.class, () -> holding.flush(new Refusing(heldStore)));
        assertEquals(before, contents(heldStore), "a failed flush wrote nothing");
        assertThrows(IllegalStateException.class, () -> holding.hold(heldStore, chunk.get(0).shard(),
            chunk.get(0).last(), chunk.get(0).records()), "a failed flush refuses further holds");
        holding.endRefresh();
        holding.startRefresh();
        failures++;
        continue;
      }
      holding.flush(heldStore);
      assertEquals(0, holding.dirtyGroups());
      for (Batch b : chunk) {
        oneByOne.merge(reference, b.shard(), b.last(), b.records());
      }
      assertEquals(contents(reference), contents(heldStore), "after batch " + (i + chunk.size()));
      i += chunk.size();
    }
    assertTrue(failures > 0, "some flushes failed");
  }

  /**
   * Keys spelt several ways for one group (decimals of scales 0 to 2, which GroupKeys.of makes equal, so one group is
   * found by several cached key values) and DOUBLE PRECISION inputs (folded unboxed): holding with kept groups
   * stores what merging one batch at a time without any kept group stores.
   */
  @Test
  void keysOfSeveralSpellingsAndDoubleInputsStoreAlike() {
    Random random = new Random(23);
    long[] next = new long[SHARDS.length];
    GroupMerger plain = new GroupMerger(LAYOUT, FINALIZER); // no startRefresh: every group read from the store
    GroupMerger holding = new GroupMerger(LAYOUT, FINALIZER);
    holding.startRefresh();
    for (int round = 0; round < 150; round++) {
      int chunk = 1 + random.nextInt(6);
      List<Batch> batches = new ArrayList<>();
      for (int c = 0; c < chunk; c++) {
        int s = random.nextInt(SHARDS.length);
        long from = random.nextInt(5) == 0 ? Math.max(0, next[s] - random.nextInt(60)) : next[s];
        int size = 1 + random.nextInt(80);
        List<RecordContribution> records = new ArrayList<>();
        for (long i = from; i < from + size; i++) {
          Random values = new Random(i * 31 + s);
          Double v = values.nextInt(10) == 0 ? null
              : values.nextInt(20) == 0 ? (values.nextBoolean() ? -0.0 : Double.POSITIVE_INFINITY)
              : values.nextGaussian() * 100;
          java.math.BigDecimal key = new java.math.BigDecimal(values.nextInt(30)).setScale(values.nextInt(3));
          records.add(new RecordContribution(new Object[] {key}, seq(i), new Object[] {true, v != null, v, v, v}));
        }
        next[s] = Math.max(next[s], from + size);
        batches.add(new Batch(SHARDS[s], records));
      }
      for (Batch b : batches) {
        holding.hold(heldStore, b.shard(), b.last(), b.records());
        plain.merge(reference, b.shard(), b.last(), b.records());
      }
      holding.flush(heldStore);
      assertEquals(contents(reference), contents(heldStore), "round " + round);
    }
    holding.endRefresh();
  }

  @Test
  void aFailedFlushLeavesTheStoreAsItWas() {
    GroupMerger holding = new GroupMerger(LAYOUT, FINALIZER);
    List<Batch> all = batches(3, 20);
    holding.startRefresh();
    for (Batch b : all.subList(0, 10)) {
      holding.hold(heldStore, b.shard(), b.last(), b.records());
    }
    holding.flush(heldStore);
    Map<String, String> before = contents(heldStore);
    for (Batch b : all.subList(10, 20)) {
      holding.hold(heldStore, b.shard(), b.last(), b.records());
    }
    assertThrows(IllegalStateException.class, () -> holding.flush(new Refusing(heldStore)));
    assertEquals(before, contents(heldStore));
    assertEquals(0, holding.dirtyGroups());
    assertThrows(IllegalStateException.class, () -> holding.flush(heldStore));
    holding.endRefresh();
  }

  @Test
  void anOverflowWhileHoldingWritesNothingHeld() {
    GroupMerger holding = new GroupMerger(LAYOUT, FINALIZER);
    holding.startRefresh();
    holding.hold(heldStore, SHARDS[0], seq(1), List.of(contribution(seq(1), "a", Long.MAX_VALUE - 1)));
    holding.flush(heldStore);
    Map<String, String> before = contents(heldStore);
    holding.hold(heldStore, SHARDS[0], seq(2), List.of(contribution(seq(2), "b", 1L)));
    assertThrows(ArithmeticException.class, () -> holding.hold(heldStore, SHARDS[0], seq(3),
        List.of(contribution(seq(3), "a", 5L))));
    assertEquals(0, holding.dirtyGroups());
    assertThrows(IllegalStateException.class, () -> holding.flush(heldStore));
    assertEquals(before, contents(heldStore));
    holding.endRefresh();
    holding.startRefresh();
    holding.hold(heldStore, SHARDS[0], seq(2), List.of(contribution(seq(2), "b", 1L)));
    assertEquals(1, holding.flush(heldStore));
    assertEquals(2, contents(heldStore).size());
  }

  @Test
  void mergingABatchWhileBatchesAreHeldIsRefused() {
    GroupMerger holding = new GroupMerger(LAYOUT, FINALIZER);
    holding.startRefresh();
    holding.hold(heldStore, SHARDS[0], seq(1), List.of(contribution(seq(1), "a", 1L)));
    assertThrows(IllegalStateException.class, () -> holding.merge(heldStore, SHARDS[0], seq(2),
        List.of(contribution(seq(2), "a", 1L))));
    assertThrows(IllegalStateException.class, () -> holding.hold(reference, SHARDS[0], seq(2),
        List.of(contribution(seq(2), "a", 1L))));
    assertEquals(1, holding.flush(heldStore));
    holding.endRefresh();
  }

  private static RecordContribution contribution(String seq, String key, Long v) {
    return new RecordContribution(new Object[] {key}, seq, new Object[] {true, v != null, v, v, v});
  }

  /** Every stored row, key and encoded row in hex. */
  /**
   * A store whose putAll fails before writing anything: a commit refused (result sets still open; a commit torn by a
   * crash is discarded or completed by the journal, docs/crash-consistency.md, so a commit is all or nothing).
   */
  private static final class Refusing extends ForwardingRowStore {
    private final RowStore delegate;

    Refusing(RowStore delegate) {
      this.delegate = delegate;
    }

    @Override protected RowStore delegate() {
      return delegate;
    }

    @Override public void putAll(List<Map.Entry<byte[], Object[]>> rows) {
      throw new IllegalStateException("commit of " + rows.size() + " groups refused");
    }
  }
}
