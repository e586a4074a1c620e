package io.streamview.jdbc.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.WithKinesis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Records whose row cannot be stored (docs/crash-consistency.md, "Records that cannot be stored"): a view storing a
 * record's data three times makes an 800,000-byte record a 2.4 MB row, over the 2 MiB a row may have. That record
 * is skipped — a SYS_STREAM_SCAN_ERRORS row with its shard, sequence number, error code 1002 and reason, one
 * {@code skipped_rows} in SYS_STREAM_SCAN_STATES, Redshift's "Some stream records were skipped" status — while the
 * refresh succeeds with the good records of the same GetRecords batch, and later refreshes do not read it again. A
 * view storing the data once keeps the same record.
 */
@WithKinesis
class UnstorableRecordsTest {

  @TempDir
  Path dir;

  @Test
  void aRecordWhoseRowIsTooLargeIsSkippedAndRecordedWhileTheBatchIsKept(KinesisEndpoint endpoint,
                                                                        KinesisTestStreams streams) throws Exception {
    String stream = streams.create("unstorable", 1);
    List<PutRecordsRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      byte[] data = i == 5 ? new byte[800_000] : ("small " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      if (i == 5) {
        Arrays.fill(data, (byte) 'x');
      }
      entries.add(PutRecordsRequestEntry.builder().partitionKey("one").data(SdkBytes.fromByteArray(data)).build());
    }
    PutRecordsResponse put = endpoint.client().putRecords(b -> b.streamName(stream).records(entries));
    assertEquals(0, put.failedRecordCount());
    String bigShard = put.records().get(5).shardId();
    String bigSequence = put.records().get(5).sequenceNumber();

    try (Connection c = DriverManager.getConnection("jdbc:streamview:file:" + dir.resolve("db")
        + endpoint.jdbcProperties()); Statement s = c.createStatement()) {
      s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
      String from = " FROM kds.\"" + stream + "\"";
      s.execute("CREATE MATERIALIZED VIEW wide AS SELECT sequence_number, kinesis_data AS a, kinesis_data AS b, "
          + "kinesis_data AS c" + from);
      s.execute("CREATE MATERIALIZED VIEW narrow AS SELECT sequence_number, kinesis_data" + from);

      s.execute("REFRESH MATERIALIZED VIEW wide");
      Set<String> wide = sequences(s, "SELECT sequence_number FROM wide");
      assertEquals(10, wide.size(), "the ten small records of the batch are kept");
      assertTrue(!wide.contains(bigSequence), "the record whose row is too large is not");
      try (ResultSet rs = s.executeQuery("SELECT mv_name, partition_id, \"position\", error_code, error_reason, "
          + "stream_name FROM sys_stream_scan_errors")) {
        assertTrue(rs.next(), "one scan error");
        assertEquals("wide", rs.getString(1).trim());
        assertEquals(bigShard, rs.getString(2).trim());
        assertEquals(bigSequence, rs.getString(3).trim());
        assertEquals(1002, rs.getInt(4));
        assertTrue(rs.getString(5).startsWith("Row of ") && rs.getString(5).contains("exceeds the maximum of "
            + (2 * 1024 * 1024) + " bytes"), rs.getString(5));
        assertEquals(stream, rs.getString(6).trim());
        assertTrue(!rs.next(), "only one");
      }
      try (ResultSet rs = s.executeQuery("SELECT SUM(scanned_rows), SUM(skipped_rows) FROM sys_stream_scan_states "
          + "WHERE mv_name = 'wide'")) {
        rs.next();
        assertEquals(11, rs.getLong(1));
        assertEquals(1, rs.getLong(2));
      }
      try (ResultSet rs = s.executeQuery("SELECT status FROM sys_mv_refresh_history WHERE mv_name = 'wide'")) {
        rs.next();
        assertTrue(rs.getString(1).startsWith("Refresh successfully updated MV incrementally")
            && rs.getString(1).contains("Some stream records were skipped"), rs.getString(1));
      }

      s.execute("REFRESH MATERIALIZED VIEW wide");
      assertEquals(wide, sequences(s, "SELECT sequence_number FROM wide"));
      s.execute("REFRESH MATERIALIZED VIEW narrow");
      Set<String> narrow = sequences(s, "SELECT sequence_number FROM narrow");
      assertEquals(11, narrow.size(), "a row of 800,000 bytes fits");
      try (ResultSet rs = s.executeQuery("SELECT kinesis_data FROM narrow WHERE sequence_number = '"
          + bigSequence + "'")) {
        rs.next();
        assertEquals(800_000, rs.getBytes(1).length);
      }
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sys_stream_scan_errors")) {
        rs.next();
        assertEquals(1, rs.getLong(1), "the skipped record was committed past: no second error");
      }
      try (ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(skipped_rows), 0) FROM sys_stream_scan_states "
          + "WHERE mv_name = 'narrow'")) {
        rs.next();
        assertEquals(0, rs.getLong(1));
      }
    }
  }

  private static Set<String> sequences(Statement s, String sql) throws SQLException {
    Set<String> out = new HashSet<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
