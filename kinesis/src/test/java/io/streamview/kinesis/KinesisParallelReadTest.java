package io.streamview.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.engine.source.ReadRequest;
import io.streamview.engine.source.ReadSummary;
import io.streamview.engine.source.ReadSummary.ShardProgress;
import io.streamview.engine.source.ShardBatch;
import io.streamview.engine.source.ShardCheckpoint;
import io.streamview.engine.source.StartPosition;
import io.streamview.engine.source.StreamSourceException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The read logic — shard order, parallelism, retries, iterator renewal, abort — over {@link FakeKinesisClient}. */
class KinesisParallelReadTest {

  private static final String STREAM = "orders";
  private final FakeKinesisClient fake = new FakeKinesisClient(STREAM);
  private final KinesisRetryPolicy fastRetry = new KinesisRetryPolicy(4, 1, 2, millis -> { });
  private final KinesisReadOptions smallBatches = KinesisReadOptions.DEFAULT.withRecordsPerCall(7)
      .withMinMillisBetweenCalls(0);

  private KinesisStreamSource source(KinesisReadOptions options) {
    return new KinesisStreamSource(new KinesisConnection(fake, "fake (region us-east-1)", Set.of(), List.of()),
        fastRetry, options);
  }

  private ReadSummary read(int parallelism, Map<String, ShardCheckpoint> checkpoints, CollectingConsumer consumer) {
    return source(smallBatches).readToParity(new ReadRequest(STREAM, checkpoints, parallelism, () -> false), consumer);
  }

  /** p0 split into c1 and c2, merged back into m3; s4 is unrelated. */
  private void reshardedStream() {
    fake.shard("p0", null, null, true, 30);
    fake.shard("c1", "p0", null, true, 10);
    fake.shard("c2", "p0", null, true, 12);
    fake.shard("m3", "c1", "c2", false, 5);
    fake.shard("s4", null, null, false, 40);
  }

  @Test
  void readsEveryGenerationAfterTheOneBeforeWithFourThreads() {
    reshardedStream();
    CollectingConsumer consumer = new CollectingConsumer();
    ReadSummary summary = read(4, Map.of(), consumer);

    assertEquals(97, consumer.payloads().size());
    assertEquals(97, new HashSet<>(consumer.payloads()).size(), "each record once");
    assertTrue(consumer.inSequenceOrderPerShard());
    assertBefore(consumer, Set.of("p0"), Set.of("c1", "c2"));
    assertBefore(consumer, Set.of("c1", "c2"), Set.of("m3"));
    assertEquals(List.of("p0", "c1", "c2", "m3", "s4"),
        summary.shards().stream().map(ShardProgress::shardId).toList(), "listing order");
    for (String closed : List.of("p0", "c1", "c2")) {
      ShardProgress p = progress(summary, closed);
      assertTrue(p.ended() && !p.atParity(), p.toString());
      assertTrue(consumer.checkpoints().get(closed).ended());
    }
    assertTrue(progress(summary, "m3").atParity());
    assertTrue(progress(summary, "s4").atParity());
    assertEquals(40, progress(summary, "s4").records());
    // every GetRecords answer with records is one batch; a closed shard's last answer also ends it
    assertEquals(1, consumer.batches().stream().filter(b -> b.shardId().equals("c1") && b.checkpoint().ended()).count());
  }

  @Test
  void oneThreadStillReadsParentsFirst() {
    reshardedStream();
    CollectingConsumer consumer = new CollectingConsumer();
    read(1, Map.of(), consumer);
    assertEquals(97, consumer.payloads().size());
    assertBefore(consumer, Set.of("p0"), Set.of("c1", "c2"));
    assertBefore(consumer, Set.of("c1", "c2"), Set.of("m3"));
  }

