package io.streamview.jdbc.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.WithKinesis;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * REFRESH while the stream is resharded — a split from a second thread while a refresh runs, then a merge between
 * refreshes — against the harness's Kinesis endpoint: a projection view holds every record once and an aggregating
 * view counts each once.
 */
@WithKinesis
class ReshardingRefreshTest {

  private final KinesisEndpoint endpoint;
  private final KinesisTestStreams streams;

  ReshardingRefreshTest(KinesisEndpoint endpoint, KinesisTestStreams streams) {
    this.endpoint = endpoint;
    this.streams = streams;
  }

  @Test
  void viewsStayExactThroughSplitsAndMergesDuringAndBetweenRefreshes() throws Exception {
    String stream = streams.create("reshardmv", 2);
    int total = put(stream, "a", 500);
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:reshardmv" + endpoint.jdbcProperties());
         Statement s = c.createStatement()) {
      s.execute("CREATE EXTERNAL SCHEMA k FROM KINESIS IAM_ROLE default");
      String from = " FROM k.\"" + stream + "\"";
      s.execute("CREATE MATERIALIZED VIEW rows_mv AS SELECT shard_id, sequence_number, "
          + "from_varbyte(kinesis_data, 'utf-8') AS payload" + from);
      s.execute("CREATE MATERIALIZED VIEW counts_mv AS SELECT SUBSTRING(from_varbyte(kinesis_data, 'utf-8') FROM 1 FOR 1)"
          + " AS batch, COUNT(*) AS n" + from + " GROUP BY 1");

      String parent = streams.shards(stream).get(0).shardId();
      AtomicReference<Throwable> failed = new AtomicReference<>();
      Thread splitter = new Thread(() -> {
        try {
          streams.split(stream, parent);
        } catch (Throwable t) {
          failed.set(t);
        }
      }, "splitter");
      splitter.start(); // races with the refresh: the split lands before, during or after it
      s.execute("REFRESH MATERIALIZED VIEW rows_mv");
      splitter.join(120_000);
      assertNull(failed.get());
      total += put(stream, "b", 200);
      refreshAll(s);

      List<Shard> open = streams.shards(stream).stream()
          .filter(sh -> sh.sequenceNumberRange().endingSequenceNumber() == null)
          .sorted(Comparator.comparing(sh -> new BigInteger(sh.hashKeyRange().startingHashKey()))).toList();
      streams.merge(stream, open.get(0).shardId(), open.get(1).shardId());
      total += put(stream, "c", 200);
      refreshAll(s);
      refreshAll(s); // children of shards that ended in the previous refresh

      try (ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT payload), "
          + "COUNT(DISTINCT shard_id || sequence_number) FROM rows_mv")) {
        rs.next();
        assertEquals(total, rs.getLong(1), "every record once");
        assertEquals(total, rs.getLong(2));
        assertEquals(total, rs.getLong(3));
      }
      try (ResultSet rs = s.executeQuery("SELECT SUM(n), COUNT(*) FROM counts_mv")) {
        rs.next();
        assertEquals(total, rs.getLong(1), "each record counted once");
        assertEquals(3, rs.getLong(2));
      }
      System.out.printf("FAULT-FIGURES resharding through REFRESH: shards %d, records checked %d, lost 0, "
          + "duplicated 0%n", streams.shards(stream).size(), total);
    }
  }

  private static void refreshAll(Statement s) throws Exception {
    s.execute("REFRESH MATERIALIZED VIEW rows_mv");
    s.execute("REFRESH MATERIALIZED VIEW counts_mv");
  }

  private int put(String stream, String prefix, int n) {
    streams.putRecords(stream, IntStream.range(0, n)
        .mapToObj(i -> (prefix + "-" + i).getBytes(StandardCharsets.UTF_8)).toList());
    return n;
  }
}
