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
import io.streamview.engine.source.SourceConfig;
import io.streamview.engine.source.StartPosition;
import io.streamview.engine.source.StreamSource;
import io.streamview.engine.source.StreamSourceException;
import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.WithKinesis;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.Shard;

/** {@link KinesisStreamSource} against the harness's real Kinesis endpoint (kinesis-mock on this machine). */
@WithKinesis
class KinesisStreamSourceTest {

  private static final BooleanSupplier NOT_CANCELLED = () -> false;

  private final KinesisEndpoint endpoint;
  private final KinesisTestStreams streams;
  private StreamSource source;

  KinesisStreamSourceTest(KinesisEndpoint endpoint, KinesisTestStreams streams) {
    this.endpoint = endpoint;
    this.streams = streams;
  }

  @BeforeEach
  void openSource() {
    source = KinesisSourceFactory.INSTANCE.create(config(endpoint));
  }

  @AfterEach
  void closeSource() {
    source.close();
  }

  static SourceConfig config(KinesisEndpoint endpoint) {
    return new SourceConfig(Optional.of(endpoint.uri().toString()), Optional.of(endpoint.region()), Optional.empty(),
        Optional.of(new SourceConfig.StaticCredentials(endpoint.accessKeyId(), endpoint.secretAccessKey(),
            Optional.empty())), List.of());
  }

  @Test
  void deliversEveryRecordOfAThreeShardStreamOnceInShardOrder() {
    String stream = streams.create("three", 3);
    List<String> written = write(stream, "a", 300);

    CollectingConsumer consumer = new CollectingConsumer();
    ReadSummary summary = source.readToParity(new ReadRequest(stream, Map.of(), 3, NOT_CANCELLED), consumer);

    assertEquals(sorted(written), sorted(consumer.payloads()), "each record exactly once");
    assertTrue(consumer.inSequenceOrderPerShard(), "sequence order within each shard");
    assertEquals(300, summary.records());
    assertEquals(3, summary.shards().size());
    assertTrue(summary.shards().stream().allMatch(p -> p.atParity() && !p.ended()), summary.toString());
    assertEquals(written.stream().mapToLong(s -> s.getBytes(StandardCharsets.UTF_8).length).sum(),
        summary.shards().stream().mapToLong(ShardProgress::bytes).sum());
    for (ShardBatch batch : consumer.batches()) {
      assertFalse(batch.records().isEmpty(), "only batches with records, as no shard ended");
      String last = batch.records().get(batch.records().size() - 1).sequenceNumber();
      assertEquals(new ShardCheckpoint(batch.shardId(), StartPosition.afterSequenceNumber(last), false),
          batch.checkpoint());
      assertTrue(batch.records().stream().allMatch(r -> r.shardId().equals(batch.shardId())
          && r.subSequenceNumber() == 0 && r.partitionKey() != null && r.approximateArrivalTimestamp() != null));
    }
  }

  @Test
  void readsFromCheckpointsDeliverNothingAtParityThenOnlyNewRecords() {
    String stream = streams.create("again", 2);
    List<String> first = write(stream, "first", 100);
    CollectingConsumer consumer = new CollectingConsumer();
    source.readToParity(new ReadRequest(stream, Map.of(), 2, NOT_CANCELLED), consumer);
    assertEquals(sorted(first), sorted(consumer.payloads()));

    CollectingConsumer second = new CollectingConsumer(consumer.checkpoints());
    ReadSummary again = source.readToParity(new ReadRequest(stream, consumer.checkpoints(), 2, NOT_CANCELLED), second);
    assertEquals(List.of(), second.batches(), "nothing new");
    assertEquals(0, again.records());
    assertEquals(2, again.shards().size());
    assertTrue(again.shards().stream().allMatch(ShardProgress::atParity), again.toString());

    List<String> later = write(stream, "later", 50);
    CollectingConsumer third = new CollectingConsumer(second.checkpoints());
    ReadSummary summary = source.readToParity(new ReadRequest(stream, second.checkpoints(), 2, NOT_CANCELLED), third);
    assertEquals(sorted(later), sorted(third.payloads()), "exactly the new records");
    assertEquals(50, summary.records());
    assertTrue(third.inSequenceOrderPerShard());
  }