  @Test
  void endedCheckpointsAreSkippedAndOthersResumeAfterTheirSequenceNumber() {
    reshardedStream();
    String p0Last = fake.shards.get("p0").records.get(29).sequenceNumber();
    String c1Fifth = fake.shards.get("c1").records.get(4).sequenceNumber();
    Map<String, ShardCheckpoint> checkpoints = Map.of(
        "p0", new ShardCheckpoint("p0", StartPosition.afterSequenceNumber(p0Last), true),
        "c1", new ShardCheckpoint("c1", StartPosition.afterSequenceNumber(c1Fifth), false));
    CollectingConsumer consumer = new CollectingConsumer();
    ReadSummary summary = read(3, checkpoints, consumer);

    assertEquals(5 + 12 + 5 + 40, consumer.payloads().size());
    assertFalse(consumer.payloads().stream().anyMatch(p -> p.startsWith("p0#")));
    assertEquals("c1#5", consumer.byShard().get("c1").get(0).payload());
    assertTrue(summary.shards().stream().noneMatch(p -> p.shardId().equals("p0")), "ended shards are not listed");
    assertTrue(fake.iteratorRequests.contains("c1 AFTER_SEQUENCE_NUMBER " + c1Fifth), fake.iteratorRequests.toString());
    assertTrue(fake.iteratorRequests.contains("c2 TRIM_HORIZON"));
  }

  @Test
  void anEmptyClosedShardEndsWithOneEmptyBatch() {
    fake.shard("p0", null, null, true, 0);
    fake.shard("c1", "p0", null, false, 3);
    CollectingConsumer consumer = new CollectingConsumer();
    ReadSummary summary = read(2, Map.of(), consumer);
    ShardBatch first = consumer.batches().get(0);
    assertEquals("p0", first.shardId());
    assertTrue(first.records().isEmpty());
    assertEquals(new ShardCheckpoint("p0", StartPosition.TRIM_HORIZON, true), first.checkpoint());
    assertEquals(3, progress(summary, "c1").records());
  }

  @Test
  void aClosedShardThatNeverEndsStopsAtParityAndItsChildrenWait() {
    fake.shard("p0", null, null, true, 3).neverEnds = true;
    fake.shard("c1", "p0", null, false, 3);
    CollectingConsumer consumer = new CollectingConsumer();
    ReadSummary summary = read(2, Map.of(), consumer);
    assertEquals(List.of("p0"), summary.shards().stream().map(ShardProgress::shardId).toList());
    assertTrue(summary.shards().get(0).atParity());
    assertFalse(consumer.checkpoints().get("p0").ended());
    assertFalse(consumer.byShard().containsKey("c1"));
  }

  @Test
  void throttlingIsRetriedWithoutLosingOrDuplicatingRecords() {
    fake.shard("a", null, null, false, 20);
    fake.throttleNextGetRecords.set(3);
    CollectingConsumer consumer = new CollectingConsumer();
    read(1, Map.of(), consumer);
    assertEquals(20, consumer.payloads().size());
    assertEquals(20, new HashSet<>(consumer.payloads()).size());
  }

  @Test
  void throttlingBeyondTheRetryBudgetIsThrottled() {
    fake.shard("a", null, null, false, 20);
    fake.throttleNextGetRecords.set(100);
    StreamSourceException e = assertThrows(StreamSourceException.class, () -> read(1, Map.of(),
        new CollectingConsumer()));
    assertEquals(StreamSourceException.Reason.THROTTLED, e.reason());
  }

  @Test
  void anExpiredIteratorIsRenewedFromTheLastDeliveredCheckpoint() {
    fake.shard("a", null, null, false, 20);
    CollectingConsumer consumer = new CollectingConsumer() {
      @Override public synchronized void accept(ShardBatch batch) {
        super.accept(batch);
        if (batches().size() == 1) {
          fake.expireNextGetRecords.add("a");
        }
      }
    };
    read(1, Map.of(), consumer);
    assertEquals(20, consumer.payloads().size());
    assertEquals(20, new HashSet<>(consumer.payloads()).size(), "nothing twice");
    String seventh = fake.shards.get("a").records.get(6).sequenceNumber();
    assertEquals(List.of("a TRIM_HORIZON", "a AFTER_SEQUENCE_NUMBER " + seventh), fake.iteratorRequests);
  }

  @Test
  void noMoreThanParallelismReadersAtOnce() {
    for (int i = 0; i < 6; i++) {
      fake.shard("s" + i, null, null, false, 15);
    }
    Set<String> threads = Collections.synchronizedSet(new HashSet<>());
    CollectingConsumer consumer = new CollectingConsumer() {
      @Override public synchronized void accept(ShardBatch batch) {
        threads.add(Thread.currentThread().getName());
        super.accept(batch);
      }
    };
    ReadSummary summary = read(2, Map.of(), consumer);
    assertEquals(90, summary.records());
    assertTrue(threads.size() <= 2, threads.toString());
    assertTrue(fake.maxConcurrentGetRecords.get() <= 2);
  }

