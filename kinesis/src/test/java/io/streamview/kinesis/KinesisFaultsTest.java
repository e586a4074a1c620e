package io.streamview.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.engine.source.ReadRequest;
import io.streamview.engine.source.ReadSummary;
import io.streamview.engine.source.ShardBatch;
import io.streamview.engine.source.ShardCheckpoint;
import io.streamview.engine.source.ShardGap;
import io.streamview.engine.source.SourceConfig;
import io.streamview.engine.source.StreamSource;
import io.streamview.engine.source.StreamSourceException;
import io.streamview.kinesis.KinesisFaultProxy.Fault;
import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.WithKinesis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads through {@link KinesisFaultProxy} in front of the harness's Kinesis endpoint: seeded fault schedules
 * (throttling, limits, 5xx, resets before and after Kinesis did the work, delays, timeouts, expired iterators) lose
 * and duplicate no record; hard failures name the stream and the cause and commit nothing more; a shard trimmed past
 * the committed position is reported as a gap and read on from its trim horizon. Each test prints its figures
 * ({@code FAULT-FIGURES …}).
 */
@WithKinesis
class KinesisFaultsTest {

  private static final Set<Fault> ALL_BUT_TIMEOUT = EnumSet.complementOf(EnumSet.of(Fault.TIMEOUT));

  private final KinesisEndpoint endpoint;
  private final KinesisTestStreams streams;
  private KinesisFaultProxy proxy;

  KinesisFaultsTest(KinesisEndpoint endpoint, KinesisTestStreams streams) {
    this.endpoint = endpoint;
    this.streams = streams;
  }

  @BeforeEach
  void startProxy() throws Exception {
    proxy = new KinesisFaultProxy(endpoint.uri());
  }

