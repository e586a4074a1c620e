package io.streamview.jdbc.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.WithKinesis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Snapshot reads (docs/crash-consistency.md): queries running while REFRESH and AUTO REFRESH commit see each view as
 * of whole committed batches. Records are put in "put batches" of {@value #SIZE} records, each by one PutRecords
 * with one partition key, so each lands whole on one shard and every GetRecords answer — a refresh batch — holds
 * whole put batches. A projection view shows each record's put batch: every batch a reader sees must be complete.
 * An aggregating view counts records per {@code k = j % }{@value #GROUPS} of the record's index j in its put batch:
 * every committed batch adds the same number to every group, so a reader must see all groups with equal counts.
 */
@WithKinesis
class SnapshotReadsTest {

  private static final int SIZE = 12;
  private static final int GROUPS = 4;
  private static final int BATCHES_PER_PHASE = 25;
  private static final String JSON = "from_varbyte(kinesis_data, 'utf-8')";

  @TempDir
  Path dir;

  @Test
  void readersSeeWholeCommittedBatchesDuringRefreshAndAutoRefresh(KinesisEndpoint endpoint,
                                                                   KinesisTestStreams streams) throws Exception {
    String stream = streams.create("snapshot", 2);
    String url = "jdbc:streamview:file:" + dir.resolve("db") + endpoint.jdbcProperties()
        + ";autoRefreshIntervalMillis=50";
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
      s.execute("CREATE MATERIALIZED VIEW batches AS SELECT CAST(" + field("b") + " AS INTEGER) AS b, CAST("
          + field("j") + " AS INTEGER) AS j FROM kds.\"" + stream + "\"");
      s.execute("CREATE MATERIALIZED VIEW spread AS SELECT " + field("k") + " AS k, COUNT(*) AS n FROM kds.\""
          + stream + "\" GROUP BY " + field("k"));
      Readers readers = new Readers(url);
      readers.start();
      try {
        // phase 1: REFRESH in a loop while records arrive
        AtomicBoolean done = new AtomicBoolean();
        Thread refresher = new Thread(() -> {
          try (Connection rc = DriverManager.getConnection(url); Statement rs = rc.createStatement()) {
            while (!done.get()) {
              rs.execute("REFRESH MATERIALIZED VIEW batches");
              rs.execute("REFRESH MATERIALIZED VIEW spread");
            }
          } catch (SQLException e) {
            readers.problems.add("refresh failed: " + e);
          }
        }, "refresher");
        refresher.start();
        put(endpoint.client(), stream, 0, BATCHES_PER_PHASE);
        done.set(true);
        refresher.join();
        s.execute("REFRESH MATERIALIZED VIEW batches");
        s.execute("REFRESH MATERIALIZED VIEW spread");
        assertEquals(BATCHES_PER_PHASE * SIZE, count(s, "SELECT COUNT(*) FROM batches"));
        long manualReads = readers.reads.get();
        // phase 2: AUTO REFRESH while records arrive
        s.execute("ALTER MATERIALIZED VIEW batches AUTO REFRESH YES");
        s.execute("ALTER MATERIALIZED VIEW spread AUTO REFRESH YES");
        put(endpoint.client(), stream, BATCHES_PER_PHASE, 2 * BATCHES_PER_PHASE);
        long total = 2L * BATCHES_PER_PHASE * SIZE;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (count(s, "SELECT COUNT(*) FROM batches") < total
            || count(s, "SELECT COALESCE(SUM(n), 0) FROM spread") < total) {
          assertTrue(System.nanoTime() < deadline, "auto refresh caught up within 60 s");
          Thread.sleep(50);
        }
        assertTrue(readers.reads.get() > manualReads, "readers ran during auto refresh");
      } finally {
        readers.stop();
      }
      System.out.printf("snapshot-read figures: reads=%d distinct-states-seen=%d violations=%d%n",
          readers.reads.get(), readers.states.size(), readers.problems.size());
      assertTrue(readers.problems.isEmpty(), "readers saw part of a batch: " + List.copyOf(readers.problems));
      assertTrue(readers.states.size() >= 3, "readers saw the views change while refreshes committed: "
          + readers.states.size() + " states");
    }
  }

  /** Puts batches {@code from} (inclusive) to {@code to} (exclusive), each whole by one PutRecords. */
  private static void put(KinesisClient client, String stream, int from, int to) throws InterruptedException {
    for (int b = from; b < to; b++) {
      List<PutRecordsRequestEntry> entries = new ArrayList<>();
      for (int j = 0; j < SIZE; j++) {
        String body = "{\"b\":" + b + ",\"j\":" + j + ",\"k\":\"k" + (j % GROUPS) + "\"}";
        entries.add(PutRecordsRequestEntry.builder().partitionKey("batch-" + b)
            .data(SdkBytes.fromString(body, StandardCharsets.UTF_8)).build());
      }
      PutRecordsResponse r = client.putRecords(q -> q.streamName(stream).records(entries));
      assertEquals(0, r.failedRecordCount(), "put batch " + b + " was accepted whole");
      Thread.sleep(40);
    }
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String field(String name) {
    return "json_extract_path_text(" + JSON + ", '" + name + "')";
  }

  /** Three threads, each with its own connection, querying both views until stopped. */
  private static final class Readers {
    final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    final Set<String> states = java.util.Collections.synchronizedSet(new HashSet<>());
    final AtomicLong reads = new AtomicLong();
    private final String url;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    Readers(String url) {
      this.url = url;
    }

    void start() {
      for (int i = 0; i < 3; i++) {
        Thread t = new Thread(this::read, "reader-" + i);
        t.start();
        threads.add(t);
      }
    }

    void stop() throws InterruptedException {
      stop.set(true);
      for (Thread t : threads) {
        t.join();
      }
    }

    private void read() {
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
        while (!stop.get()) {
          int complete = 0;
          // the filters are evaluated inside the scan (StoredTableScan): still whole batches only
          try (ResultSet rs = s.executeQuery("SELECT b, COUNT(*), COUNT(DISTINCT j) FROM batches WHERE j >= 0 AND "
              + "b IS NOT NULL GROUP BY b")) {
            while (rs.next()) {
              if (rs.getLong(2) != SIZE || rs.getLong(3) != SIZE) {
                problems.add("batch " + rs.getInt(1) + " seen with " + rs.getLong(2) + " rows");
              }
              complete++;
            }
          }
          List<Long> counts = new ArrayList<>();
          try (ResultSet rs = s.executeQuery("SELECT k, n FROM spread")) {
            while (rs.next()) {
              counts.add(rs.getLong(2));
            }
          }
          if (!counts.isEmpty() && (counts.size() != GROUPS || new HashSet<>(counts).size() != 1
              || counts.get(0) % (SIZE / GROUPS) != 0)) {
            problems.add("groups seen with counts " + counts);
          }
          states.add(complete + "/" + counts);
          reads.incrementAndGet();
        }
      } catch (SQLException | RuntimeException e) {
        problems.add("reader failed: " + e);
      }
    }
  }
}
