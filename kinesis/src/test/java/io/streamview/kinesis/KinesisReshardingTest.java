package io.streamview.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.engine.source.ReadRequest;
import io.streamview.engine.source.ReadSummary;
import io.streamview.engine.source.ShardBatch;
import io.streamview.engine.source.SourceConfig;
import io.streamview.engine.source.StreamSource;
import io.streamview.kinesis.KinesisFaultProxy.Fault;
import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.WithKinesis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Resharding against the harness's Kinesis endpoint (SplitShard / MergeShards through the SDK) before, between and
 * during reads, with and without injected faults: every record is delivered exactly once, and no record of a child
 * shard is delivered before its parents were read to their end (their ending batch delivered). Closed parents are
 * recognized by the null next iterator, never by their ending sequence number (kinesis-mock reports
 * 9223372036854775807).
 */
@WithKinesis
class KinesisReshardingTest {

  private final KinesisEndpoint endpoint;
  private final KinesisTestStreams streams;
  private KinesisFaultProxy proxy;

  KinesisReshardingTest(KinesisEndpoint endpoint, KinesisTestStreams streams) {
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

  @Test
  void splitDuringAReadThenMoreRecordsInTheChildren() {
    String stream = streams.create("splitmid", 2);
    List<String> written = write(stream, "before", 240);
    String parent = streams.shards(stream).get(0).shardId();
    AtomicBoolean split = new AtomicBoolean();
    CollectingConsumer consumer = new CollectingConsumer() {
      @Override public void accept(ShardBatch batch) {
        super.accept(batch);
        if (batch.shardId().equals(parent) && split.compareAndSet(false, true)) {
          streams.split(stream, parent); // the parent closes while its reader is in the middle of it
        }
      }
    };
    try (StreamSource source = direct(30)) {
      ReadSummary first = source.readToParity(new ReadRequest(stream, Map.of(), 2, () -> false), consumer);
      assertTrue(split.get());
      assertTrue(consumer.checkpoints().get(parent).ended(), "the parent was read to its end: " + first);
      written.addAll(write(stream, "after", 160));
      readUntilQuiet(source, stream, consumer, 3);
    }
    assertExactlyOnceParentsFirst(stream, written, consumer, "split during a read");
  }

  @Test
  void mergeDuringAReadThenMoreRecordsInTheChild() {
    String stream = streams.create("mergemid", 2);
    List<Shard> shards = streams.shards(stream);
    String a = shards.get(0).shardId();
    String b = shards.get(1).shardId();
    List<String> written = write(stream, "before", 200);
    AtomicBoolean merged = new AtomicBoolean();
    CollectingConsumer consumer = new CollectingConsumer() {
      @Override public void accept(ShardBatch batch) {
        super.accept(batch);
        if (merged.compareAndSet(false, true)) {
          streams.merge(stream, a, b);
        }
      }
    };
    try (StreamSource source = direct(25)) {
      source.readToParity(new ReadRequest(stream, Map.of(), 2, () -> false), consumer);
      written.addAll(write(stream, "after", 120));
      readUntilQuiet(source, stream, consumer, 3);
    }
    assertTrue(consumer.checkpoints().get(a).ended() && consumer.checkpoints().get(b).ended());
    assertExactlyOnceParentsFirst(stream, written, consumer, "merge during a read");
  }

  @Test
  void splitsAndMergesFromASecondThreadWhileReadsRunUnderFaults() throws Exception {
    String stream = streams.create("reshardfaults", 2);
    List<String> written = Collections.synchronizedList(write(stream, "r0", 200));
    proxy.plan(KinesisFaultProxy.Plan.of(7, 0.2, EnumSet.complementOf(EnumSet.of(Fault.TIMEOUT))));
    CountDownLatch firstBatch = new CountDownLatch(1);
    CollectingConsumer consumer = new CollectingConsumer() {
      @Override public void accept(ShardBatch batch) {
        super.accept(batch);
        firstBatch.countDown();
      }
    };
    AtomicReference<Throwable> resharderFailed = new AtomicReference<>();
    Thread resharder = new Thread(() -> {
      try {
        firstBatch.await(60, TimeUnit.SECONDS);
        String s0 = streams.shards(stream).get(0).shardId();
        streams.split(stream, s0);
        written.addAll(write(stream, "r1", 100));
        List<Shard> pair = adjacentOpenShards(stream);
        streams.merge(stream, pair.get(0).shardId(), pair.get(1).shardId());
        written.addAll(write(stream, "r2", 100));
      } catch (Throwable t) {
        resharderFailed.set(t);
      }
    }, "resharder");
    try (StreamSource source = throughProxy(15)) {
      resharder.start();
      source.readToParity(new ReadRequest(stream, Map.of(), 2, () -> false), consumer);
      resharder.join(120_000);
      assertEquals(null, resharderFailed.get());
      readUntilQuiet(source, stream, consumer, 4);
    }
    assertExactlyOnceParentsFirst(stream, written, consumer, "split and merge from a second thread, faults");
    System.out.printf("FAULT-FIGURES resharding under faults: faults injected %d %s%n", proxy.injectedTotal(),
        proxy.injected());
  }

  @Test
  void generationsReshardedBetweenReadsUnderFaults() {
    String stream = streams.create("reshardbetween", 1);
    List<String> written = write(stream, "g0", 100);
    proxy.plan(KinesisFaultProxy.Plan.of(3, 0.2, EnumSet.complementOf(EnumSet.of(Fault.TIMEOUT))));
    CollectingConsumer consumer = new CollectingConsumer();
    try (StreamSource source = throughProxy(20)) {
      source.readToParity(new ReadRequest(stream, Map.of(), 4, () -> false), consumer);
      String root = streams.shards(stream).get(0).shardId();
      streams.split(stream, root);
      written.addAll(write(stream, "g1", 100));
      source.readToParity(new ReadRequest(stream, consumer.checkpoints(), 4, () -> false), consumer);
      List<String> children = streams.shards(stream).stream().filter(s -> root.equals(s.parentShardId()))
          .map(Shard::shardId).sorted().toList();
      streams.split(stream, children.get(0)); // grandchildren of the root
      written.addAll(write(stream, "g2", 100));
      List<Shard> pair = adjacentOpenShards(stream);
      streams.merge(stream, pair.get(0).shardId(), pair.get(1).shardId());
      written.addAll(write(stream, "g3", 100));
      readUntilQuiet(source, stream, consumer, 4);
    }
    assertExactlyOnceParentsFirst(stream, written, consumer, "resharded between reads, faults");
  }

  /** Two open shards whose hash key ranges touch, lower one first. */
  private List<Shard> adjacentOpenShards(String stream) {
    List<Shard> open = streams.shards(stream).stream()
        .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null)
        .sorted(java.util.Comparator.comparing(s -> new java.math.BigInteger(s.hashKeyRange().startingHashKey())))
        .toList();
    for (int i = 0; i + 1 < open.size(); i++) {
      java.math.BigInteger end = new java.math.BigInteger(open.get(i).hashKeyRange().endingHashKey());
      if (end.add(java.math.BigInteger.ONE).equals(new java.math.BigInteger(open.get(i + 1).hashKeyRange()
          .startingHashKey()))) {
        return List.of(open.get(i), open.get(i + 1));
      }
    }
    throw new AssertionError("no adjacent open shards in " + open);
  }

