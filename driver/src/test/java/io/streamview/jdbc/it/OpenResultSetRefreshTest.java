package io.streamview.jdbc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.WithKinesis;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A query over a streaming view that returns more rows than a scan buffers up front reads the view as its result set
 * is read, holding the view's refresh commits back (snapshot reads) until it is read to the end or closed. A REFRESH
 * meanwhile waits a bounded time, then fails with SQLState 55006 naming the view and the fix; once the result set is
 * closed (from another thread) the refresh stores everything, nothing twice. Records come from a real Kinesis
 * endpoint; {@code -Dstreamview.scanWaitMillis} shortens the wait.
 */
@WithKinesis
class OpenResultSetRefreshTest {

  /** Over the 4,096 rows the first test lets a scan read whole at its first row (the default buffers more). */
  private static final int RECORDS = 4_600;

  @AfterEach
  void defaults() {
    System.clearProperty("streamview.scanWaitMillis");
    System.clearProperty("streamview.scanBufferRows");
  }

  private static void put(KinesisEndpoint endpoint, String stream, int from, int to) {
    for (int start = from; start < to; start += 500) {
      List<PutRecordsRequestEntry> entries = new ArrayList<>();
      for (int i = start; i < Math.min(to, start + 500); i++) {
        entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + i)
            .data(SdkBytes.fromString("{\"i\":" + i + "}", StandardCharsets.UTF_8)).build());
      }
      PutRecordsResponse r = endpoint.client().putRecords(q -> q.streamName(stream).records(entries));
      assertEquals(0, r.failedRecordCount());
    }
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The external schema and the view {@code events} ({@code i} and {@code more} columns) over the stream, refreshed. */
  private static void createAndRefreshEvents(Statement s, String stream, String more) throws SQLException {
    s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
    s.execute("CREATE MATERIALIZED VIEW events AS SELECT CAST(json_extract_path_text(from_varbyte(kinesis_data, "
        + "'utf-8'), 'i') AS INTEGER) AS i" + more + " FROM kds.\"" + stream + "\"");
    s.execute("REFRESH MATERIALIZED VIEW events");
  }

  @Test
  void aRefreshWaitsForAnOpenResultSetThenFailsClearly(KinesisEndpoint endpoint, KinesisTestStreams streams)
      throws Exception {
    String stream = streams.create("open-rs", 2);
    put(endpoint, stream, 0, RECORDS);
    String url = "jdbc:streamview:mem:open-rs" + endpoint.jdbcProperties();
    try (Connection reader = DriverManager.getConnection(url);
         Connection refresher = DriverManager.getConnection(url)) {
      Statement s = reader.createStatement();
      createAndRefreshEvents(s, stream, ", partition_key");
      assertEquals(RECORDS, count(s, "SELECT COUNT(*) FROM events"));
      put(endpoint, stream, RECORDS, RECORDS + 10);

      System.setProperty("streamview.scanWaitMillis", "300");
      System.setProperty("streamview.scanBufferRows", "4096"); // this result does not fit: its scan streams
      ResultSet open = s.executeQuery("SELECT i, partition_key FROM events");
      assertTrue(open.next());
      SQLException e = CompletableFuture.supplyAsync(() -> assertThrows(SQLException.class, () -> {
        try (Statement r = refresher.createStatement()) {
          r.execute("REFRESH MATERIALIZED VIEW events");
        }
      })).get();
      assertEquals("55006", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("Close open result sets on view public.events"), e.getMessage());

      int read = 1;
      while (open.next() && read < 100) {
        read++;
      }
      CompletableFuture.runAsync(() -> {
        try {
          open.close(); // from another thread than the one that read it
        } catch (SQLException x) {
          throw new IllegalStateException(x);
        }
      }).get();
      try (Statement r = refresher.createStatement()) {
        r.execute("REFRESH MATERIALIZED VIEW events");
      }
      assertEquals(RECORDS + 10, count(s, "SELECT COUNT(*) FROM events"));
      assertEquals(RECORDS + 10, count(s, "SELECT COUNT(DISTINCT i) FROM events"));
      assertEquals((long) (RECORDS + 10) * (RECORDS + 9) / 2, count(s, "SELECT SUM(i) FROM events"));

      // a result set read to the end holds nothing
      put(endpoint, stream, RECORDS + 10, RECORDS + 20);
      System.setProperty("streamview.scanWaitMillis", "0");
      try (ResultSet all = s.executeQuery("SELECT i FROM events")) {
        int n = 0;
        while (all.next()) {
          n++;
        }
        assertEquals(RECORDS + 10, n);
        try (Statement r = refresher.createStatement()) {
          r.execute("REFRESH MATERIALIZED VIEW events");
        }
      }
      assertEquals(RECORDS + 20, count(s, "SELECT COUNT(*) FROM events"));
      s.close();
    }
  }

  @Test
  void aResultSetThatFitsTheScanBufferLeftOpenDoesNotHoldRefreshesBack(KinesisEndpoint endpoint,
      KinesisTestStreams streams) throws Exception {
    String stream = streams.create("open-rs-gui", 1);
    put(endpoint, stream, 0, RECORDS);
    String url = "jdbc:streamview:mem:open-rs-gui" + endpoint.jdbcProperties();
    try (Connection reader = DriverManager.getConnection(url);
         Connection refresher = DriverManager.getConnection(url)) {
      Statement s = reader.createStatement();
      createAndRefreshEvents(s, stream, "");
      put(endpoint, stream, RECORDS, RECORDS + 10);

      // a GUI reads a first page and leaves the result set open; with the default buffer the scan was read whole
      System.setProperty("streamview.scanWaitMillis", "0");
      try (ResultSet page = s.executeQuery("SELECT i FROM events")) {
        int read = 0;
        while (read < 200 && page.next()) {
          read++;
        }
        try (Statement r = refresher.createStatement()) {
          r.execute("REFRESH MATERIALIZED VIEW events"); // no wait, no 55006
        }
        while (page.next()) {
          read++;
        }
        assertEquals(RECORDS, read, "the open result set keeps the snapshot of its first row");
      }
      assertEquals(RECORDS + 10, count(s, "SELECT COUNT(*) FROM events"));
      s.close();
    }
  }
}