  @Test
  void readsParentShardToItsEndBeforeItsChildrenAfterASplit() {
    String stream = streams.create("split", 2);
    List<String> before = write(stream, "before", 120);
    String parent = streams.shards(stream).get(0).shardId();
    streams.split(stream, parent);
    List<String> after = write(stream, "after", 120);
    List<String> children = childrenOf(stream, parent);
    assertEquals(2, children.size());

    CollectingConsumer consumer = new CollectingConsumer();
    ReadSummary summary = source.readToParity(new ReadRequest(stream, Map.of(), 4, NOT_CANCELLED), consumer);

    List<String> all = new ArrayList<>(before);
    all.addAll(after);
    assertEquals(sorted(all), sorted(consumer.payloads()), "each record exactly once");
    assertTrue(consumer.inSequenceOrderPerShard());
    assertParentsFirst(consumer, List.of(parent), children);
    assertTrue(consumer.checkpoints().get(parent).ended(), "parent checkpoint ended");
    ShardProgress parentProgress = progress(summary, parent);
    assertTrue(parentProgress.ended() && !parentProgress.atParity(), parentProgress.toString());
    List<ShardBatch> parentBatches = consumer.batches().stream().filter(b -> b.shardId().equals(parent)).toList();
    assertTrue(parentBatches.get(parentBatches.size() - 1).checkpoint().ended(), "the last parent batch ends it");
    assertEquals(1, parentBatches.stream().filter(b -> b.checkpoint().ended()).count());
    for (String child : children) {
      assertTrue(progress(summary, child).atParity(), child);
    }
    assertEquals(4, summary.shards().size(), summary.toString());

    // the ended parent is skipped from now on; nothing is delivered twice
    CollectingConsumer second = new CollectingConsumer(consumer.checkpoints());
    ReadSummary again = source.readToParity(new ReadRequest(stream, consumer.checkpoints(), 4, NOT_CANCELLED), second);
    assertEquals(List.of(), second.payloads());
    assertEquals(3, again.shards().size(), again.toString());
    assertTrue(again.shards().stream().noneMatch(p -> p.shardId().equals(parent)));
  }

  @Test
  void readsBothParentsBeforeTheChildOfAMerge() {
    String stream = streams.create("merge", 2);
    List<Shard> shards = streams.shards(stream);
    String a = shards.get(0).shardId();
    String b = shards.get(1).shardId();
    List<String> before = write(stream, "before", 80);
    streams.merge(stream, a, b);
    List<String> after = write(stream, "after", 80);
    List<String> child = streams.shards(stream).stream().filter(s -> a.equals(s.parentShardId()))
        .map(Shard::shardId).toList();

    CollectingConsumer consumer = new CollectingConsumer();
    ReadSummary summary = source.readToParity(new ReadRequest(stream, Map.of(), 3, NOT_CANCELLED), consumer);

    List<String> all = new ArrayList<>(before);
    all.addAll(after);
    assertEquals(sorted(all), sorted(consumer.payloads()));
    assertParentsFirst(consumer, List.of(a, b), child);
    assertTrue(consumer.checkpoints().get(a).ended() && consumer.checkpoints().get(b).ended());
    assertEquals(160, summary.records());
  }

  @Test
  void missingStreamIsStreamNotFound() {
    String missing = "no-such-stream-" + System.nanoTime();
    StreamSourceException e = assertThrows(StreamSourceException.class,
        () -> source.readToParity(new ReadRequest(missing, Map.of(), 2, NOT_CANCELLED), new CollectingConsumer()));
    assertEquals(StreamSourceException.Reason.STREAM_NOT_FOUND, e.reason());
    assertEquals(missing, e.streamName());
    assertTrue(e.getMessage().contains("Kinesis stream '" + missing + "' does not exist at " + endpoint.uri()),
        e.getMessage());
    assertFalse(e.getMessage().contains(endpoint.secretAccessKey()));
    assertFalse(source.streamExists(missing));
    assertTrue(source.streamExists(streams.create("exists", 1)));
  }

  @Test
  void cancellationStopsAfterTheBatchInHandAndTheReadResumesFromItsCheckpoint() {
    String stream = streams.create("cancel", 1);
    List<String> written = write(stream, "c", 200);
    AtomicBoolean cancel = new AtomicBoolean();
    CollectingConsumer consumer = new CollectingConsumer() {
      @Override public synchronized void accept(ShardBatch batch) {
        super.accept(batch);
        cancel.set(true);
      }
    };
    try (StreamSource small = smallBatchSource(25)) {
      ReadSummary summary = small.readToParity(new ReadRequest(stream, Map.of(), 1, cancel::get), consumer);
      assertEquals(1, consumer.batches().size(), "one batch, then cancelled");
      assertEquals(25, consumer.payloads().size());
      assertEquals(25, summary.records());
      assertFalse(summary.shards().get(0).atParity());
      assertFalse(summary.shards().get(0).ended());
    }

    CollectingConsumer rest = new CollectingConsumer(consumer.checkpoints());
    source.readToParity(new ReadRequest(stream, consumer.checkpoints(), 1, NOT_CANCELLED), rest);
    List<String> both = new ArrayList<>(consumer.payloads());
    both.addAll(rest.payloads());
    assertEquals(175, rest.payloads().size());
    assertEquals(sorted(written), sorted(both), "resumed exactly after the cancelled read's checkpoint");

    CollectingConsumer none = new CollectingConsumer();
    ReadSummary cancelledUpFront = source.readToParity(new ReadRequest(stream, Map.of(), 1, () -> true), none);
    assertEquals(List.of(), none.batches());
    assertTrue(cancelledUpFront.shards().stream().noneMatch(ShardProgress::atParity));
  }

