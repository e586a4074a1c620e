package io.streamview.testharness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

@WithKinesis
class KinesisEndpointExtensionTest {

  private static final int RECORDS = 100;

  @Test
  void writesRecordsToATwoShardStreamAndReadsThemBack(KinesisEndpoint endpoint, KinesisTestStreams streams) {
    String stream = streams.create("harness", 2);
    List<Shard> shards = streams.shards(stream);
    assertEquals(2, shards.size(), "shards of " + stream);

    List<String> written = IntStream.range(0, RECORDS).mapToObj(i -> "record-" + i).collect(Collectors.toList());
    streams.putRecords(stream, written.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).collect(Collectors.toList()));

    KinesisClient client = endpoint.client();
    Map<String, List<String>> readByShard = new HashMap<>();
    for (Shard shard : shards) {
      readByShard.put(shard.shardId(), readShard(client, stream, shard.shardId()));
    }
    List<String> read = readByShard.values().stream().flatMap(List::stream).collect(Collectors.toList());
    assertEquals(RECORDS, read.size(), "records read back from " + readByShard.keySet());
    assertEquals(new TreeSet<>(written), new TreeSet<>(read), "contents read back");
    assertTrue(readByShard.values().stream().allMatch(l -> !l.isEmpty()),
        "random partition keys spread 100 records over both shards: " + readByShard.keySet());
  }

  @Test
  void oneEndpointPerJvmWithJdbcProperties(KinesisEndpoint endpoint, KinesisEndpoint again) {
    assertSame(endpoint, again);
    assertTrue(List.of("kinesis-mock", "localstack", "external").contains(endpoint.kind()), endpoint.kind());
    if (endpoint.kind().equals("kinesis-mock")) {
      assertEquals("127.0.0.1", endpoint.uri().getHost(), "kinesis-mock is reached on loopback only");
    }
    assertEquals(";kinesisEndpoint=" + endpoint.uri() + ";awsRegion=" + endpoint.region() + ";awsAccessKeyId="
        + endpoint.accessKeyId() + ";awsSecretAccessKey=" + endpoint.secretAccessKey(), endpoint.jdbcProperties());
    endpoint.client().close(); // the shared client ignores close()
    assertTrue(endpoint.client().listStreams().streamNames() != null);
  }

  /** Reads a shard from TRIM_HORIZON until it is at the tip; bounded by a call count, not by time. */
  private static List<String> readShard(KinesisClient client, String stream, String shardId) {
    String iterator = client.getShardIterator(b -> b.streamName(stream).shardId(shardId)
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    List<String> records = new ArrayList<>();
    for (int call = 0; call < 1_000; call++) {
      String it = iterator;
      GetRecordsResponse response = client.getRecords(b -> b.shardIterator(it).limit(10_000));
      for (Record record : response.records()) {
        records.add(record.data().asUtf8String());
      }
      Long behind = response.millisBehindLatest();
      if (response.records().isEmpty() && (behind == null || behind == 0)) {
        return records;
      }
      iterator = response.nextShardIterator();
      if (iterator == null) {
        return records;
      }
    }
    return fail("shard " + shardId + " never reached its tip");
  }
}