  @Test
  void aConsumerExceptionStopsEveryReaderAndIsRethrownAsItIs() {
    for (int i = 0; i < 4; i++) {
      fake.shard("s" + i, null, null, false, 70);
    }
    IllegalArgumentException boom = new IllegalArgumentException("cannot store");
    CountDownLatch failed = new CountDownLatch(1);
    Map<String, AtomicInteger> batchesPerShard = new ConcurrentHashMap<>();
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> source(smallBatches).readToParity(new ReadRequest(STREAM, Map.of(), 4, () -> false), batch -> {
          batchesPerShard.computeIfAbsent(batch.shardId(), k -> new AtomicInteger()).incrementAndGet();
          if (batch.shardId().equals("s2")) {
            failed.countDown();
            throw boom;
          }
          awaitUninterruptibly(failed); // the other readers hold their first batch until s2 has failed
        }));
    assertSame(boom, thrown);
    assertEquals(1, batchesPerShard.get("s2").get());
    // each other reader finishes the batch in hand and may have fetched one more before the abort showed; no more
    batchesPerShard.forEach((shard, batches) -> assertTrue(batches.get() <= 2, shard + ": " + batches));
  }

  @Test
  void afterAConsumerExceptionNoQueuedShardStarts() {
    fake.shard("s0", null, null, false, 20);
    fake.shard("s1", null, null, false, 20);
    IllegalStateException boom = new IllegalStateException("full");
    List<String> shards = Collections.synchronizedList(new ArrayList<>());
    assertSame(boom, assertThrows(IllegalStateException.class,
        () -> source(smallBatches).readToParity(new ReadRequest(STREAM, Map.of(), 1, () -> false), batch -> {
          shards.add(batch.shardId());
          throw boom;
        })));
    assertEquals(List.of("s0"), shards);
    assertEquals(List.of("s0 TRIM_HORIZON"), fake.iteratorRequests, "s1, queued behind s0, never started");
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    try {
      if (!latch.await(60, TimeUnit.SECONDS)) {
        throw new AssertionError("the failing shard never delivered");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void cancellationStopsBetweenCallsAndStartsNoChild() {
    fake.shard("p0", null, null, true, 30);
    fake.shard("c1", "p0", null, false, 3);
    AtomicBoolean cancelled = new AtomicBoolean();
    CollectingConsumer consumer = new CollectingConsumer() {
      @Override public synchronized void accept(ShardBatch batch) {
        super.accept(batch);
        cancelled.set(true);
      }
    };
    ReadSummary summary = source(smallBatches).readToParity(new ReadRequest(STREAM, Map.of(), 2, cancelled::get),
        consumer);
    assertEquals(1, consumer.batches().size());
    assertEquals(List.of("p0"), summary.shards().stream().map(ShardProgress::shardId).toList());
    assertFalse(summary.shards().get(0).atParity() || summary.shards().get(0).ended());
  }

  @Test
  void listingPagesAreFollowedAndAMissingStreamIsNotFound() {
    for (int i = 0; i < 5; i++) {
      fake.shard("s" + i, null, null, false, 1);
    }
    assertEquals(5, source(smallBatches).listShards(STREAM, () -> false).size());
    StreamSourceException e = assertThrows(StreamSourceException.class,
        () -> source(smallBatches).readToParity(new ReadRequest("other", Map.of(), 1, () -> false),
            new CollectingConsumer()));
    assertEquals(StreamSourceException.Reason.STREAM_NOT_FOUND, e.reason());
    assertTrue(e.getMessage().contains("'other' does not exist at fake (region us-east-1)"), e.getMessage());
  }

  private static void assertBefore(CollectingConsumer consumer, Set<String> parents, Set<String> children) {
    List<CollectingConsumer.Delivered> records = consumer.records();
    long lastParent = records.stream().filter(d -> parents.contains(d.record().shardId()))
        .mapToLong(CollectingConsumer.Delivered::order).max().orElseThrow();
    long firstChild = records.stream().filter(d -> children.contains(d.record().shardId()))
        .mapToLong(CollectingConsumer.Delivered::order).min().orElseThrow();
    assertTrue(lastParent < firstChild, parents + " before " + children + ": " + records.stream()
        .map(d -> d.record().shardId()).collect(Collectors.joining(",")));
  }

  private static ShardProgress progress(ReadSummary summary, String shardId) {
    return summary.shards().stream().filter(p -> p.shardId().equals(shardId)).findFirst().orElseThrow();
  }
}
