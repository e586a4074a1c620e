package io.streamview.jdbc.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.WithKinesis;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Statement.cancel() from another thread and setQueryTimeout stop a long REFRESH MATERIALIZED VIEW at a batch
 * boundary with SQLState 57014, keeping the committed batches (whole shards here: one batch per shard, read one
 * shard at a time); a later REFRESH completes with exact counts. Plain queries are canceled and timed out at their
 * next row, and the statement runs again afterwards. Many connections of one JVM query while refreshes run.
 */
@WithKinesis
class CancelAndConcurrencyTest {

  private static final int SHARDS = 4;
  private static final int RECORDS = 8_000;
  private static final int TIMEOUT_SHARDS = 16;
  private static final int TIMEOUT_RECORDS = 16_000;

  private static String url(KinesisEndpoint endpoint, String name) {
    return "jdbc:streamview:mem:" + name + System.nanoTime() + endpoint.jdbcProperties() + ";refreshParallelism=1";
  }

  private static String fill(KinesisTestStreams streams, String prefix, int shards, int records) {
    String stream = streams.create(prefix, shards);
    List<byte[]> payloads = new ArrayList<>();
    for (int i = 0; i < records; i++) {
      payloads.add(("{\"i\":" + i + ",\"pad\":\"" + "x".repeat(40) + "\"}").getBytes(StandardCharsets.UTF_8));
    }
    streams.putRecords(stream, payloads);
    return stream;
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  /** Rows of the view per shard; each is 0 or the shard's record count (batches are committed whole). */
  private static Map<String, Long> perShard(Connection c, String view) throws SQLException {
    Map<String, Long> out = new HashMap<>();
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT shard_id, count(*), count(DISTINCT sequence_number) FROM " + view
             + " GROUP BY shard_id")) {
      while (rs.next()) {
        assertEquals(rs.getLong(2), rs.getLong(3), "duplicates in shard " + rs.getString(1));
        out.put(rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }

  /** What the stream holds per shard, from a complete refresh of a second view. */
  private static void assertPrefixThenComplete(Connection c, String view, String stream, int records,
                                               Map<String, Long> after) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE MATERIALIZED VIEW whole_" + view + " AS SELECT shard_id, sequence_number FROM kds.\""
          + stream + "\"");
      s.execute("REFRESH MATERIALIZED VIEW whole_" + view);
    }
    Map<String, Long> whole = perShard(c, "whole_" + view);
    assertEquals(records, whole.values().stream().mapToLong(Long::longValue).sum());
    after.forEach((shard, n) -> assertEquals(whole.get(shard), n,
        "shard " + shard + " holds a committed batch whole, or nothing"));
    assertTrue(after.size() < whole.size(), "the cancel stopped the refresh before every shard was read: " + after);
    try (Statement s = c.createStatement()) {
      s.execute("REFRESH MATERIALIZED VIEW " + view);
    }
    assertEquals(whole, perShard(c, view), "the next refresh completes: no loss, no duplicates");
    assertEquals(records, count(c, "SELECT count(*) FROM " + view));
  }

  @Test
  void cancelFromAnotherThreadStopsARefreshAtABatchBoundary(KinesisEndpoint endpoint, KinesisTestStreams streams)
      throws Exception {
    String stream = fill(streams, "cancel", SHARDS, RECORDS);
    String url = url(endpoint, "cancel");
    try (Connection c = DriverManager.getConnection(url); Connection watcher = DriverManager.getConnection(url);
         Statement s = c.createStatement()) {
      s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
      s.execute("CREATE MATERIALIZED VIEW v AS SELECT shard_id, sequence_number, kinesis_data FROM kds.\""
          + stream + "\"");
      AtomicReference<Throwable> watcherFailed = new AtomicReference<>();
      Thread canceller = new Thread(() -> {
        try {
          while (count(watcher, "SELECT count(*) FROM v") == 0) {
            Thread.sleep(10); // the first batch is committed once rows show
          }
          s.cancel();
        } catch (Throwable t) {
          watcherFailed.set(t);
        }
      }, "canceller");
      canceller.start();
      SQLException e = assertThrows(SQLException.class, () -> s.execute("REFRESH MATERIALIZED VIEW v"));
      canceller.join();
      assertEquals(null, watcherFailed.get());
      assertEquals("57014", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("REFRESH MATERIALIZED VIEW v was canceled by Statement.cancel()"),
          e.getMessage());
      Map<String, Long> after = perShard(c, "v");
      assertFalse(after.isEmpty(), "the batch committed before the cancel is kept");
      assertPrefixThenComplete(c, "v", stream, RECORDS, after);
      assertTrue(s.execute("SELECT count(*) FROM v"), "the canceled statement runs again");
    }
  }

  @Test
  void queryTimeoutStopsARefreshAtABatchBoundary(KinesisEndpoint endpoint, KinesisTestStreams streams)
      throws Exception {
    // 16 shards read one at a time, so that the refresh takes well over the 1 s timeout
    String stream = fill(streams, "timeout", TIMEOUT_SHARDS, TIMEOUT_RECORDS);
    try (Connection c = DriverManager.getConnection(url(endpoint, "timeout"))) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
        s.execute("CREATE MATERIALIZED VIEW t AS SELECT shard_id, sequence_number FROM kds.\"" + stream + "\"");
      }
      try (java.sql.PreparedStatement ps = c.prepareStatement("REFRESH MATERIALIZED VIEW t")) {
        ps.setQueryTimeout(1);
        SQLException e = assertThrows(SQLException.class, ps::execute);
        assertEquals("57014", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("query timeout of 1 s"), e.getMessage());
      }
      assertPrefixThenComplete(c, "t", stream, TIMEOUT_RECORDS, perShard(c, "t"));
    }
  }

  @Test
  void plainQueriesAreCanceledAndTimedOutAtTheirNextRow() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:"); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE big (a INTEGER)");
      StringBuilder values = new StringBuilder("INSERT INTO big VALUES (0)");
      for (int i = 1; i < 1000; i++) {
        values.append(", (").append(i).append(')');
      }
      s.execute(values.toString());
      String endless = "SELECT x.a + y.a + z.a FROM big x CROSS JOIN big y CROSS JOIN big z"; // 10^9 rows
      ResultSet rs = s.executeQuery(endless);
      assertTrue(rs.next());
      Thread canceller = new Thread(() -> {
        try {
          s.cancel();
        } catch (SQLException e) {
          throw new AssertionError(e);
        }
      });
      canceller.start();
      canceller.join();
      SQLException e = assertThrows(SQLException.class, rs::next);
      assertEquals("57014", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("canceled by Statement.cancel()"), e.getMessage());
      assertEquals(1000, count(c, "SELECT count(*) FROM big"));
      try (ResultSet again = s.executeQuery("SELECT count(*) FROM big")) {
        assertTrue(again.next(), "the canceled statement runs again");
        assertEquals(1000, again.getLong(1));
      }

      s.setQueryTimeout(1);
      ResultSet timed = s.executeQuery(endless);
      long rows = 0;
      SQLException t = null;
      try {
        while (timed.next()) {
          rows++;
        }
      } catch (SQLException x) {
        t = x;
      }
      assertTrue(t != null, "the endless query ended without error after " + rows + " rows");
      assertEquals("57014", t.getSQLState(), t.getMessage());
      assertTrue(t.getMessage().contains("query timeout of 1 s"), t.getMessage());
      s.setQueryTimeout(0);
      assertEquals(1000, count(c, "SELECT count(*) FROM big"));
    }
  }

  @Test
  void manyConnectionsQueryWhileRefreshesRun(KinesisEndpoint endpoint, KinesisTestStreams streams) throws Exception {
    String stream = streams.create("readers", 2);
    String url = url(endpoint, "readers");
    int rounds = 5;
    int perRound = 400;
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
      s.execute("CREATE MATERIALIZED VIEW r AS SELECT partition_key, sequence_number FROM kds.\"" + stream + "\"");
      s.execute("CREATE MATERIALIZED VIEW g AS SELECT partition_key, count(*) AS n FROM kds.\"" + stream
          + "\" GROUP BY partition_key");
      AtomicBoolean done = new AtomicBoolean();
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      AtomicLong queries = new AtomicLong();
      int readers = 6;
      CountDownLatch started = new CountDownLatch(readers);
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < readers; i++) {
        Thread t = new Thread(() -> {
          try (Connection rc = DriverManager.getConnection(url)) {
            started.countDown();
            long last = 0;
            while (!done.get()) {
              long n;
              try (Statement rs = rc.createStatement();
                   ResultSet q = rs.executeQuery("SELECT count(*), count(DISTINCT sequence_number) FROM r")) {
                q.next();
                n = q.getLong(1);
                assertEquals(n, q.getLong(2), "no duplicate rows");
              }
              assertTrue(n >= last, "a view never loses rows: " + last + " then " + n);
              last = n;
              count(rc, "SELECT coalesce(sum(n), 0) FROM g");
              queries.incrementAndGet();
            }
          } catch (Throwable x) {
            failures.add(x);
          }
        }, "reader-" + i);
        threads.add(t);
        t.start();
      }
      started.await();
      for (int round = 1; round <= rounds; round++) {
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < perRound; i++) {
          payloads.add(("{\"round\":" + round + "}").getBytes(StandardCharsets.UTF_8));
        }
        streams.putRecords(stream, payloads);
        s.execute("REFRESH MATERIALIZED VIEW r");
        s.execute("REFRESH MATERIALIZED VIEW g");
        assertEquals((long) round * perRound, count(c, "SELECT count(*) FROM r"));
        assertEquals((long) round * perRound, count(c, "SELECT sum(n) FROM g"));
      }
      done.set(true);
      for (Thread t : threads) {
        t.join();
      }
      assertTrue(failures.isEmpty(), "reader failures: " + failures);
      assertTrue(queries.get() >= readers, "readers ran: " + queries.get());
      System.out.println("CancelAndConcurrencyTest: " + readers + " reader connections ran " + queries.get()
          + " query pairs during " + rounds * 2 + " refreshes of " + rounds * perRound + " records");
    }
  }
}