  /** Reads again from the consumer's checkpoints until a read delivers nothing. */
  private static void readUntilQuiet(StreamSource source, String stream, CollectingConsumer consumer, int maxReads) {
    for (int i = 0; i < maxReads; i++) {
      int before = consumer.batches().size();
      source.readToParity(new ReadRequest(stream, consumer.checkpoints(), 2, () -> false), consumer);
      if (consumer.batches().size() == before) {
        return;
      }
    }
  }

  private void assertExactlyOnceParentsFirst(String stream, List<String> written, CollectingConsumer consumer,
                                             String what) {
    List<String> delivered = consumer.payloads();
    Map<String, Long> expected = counts(written);
    Map<String, Long> actual = counts(delivered);
    long lost = expected.keySet().stream().filter(k -> !actual.containsKey(k)).count();
    long duplicated = actual.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
    List<Shard> shards = streams.shards(stream);
    System.out.printf("FAULT-FIGURES %s: shards %d, records checked %d, lost %d, duplicated %d%n", what,
        shards.size(), written.size(), lost, duplicated);
    assertEquals(expected, actual, what + ": every record exactly once");
    assertTrue(consumer.inSequenceOrderPerShard(), "sequence order within each shard");

    List<ShardBatch> batches = consumer.batches();
    for (Shard child : shards) {
      List<String> parents = new ArrayList<>();
      if (child.parentShardId() != null) {
        parents.add(child.parentShardId());
      }
      if (child.adjacentParentShardId() != null) {
        parents.add(child.adjacentParentShardId());
      }
      int firstChild = -1;
      for (int i = 0; i < batches.size() && firstChild < 0; i++) {
        if (batches.get(i).shardId().equals(child.shardId())) {
          firstChild = i;
        }
      }
      if (firstChild < 0 || parents.isEmpty()) {
        continue;
      }
      for (String parent : parents) {
        int parentEnd = -1;
        for (int i = 0; i < batches.size(); i++) {
          if (batches.get(i).shardId().equals(parent) && batches.get(i).checkpoint().ended()) {
            parentEnd = i;
          }
        }
        assertTrue(parentEnd >= 0 && parentEnd < firstChild, what + ": parent " + parent + " ended (batch #"
            + parentEnd + ") before child " + child.shardId() + " was read (batch #" + firstChild + ")");
      }
    }
  }

  private StreamSource direct(int recordsPerCall) {
    return new KinesisStreamSource(KinesisClientFactory.connect(KinesisStreamSourceTest.config(endpoint)),
        KinesisRetryPolicy.DEFAULT, KinesisReadOptions.DEFAULT.withRecordsPerCall(recordsPerCall)
        .withMinMillisBetweenCalls(20));
  }

  private StreamSource throughProxy(int recordsPerCall) {
    SourceConfig config = new SourceConfig(Optional.of(proxy.uri().toString()), Optional.of(endpoint.region()),
        Optional.empty(), Optional.of(new SourceConfig.StaticCredentials(endpoint.accessKeyId(),
        endpoint.secretAccessKey(), Optional.empty())), List.of());
    return new KinesisStreamSource(KinesisClientFactory.connect(config, Duration.ofSeconds(60)),
        KinesisRetryPolicy.DEFAULT, KinesisReadOptions.DEFAULT.withRecordsPerCall(recordsPerCall)
        .withMinMillisBetweenCalls(20));
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
