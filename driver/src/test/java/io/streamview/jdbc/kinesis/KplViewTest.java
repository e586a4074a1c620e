package io.streamview.jdbc.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.kinesis.agg.AggRecord;
import com.amazonaws.kinesis.agg.RecordAggregator;
import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.WithKinesis;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * KPL-aggregated records, built by the official {@code amazon-kinesis-aggregator} and put to the harness's Kinesis
 * endpoint, land in streaming views as one row per user record, across refreshes, exactly once: in a projection
 * view (rows keyed by shard, sequence number and sub-record index) and in an aggregating view (whose per-shard marks
 * cover whole Kinesis records, as a batch never splits one).
 */
@WithKinesis
class KplViewTest {

  private final KinesisEndpoint endpoint;
  private final KinesisTestStreams streams;

  KplViewTest(KinesisEndpoint endpoint, KinesisTestStreams streams) {
    this.endpoint = endpoint;
    this.streams = streams;
  }

  @Test
  void userRecordsBecomeRowsExactlyOnceAcrossRefreshes() throws Exception {
    String stream = streams.create("kplview", 2);
    Map<String, Long> expectedByKind = new TreeMap<>();
    int users = put(stream, 0, 5, 40, expectedByKind);
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:kplview" + endpoint.jdbcProperties());
         Statement s = c.createStatement()) {
      s.execute("CREATE EXTERNAL SCHEMA k FROM KINESIS IAM_ROLE default");
      String from = " FROM k.\"" + stream + "\"";
      s.execute("CREATE MATERIALIZED VIEW users AS SELECT shard_id, sequence_number, partition_key, "
          + "JSON_PARSE(kinesis_data) AS payload" + from);
      s.execute("CREATE MATERIALIZED VIEW by_kind AS SELECT json_extract_path_text(from_varbyte(kinesis_data, "
          + "'utf-8'), 'kind') AS kind, COUNT(*) AS n" + from + " GROUP BY 1");
      s.execute("REFRESH MATERIALIZED VIEW users");
      s.execute("REFRESH MATERIALIZED VIEW by_kind");
      assertViews(s, users, 5, expectedByKind);

      s.execute("REFRESH MATERIALIZED VIEW users"); // nothing new: nothing added
      s.execute("REFRESH MATERIALIZED VIEW by_kind");
      assertViews(s, users, 5, expectedByKind);

      users += put(stream, 5, 3, 25, expectedByKind);
      s.execute("REFRESH MATERIALIZED VIEW users");
      s.execute("REFRESH MATERIALIZED VIEW by_kind");
      assertViews(s, users, 8, expectedByKind);
    }
  }

  private static void assertViews(Statement s, int users, int kinesisRecords, Map<String, Long> expectedByKind)
      throws Exception {
    try (ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT payload.id), "
        + "COUNT(DISTINCT shard_id || '/' || sequence_number), COUNT(DISTINCT partition_key) FROM users")) {
      rs.next();
      assertEquals(users, rs.getLong(1), "one row per user record");
      assertEquals(users, rs.getLong(2), "each user record once");
      assertEquals(kinesisRecords, rs.getLong(3), "the user records of one Kinesis record share its sequence");
      assertEquals(users, rs.getLong(4), "each row has its user record's own partition key");
    }
    Map<String, Long> byKind = new TreeMap<>();
    try (ResultSet rs = s.executeQuery("SELECT kind, n FROM by_kind")) {
      while (rs.next()) {
        byKind.put(rs.getString(1), rs.getLong(2));
      }
    }
    assertEquals(expectedByKind, byKind);
  }

  /** Puts {@code count} aggregated records of {@code perRecord} user records each; returns the user records. */
  private int put(String stream, int first, int count, int perRecord, Map<String, Long> byKind) throws Exception {
    RecordAggregator aggregator = new RecordAggregator();
    int n = 0;
    for (int a = first; a < first + count; a++) {
      for (int u = 0; u < perRecord; u++) {
        String kind = "k" + (u % 3);
        String json = "{\"id\":\"" + a + "-" + u + "\",\"kind\":\"" + kind + "\"}";
        aggregator.addUserRecord("pk-" + a + "-" + u, json.getBytes(StandardCharsets.UTF_8));
        byKind.merge(kind, 1L, Long::sum);
        n++;
      }
      AggRecord record = aggregator.clearAndGet();
      streams.put(stream, record.getPartitionKey(), record.toRecordBytes());
    }
    return n;
  }
}