  @AfterEach
  void stopProxy() throws Exception {
    proxy.close();
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 23, 37})
  void seededFaultSchedulesLoseAndDuplicateNothing(long seed) {
    String stream = streams.create("faults", 3);
    List<String> written = write(stream, "s" + seed + "-a", 450);
    proxy.plan(KinesisFaultProxy.Plan.of(seed, 0.3, ALL_BUT_TIMEOUT));

    CollectingConsumer first = new CollectingConsumer();
    try (StreamSource source = throughProxy(Duration.ofSeconds(60), 15)) {
      ReadSummary summary = source.readToParity(new ReadRequest(stream, Map.of(), 3, () -> false), first);
      assertTrue(summary.shards().stream().allMatch(ReadSummary.ShardProgress::atParity), summary.toString());
      written.addAll(write(stream, "s" + seed + "-b", 150));
      CollectingConsumer second = new CollectingConsumer(first.checkpoints());
      source.readToParity(new ReadRequest(stream, first.checkpoints(), 3, () -> false), second);

      List<String> delivered = new ArrayList<>(first.payloads());
      delivered.addAll(second.payloads());
      assertTrue(first.inSequenceOrderPerShard() && second.inSequenceOrderPerShard());
      report("seed " + seed, written, delivered);
      assertEquals(counts(written), counts(delivered), "every record exactly once");
    }
    assertTrue(proxy.injectedTotal() > 10, "faults were injected: " + proxy.injected());
  }

  @Test
  void attemptTimeoutsAreRetried() {
    String stream = streams.create("timeouts", 1);
    List<String> written = write(stream, "t", 120);
    proxy.plan(new KinesisFaultProxy.Plan(5, 0.35, EnumSet.of(Fault.TIMEOUT, Fault.DELAY),
        Set.of("GetShardIterator", "GetRecords", "ListShards"), 3, 200, 1_500));
    CollectingConsumer consumer = new CollectingConsumer();
    try (StreamSource source = throughProxy(Duration.ofSeconds(1), 10)) {
      source.readToParity(new ReadRequest(stream, Map.of(), 1, () -> false), consumer);
    }
    report("timeouts", written, consumer.payloads());
    assertEquals(counts(written), counts(consumer.payloads()));
    assertTrue(proxy.injected().get(Fault.TIMEOUT) > 0, proxy.injected().toString());
  }

  @Test
  void aReadThatFailsMidwayResumesFromTheLastCommittedBatch() {
    String stream = streams.create("resume", 2);
    List<String> written = write(stream, "r", 300);
    proxy.plan(KinesisFaultProxy.Plan.of(99, 0.25, ALL_BUT_TIMEOUT));
    AtomicInteger batches = new AtomicInteger();
    CollectingConsumer committed = new CollectingConsumer() {
      @Override public synchronized void accept(ShardBatch batch) {
        super.accept(batch);
        if (batches.incrementAndGet() == 3) {
          proxy.hardError("InternalFailure"); // Kinesis keeps failing: the retries run out
        }
      }
    };
    try (StreamSource source = throughProxy(Duration.ofSeconds(60), 25)) {
      StreamSourceException failed = assertThrows(StreamSourceException.class,
          () -> source.readToParity(new ReadRequest(stream, Map.of(), 2, () -> false), committed));
      assertTrue(failed.getMessage().contains(stream), failed.getMessage());
      assertTrue(committed.payloads().size() >= 75 && committed.payloads().size() < 300,
          committed.payloads().size() + " committed before the failure");

      proxy.hardError(null);
      CollectingConsumer rest = new CollectingConsumer(committed.checkpoints());
      source.readToParity(new ReadRequest(stream, committed.checkpoints(), 2, () -> false), rest);
      List<String> delivered = new ArrayList<>(committed.payloads());
      delivered.addAll(rest.payloads());
      report("resume after failure", written, delivered);
      assertEquals(counts(written), counts(delivered), "resumed exactly after the committed checkpoints");
    }
  }

  @Test
  void accessDeniedNamesTheStreamAndTheCauseAndDeliversNothing() {
    String stream = streams.create("denied", 1);
    write(stream, "d", 10);
    proxy.hardError("AccessDeniedException");
    CollectingConsumer consumer = new CollectingConsumer();
    try (StreamSource source = throughProxy(Duration.ofSeconds(60), 100)) {
      StreamSourceException e = assertThrows(StreamSourceException.class,
          () -> source.readToParity(new ReadRequest(stream, Map.of(), 1, () -> false), consumer));
      assertEquals(StreamSourceException.Reason.ACCESS_DENIED, e.reason());
      assertTrue(e.getMessage().startsWith("Access to Kinesis stream '" + stream + "' at " + proxy.uri()),
          e.getMessage());
      assertFalse(e.getMessage().contains(endpoint.secretAccessKey()));
    }
    assertEquals(List.of(), consumer.batches());
  }

  @Test
  void aStreamDeletedDuringTheReadIsStreamNotFoundAndKeepsWhatWasCommitted() {
    String stream = streams.create("deleted", 1);
    write(stream, "x", 200);
    CollectingConsumer consumer = new CollectingConsumer() {
      @Override public synchronized void accept(ShardBatch batch) {
        super.accept(batch);
        if (batches().size() == 1) {
          streams.delete(stream);
        }
      }
    };
    try (StreamSource source = throughProxy(Duration.ofSeconds(60), 50)) {
      StreamSourceException e = assertThrows(StreamSourceException.class,
          () -> source.readToParity(new ReadRequest(stream, Map.of(), 1, () -> false), consumer));
      assertEquals(StreamSourceException.Reason.STREAM_NOT_FOUND, e.reason(), e.getMessage());
      assertTrue(e.getMessage().startsWith("Kinesis stream '" + stream + "' "), e.getMessage());
      assertTrue(e.getMessage().contains("does not exist") || e.getMessage().contains("is being deleted"),
          e.getMessage());
    }
    assertEquals(50, consumer.payloads().size(), "the batch before the deletion, and nothing after");
  }

  @Test
  void aShardTrimmedPastTheCommittedPositionIsReportedAndReadOnFromItsTrimHorizon() {
    String stream = streams.create("trimmed", 1);
    String shard = streams.shards(stream).get(0).shardId();
    List<String> sequences = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      sequences.add(streams.put(stream, "k" + i, ("rec-" + i).getBytes(StandardCharsets.UTF_8)).sequenceNumber());
    }
    CollectingConsumer first = new CollectingConsumer();
    try (StreamSource source = throughProxy(Duration.ofSeconds(60), 50)) {
      // read the first 50, as a refresh that was cancelled after one batch
      AtomicInteger calls = new AtomicInteger();
      source.readToParity(new ReadRequest(stream, Map.of(), 1, () -> calls.get() > 0), batch -> {
        first.accept(batch);
        calls.incrementAndGet();
      });
      assertEquals(50, first.payloads().size());
      assertEquals("AFTER_SEQUENCE_NUMBER " + sequences.get(49), first.checkpoints().get(shard).next().toString());

    }
    // records 50..69 expire while no process reads the stream: the shard's trim horizon is record 70
    proxy.trimBelow(shard, sequences.get(70));
    try (StreamSource source = throughProxy(Duration.ofSeconds(60), 50)) {
      CollectingConsumer second = new CollectingConsumer(first.checkpoints());
      ReadSummary summary = source.readToParity(new ReadRequest(stream, first.checkpoints(), 1, () -> false), second);
      assertEquals(List.of(new ShardGap(shard, sequences.get(49), sequences.get(70),
          summary.gaps().get(0).firstRetainedArrival(), true)), summary.gaps());
      assertEquals(IntStream.range(70, 100).mapToObj(i -> "rec-" + i).toList(), second.payloads(),
          "read on from the trim horizon, each retained record once");
      System.out.printf("FAULT-FIGURES trimmed shard: records checked %d, expired in the gap 20, lost 0, duplicated "
          + "0, gaps reported %d%n", first.payloads().size() + second.payloads().size(), summary.gaps().size());

      // reported once: the next read starts after record 99, which this source delivered moments ago, so it does
      // not even look the trim horizon up (one GetShardIterator: the read's own)
      long iterators = proxy.forwarded("GetShardIterator");
      CollectingConsumer third = new CollectingConsumer(second.checkpoints());
      ReadSummary again = source.readToParity(new ReadRequest(stream, second.checkpoints(), 1, () -> false), third);
      assertEquals(List.of(), again.gaps());
      assertEquals(List.of(), third.payloads());
      assertEquals(iterators + 1, proxy.forwarded("GetShardIterator"));
    }
    try (StreamSource fresh = throughProxy(Duration.ofSeconds(60), 50)) {
      // a new source (a new process) checks the trim horizon once: record 99 is retained, no gap
      long iterators = proxy.forwarded("GetShardIterator");
      ReadSummary again = fresh.readToParity(new ReadRequest(stream, Map.of(shard, new ShardCheckpoint(shard,
          io.streamview.engine.source.StartPosition.afterSequenceNumber(sequences.get(99)), false)), 1,
          () -> false), new CollectingConsumer());
      assertEquals(List.of(), again.gaps());
      assertEquals(iterators + 2, proxy.forwarded("GetShardIterator"), "TRIM_HORIZON look-up, then the read's own");
    }
  }

  @Test
  void aCheckpointedShardNoLongerListedIsReportedOnceAndEnded() {
    String stream = streams.create("vanished", 1);
    List<String> written = write(stream, "v", 20);
    String gone = "shardId-000000000999";
    Map<String, ShardCheckpoint> checkpoints = Map.of(gone, new ShardCheckpoint(gone,
        io.streamview.engine.source.StartPosition.afterSequenceNumber("49590338271490256608559692538361571095921575989136588898"),
        false));
    CollectingConsumer consumer = new CollectingConsumer(checkpoints);
    try (StreamSource source = throughProxy(Duration.ofSeconds(60), 100)) {
      ReadSummary summary = source.readToParity(new ReadRequest(stream, checkpoints, 1, () -> false), consumer);
      assertEquals(1, summary.gaps().size());
      assertEquals(gone, summary.gaps().get(0).shardId());
      assertFalse(summary.gaps().get(0).shardListed());
      assertTrue(consumer.checkpoints().get(gone).ended(), "ended, so that it is reported once");
      assertEquals(counts(written), counts(consumer.payloads()));
      ReadSummary again = source.readToParity(new ReadRequest(stream, consumer.checkpoints(), 1, () -> false),
          new CollectingConsumer());
      assertEquals(List.of(), again.gaps());
    }
  }

  private StreamSource throughProxy(Duration attemptTimeout, int recordsPerCall) {
    SourceConfig config = new SourceConfig(Optional.of(proxy.uri().toString()), Optional.of(endpoint.region()),
        Optional.empty(), Optional.of(new SourceConfig.StaticCredentials(endpoint.accessKeyId(),
        endpoint.secretAccessKey(), Optional.empty())), List.of());
    return new KinesisStreamSource(KinesisClientFactory.connect(config, attemptTimeout), KinesisRetryPolicy.DEFAULT,
        KinesisReadOptions.DEFAULT.withRecordsPerCall(recordsPerCall).withMinMillisBetweenCalls(20));
  }

  private void report(String what, List<String> written, List<String> delivered) {
    Map<String, Long> expected = counts(written);
    Map<String, Long> actual = counts(delivered);
    long lost = expected.keySet().stream().filter(k -> !actual.containsKey(k)).count();
    long duplicated = actual.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
    System.out.printf("FAULT-FIGURES %s: faults injected %d %s, requests forwarded %d, records checked %d, "
        + "lost %d, duplicated %d%n", what, proxy.injectedTotal(), proxy.injected(), proxy.forwarded(),
        written.size(), lost, duplicated);
  }

  private List<String> write(String stream, String prefix, int count) {
    List<String> payloads = IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).collect(Collectors.toList());
    streams.putRecords(stream, payloads.stream().map(p -> p.getBytes(StandardCharsets.UTF_8)).toList());
    return payloads;
  }

  private static Map<String, Long> counts(List<String> payloads) {
    Map<String, Long> counts = new TreeMap<>();
    for (String p : payloads) {
      counts.merge(p, 1L, Long::sum);
    }
    return counts;
  }
}
