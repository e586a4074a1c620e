package io.streamview.kinesis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.kinesis.agg.AggRecord;
import com.amazonaws.kinesis.agg.RecordAggregator;
import io.streamview.engine.source.ReadRequest;
import io.streamview.engine.source.ReadSummary;
import io.streamview.engine.source.StreamRecord;
import io.streamview.engine.source.StreamSource;
import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.WithKinesis;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * KPL-aggregated records built by the official {@code amazon-kinesis-aggregator}, put to the harness's Kinesis
 * endpoint and read back through {@link KinesisStreamSource}: one {@link StreamRecord} per user record, numbered by
 * sub-sequence number, with its own partition key; plain records and records that only look aggregated pass as they
 * are.
 */
@WithKinesis
class KplDeaggregationTest {

  private final KinesisEndpoint endpoint;
  private final KinesisTestStreams streams;

  KplDeaggregationTest(KinesisEndpoint endpoint, KinesisTestStreams streams) {
    this.endpoint = endpoint;
    this.streams = streams;
  }

  /** One user record as the producer wrote it. */
  record UserRecord(String partitionKey, String payload) {
  }

  /** Builds aggregated records of {@code perRecord} user records each with the official aggregator. */
  static List<AggRecord> aggregate(String prefix, int aggregated, int perRecord, List<UserRecord> written)
      throws Exception {
    List<AggRecord> out = new ArrayList<>();
    RecordAggregator aggregator = new RecordAggregator();
    for (int a = 0; a < aggregated; a++) {
      for (int u = 0; u < perRecord; u++) {
        String key = prefix + "-key-" + a + "-" + (u % 7);
        String payload = "{\"agg\":" + a + ",\"user\":" + u + ",\"p\":\"" + prefix + "\"}";
        AggRecord full = aggregator.addUserRecord(key, payload.getBytes(StandardCharsets.UTF_8));
        if (full != null) {
          throw new IllegalStateException("aggregated record filled up early");
        }
        written.add(new UserRecord(key, payload));
      }
      out.add(aggregator.clearAndGet());
    }
    return out;
  }

  @Test
  void aggregatedRecordsBecomeOneRecordPerUserRecordExactlyOnce() throws Exception {
    String stream = streams.create("kpl", 2);
    List<UserRecord> written = new ArrayList<>();
    List<AggRecord> aggregated = aggregate("a", 4, 60, written);
    for (AggRecord agg : aggregated) {
      byte[] bytes = agg.toRecordBytes();
      assertArrayEquals(KplRecords.MAGIC, java.util.Arrays.copyOf(bytes, 4), "the aggregator wrote the KPL magic");
      streams.put(stream, agg.getPartitionKey(), bytes);
    }
    // plain records, and one that starts with the magic but whose digest is wrong: both stay as they are
    for (int i = 0; i < 10; i++) {
      String payload = "plain-" + i;
      streams.put(stream, "plain-key-" + i, payload.getBytes(StandardCharsets.UTF_8));
      written.add(new UserRecord("plain-key-" + i, payload));
    }
    byte[] fake = aggregated.get(0).toRecordBytes();
    fake[fake.length - 1] ^= 1;
    streams.put(stream, "fake-key", fake);

    CollectingConsumer consumer = new CollectingConsumer();
    try (StreamSource source = KinesisSourceFactory.INSTANCE.create(KinesisStreamSourceTest.config(endpoint))) {
      ReadSummary summary = source.readToParity(new ReadRequest(stream, Map.of(), 2, () -> false), consumer);
      assertEquals(4 * 60 + 10 + 1, summary.records(), "one record per user record");

      List<StreamRecord> records = consumer.records().stream().map(CollectingConsumer.Delivered::record).toList();
      Map<String, Long> expected = new TreeMap<>();
      for (UserRecord u : written) {
        expected.merge(u.partitionKey() + "|" + u.payload(), 1L, Long::sum);
      }
      Map<String, Long> actual = new TreeMap<>();
      StreamRecord fakeRecord = null;
      for (StreamRecord r : records) {
        if (r.partitionKey().equals("fake-key")) {
          fakeRecord = r;
          continue;
        }
        actual.merge(r.partitionKey() + "|" + new String(r.data(), StandardCharsets.UTF_8), 1L, Long::sum);
      }
      assertEquals(expected, actual, "each user record once, with its own partition key");
      assertTrue(fakeRecord != null && fakeRecord.subSequenceNumber() == 0, "a wrong digest is a plain record");
      assertArrayEquals(fake, fakeRecord.data());

      // sub-sequence numbers 0..59 within each aggregated Kinesis record, and (shard, sequence, sub) unique
      Map<String, List<Long>> subsBySequence = new HashMap<>();
      for (StreamRecord r : records) {
        subsBySequence.computeIfAbsent(r.shardId() + "/" + r.sequenceNumber(), k -> new ArrayList<>())
            .add(r.subSequenceNumber());
      }
      long aggregatedSequences = subsBySequence.values().stream().filter(l -> l.size() == 60).count();
      assertEquals(4, aggregatedSequences);
      for (List<Long> subs : subsBySequence.values()) {
        for (int i = 0; i < subs.size(); i++) {
          assertEquals(i, subs.get(i), "sub-sequence numbers in order from 0");
        }
      }

      // a second read from the checkpoints delivers nothing: the checkpoint is after the whole Kinesis record
      CollectingConsumer again = new CollectingConsumer(consumer.checkpoints());
      source.readToParity(new ReadRequest(stream, consumer.checkpoints(), 2, () -> false), again);
      assertEquals(List.of(), again.payloads());
    }
  }

  @Test
  void smallBatchesNeverSplitTheUserRecordsOfOneKinesisRecord() throws Exception {
    String stream = streams.create("kplsmall", 1);
    List<UserRecord> written = new ArrayList<>();
    for (AggRecord agg : aggregate("s", 6, 25, written)) {
      streams.put(stream, agg.getPartitionKey(), agg.toRecordBytes());
    }
    CollectingConsumer consumer = new CollectingConsumer();
    try (StreamSource small = new KinesisStreamSource(
        KinesisClientFactory.connect(KinesisStreamSourceTest.config(endpoint)), KinesisRetryPolicy.DEFAULT,
        KinesisReadOptions.DEFAULT.withRecordsPerCall(1))) {
      small.readToParity(new ReadRequest(stream, Map.of(), 1, () -> false), consumer);
    }
    assertEquals(6, consumer.batches().size(), "one Kinesis record per call");
    for (var batch : consumer.batches()) {
      assertEquals(25, batch.records().size(), "a batch holds all user records of its Kinesis record");
      String sequence = batch.records().get(0).sequenceNumber();
      assertTrue(batch.records().stream().allMatch(r -> r.sequenceNumber().equals(sequence)));
      assertEquals("AFTER_SEQUENCE_NUMBER " + sequence, batch.checkpoint().next().toString());
    }
    assertEquals(150, consumer.payloads().size());
  }
}
