package io.streamview.jdbc.system;

import static io.streamview.jdbc.system.Polling.await;
import static io.streamview.jdbc.system.Polling.count;
import static io.streamview.jdbc.system.Polling.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.WithKinesis;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The refresh and stream system views after manual refreshes against a real Kinesis endpoint. */
@WithKinesis
class SystemViewsTest {

  private static List<byte[]> payloads(int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void manualRefreshesAreRecordedPerRefreshAndShard(KinesisEndpoint endpoint, KinesisTestStreams streams)
      throws Exception {
    String stream = streams.create("sysviews", 2);
    List<String> shards = streams.shards(stream).stream().map(s -> s.shardId()).sorted().toList();
    streams.putRecords(stream, payloads(12));
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:" + endpoint.jdbcProperties());
         Statement s = c.createStatement()) {
      s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
      s.execute("CREATE MATERIALIZED VIEW clicks AS SELECT partition_key, kinesis_data FROM kds.\"" + stream + "\"");
      assertEquals("t", string(c, "SELECT is_stale FROM stv_mv_info WHERE name = 'clicks'"),
          "never refreshed: stale");
      s.execute("REFRESH MATERIALIZED VIEW clicks");

      try (ResultSet rs = s.executeQuery("SELECT user_id, transaction_id, database_name, schema_name, mv_id, mv_name, "
          + "refresh_type, status, start_time, end_time, duration, consumer_account FROM sys_mv_refresh_history")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getInt("user_id"));
        assertEquals(1, rs.getLong("transaction_id"));
        assertEquals("mem", rs.getString("database_name"));
        assertEquals("public", rs.getString("schema_name"));
        assertTrue(rs.getLong("mv_id") > 0);
        assertEquals("clicks", rs.getString("mv_name"));
        assertEquals("Manual", rs.getString("refresh_type"));
        assertEquals("Refresh successfully updated MV incrementally", rs.getString("status"));
        Timestamp start = rs.getTimestamp("start_time");
        Timestamp end = rs.getTimestamp("end_time");
        assertTrue(!end.before(start), start + " " + end);
        assertTrue(rs.getLong("duration") > 0);
        assertTrue(Math.abs(rs.getLong("duration") / 1000 - (end.getTime() - start.getTime())) <= 1,
            "duration is in microseconds");
        assertNull(rs.getString("consumer_account"));
        assertTrue(!rs.next(), "one refresh, one row");
      }
      assertEquals("Manual", string(c, "SELECT refresh_type FROM svl_mv_refresh_status WHERE mv_name = 'clicks' "
          + "AND xid = 1 AND status = 'Refresh successfully updated MV incrementally'"));

      Map<String, Long> scanned = new HashMap<>();
      try (ResultSet rs = s.executeQuery("SELECT * FROM sys_stream_scan_states ORDER BY partition_id")) {
        while (rs.next()) {
          assertEquals("kds", rs.getString("external_schema_name"));
          assertEquals(stream, rs.getString("stream_name"));
          assertEquals("clicks", rs.getString("mv_name"));
          assertEquals(1, rs.getLong("transaction_id"));
          assertEquals(1, rs.getLong("query_id"));
          assertNotNull(rs.getTimestamp("record_time"));
          assertEquals(0, rs.getLong("skipped_rows"));
          scanned.put(rs.getString("partition_id"), rs.getLong("scanned_rows"));
          if (rs.getLong("scanned_rows") > 0) {
            assertNotNull(rs.getString("latest_position"));
            assertTrue(rs.getLong("scanned_bytes") >= rs.getLong("scanned_rows") * 6);
            Timestamp min = rs.getTimestamp("stream_record_time_min");
            Timestamp max = rs.getTimestamp("stream_record_time_max");
            assertTrue(!max.before(min), min + " " + max);
          }
        }
      }
      assertEquals(shards, scanned.keySet().stream().sorted().toList(), "one row per shard read");
      assertEquals(12L, scanned.values().stream().mapToLong(Long::longValue).sum());

      try (ResultSet rs = s.executeQuery("SELECT l.partition_id, l.committed_sequence_number, l.shard_ended, "
          + "l.millis_behind_latest, l.at_parity, l.read_time, s.latest_position FROM sys_stream_lag l "
          + "JOIN sys_stream_scan_states s ON s.partition_id = l.partition_id WHERE l.mv_name = 'clicks'")) {
        int rows = 0;
        while (rs.next()) {
          rows++;
          assertEquals(rs.getString("latest_position"), rs.getString("committed_sequence_number"));
          assertEquals("f", rs.getString("shard_ended"));
          assertEquals(0, rs.getLong("millis_behind_latest"));
          assertEquals("t", rs.getString("at_parity"));
          assertNotNull(rs.getTimestamp("read_time"));
        }
        assertEquals(2, rows, "one lag row per shard");
      }

      try (ResultSet rs = s.executeQuery("SELECT * FROM stv_mv_info")) {
        assertTrue(rs.next());
        assertEquals("mem", rs.getString("db_name"));
        assertEquals("public", rs.getString("schema"));
        assertEquals("clicks", rs.getString("name"));
        assertEquals(1, rs.getLong("updated_upto_xid"));
        assertEquals("f", rs.getString("is_stale"));
        assertEquals("sa", rs.getString("owner_user_name"));
        assertEquals(1, rs.getInt("state"));
        assertEquals("f", rs.getString("autorewrite"));
        assertEquals("f", rs.getString("autorefresh"));
      }
      assertEquals(0, count(c, "SELECT count(*) FROM stv_mv_deps"), "a streaming view depends on nothing local");
      assertEquals(0, count(c, "SELECT count(*) FROM sys_stream_scan_errors"));

      s.execute("REFRESH MATERIALIZED VIEW clicks");
      assertEquals("Refresh successfully updated MV incrementally. Stream returned no new data",
          string(c, "SELECT status FROM sys_mv_refresh_history WHERE transaction_id = 2"));
      assertEquals(2, count(c, "SELECT count(*) FROM sys_mv_refresh_history"));
    }
  }

  @Test
  void aFailedRefreshIsRecordedWithItsErrorAndLeavesTheViewStale(KinesisEndpoint endpoint,
      KinesisTestStreams streams) throws Exception {
    String stream = streams.create("doomed", 1);
    streams.putRecords(stream, payloads(3));
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:" + endpoint.jdbcProperties());
         Statement s = c.createStatement()) {
      s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
      s.execute("CREATE MATERIALIZED VIEW doomed AS SELECT kinesis_data FROM kds.\"" + stream + "\"");
      s.execute("REFRESH MATERIALIZED VIEW doomed");
      assertEquals("f", string(c, "SELECT is_stale FROM svv_mv_info WHERE name = 'doomed'"));

      streams.delete(stream);
      await("the stream to be gone", () -> {
        try {
          endpoint.client().describeStreamSummary(b -> b.streamName(stream));
          return false;
        } catch (ResourceNotFoundException gone) {
          return true;
        }
      });
      SQLException e = assertThrows(SQLException.class, () -> s.execute("REFRESH MATERIALIZED VIEW doomed"));
      String status = string(c, "SELECT status FROM sys_mv_refresh_history WHERE transaction_id = 2");
      assertTrue(status.startsWith("Refresh failed. "), status);
      assertTrue(status.endsWith("(SQLSTATE " + e.getSQLState() + ")"), status);
      assertTrue(status.contains(e.getMessage()), status);
      assertEquals("t", string(c, "SELECT is_stale FROM svv_mv_info WHERE name = 'doomed'"));
      assertEquals(1, count(c, "SELECT updated_upto_xid FROM stv_mv_info WHERE name = 'doomed'"));
    }
  }
}