  @Test
  void smallBatchesStillDeliverEachRecordOnceInOrder() {
    String stream = streams.create("small", 2);
    List<String> written = write(stream, "s", 150);
    CollectingConsumer consumer = new CollectingConsumer();
    try (StreamSource small = smallBatchSource(20)) {
      ReadSummary summary = small.readToParity(new ReadRequest(stream, Map.of(), 2, NOT_CANCELLED), consumer);
      assertTrue(summary.shards().stream().allMatch(ShardProgress::atParity));
    }
    assertEquals(sorted(written), sorted(consumer.payloads()));
    assertTrue(consumer.inSequenceOrderPerShard());
    assertTrue(consumer.batches().size() >= 8, "150 records in batches of at most 20: " + consumer.batches().size());
    assertTrue(consumer.batches().stream().allMatch(b -> b.records().size() <= 20));
  }

  @Test
  void consumerExceptionAbortsTheReadAndIsRethrownAsItIs() {
    String stream = streams.create("boom", 3);
    write(stream, "x", 60);
    IllegalStateException boom = new IllegalStateException("consumer failed");
    Set<String> calledFor = new HashSet<>();
    IllegalStateException thrown = assertThrows(IllegalStateException.class,
        () -> source.readToParity(new ReadRequest(stream, Map.of(), 3, NOT_CANCELLED), batch -> {
          synchronized (calledFor) {
            calledFor.add(batch.shardId());
          }
          throw boom;
        }));
    assertSame(boom, thrown);
    assertFalse(calledFor.isEmpty());
  }

  private StreamSource smallBatchSource(int recordsPerCall) {
    return new KinesisStreamSource(KinesisClientFactory.connect(config(endpoint)), KinesisRetryPolicy.DEFAULT,
        KinesisReadOptions.DEFAULT.withRecordsPerCall(recordsPerCall));
  }

  private List<String> write(String stream, String prefix, int count) {
    List<String> payloads = IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).collect(Collectors.toList());
    streams.putRecords(stream, payloads.stream().map(p -> p.getBytes(StandardCharsets.UTF_8)).toList());
    return payloads;
  }

  private List<String> childrenOf(String stream, String parent) {
    return streams.shards(stream).stream().filter(s -> parent.equals(s.parentShardId())).map(Shard::shardId).toList();
  }

  private static void assertParentsFirst(CollectingConsumer consumer, List<String> parents, List<String> children) {
    Map<String, List<CollectingConsumer.Delivered>> byShard = consumer.byShard();
    long lastParent = parents.stream().flatMap(p -> byShard.getOrDefault(p, List.of()).stream())
        .mapToLong(CollectingConsumer.Delivered::order).max().orElse(-1);
    long firstChild = children.stream().flatMap(c -> byShard.getOrDefault(c, List.of()).stream())
        .mapToLong(CollectingConsumer.Delivered::order).min().orElse(Long.MAX_VALUE);
    assertTrue(lastParent >= 0, "parents delivered records");
    assertTrue(firstChild != Long.MAX_VALUE, "children delivered records");
    assertTrue(lastParent < firstChild, "last parent record #" + lastParent + " before first child record #"
        + firstChild);
    // and the ending batch of every parent came before the first child batch
    List<ShardBatch> batches = consumer.batches();
    int lastParentEnd = -1;
    int firstChildBatch = Integer.MAX_VALUE;
    for (int i = 0; i < batches.size(); i++) {
      ShardBatch b = batches.get(i);
      if (parents.contains(b.shardId()) && b.checkpoint().ended()) {
        lastParentEnd = Math.max(lastParentEnd, i);
      }
      if (children.contains(b.shardId())) {
        firstChildBatch = Math.min(firstChildBatch, i);
      }
    }
    assertTrue(lastParentEnd >= 0 && lastParentEnd < firstChildBatch, "parents ended before children were read");
  }

  private static ShardProgress progress(ReadSummary summary, String shardId) {
    return summary.shards().stream().filter(p -> p.shardId().equals(shardId)).findFirst()
        .orElseThrow(() -> new AssertionError("no progress for " + shardId + " in " + summary));
  }

  private static Map<String, Long> sorted(List<String> payloads) {
    Map<String, Long> counts = new TreeMap<>();
    for (String p : payloads) {
      counts.merge(p, 1L, Long::sum);
    }
    return counts;
  }
}
