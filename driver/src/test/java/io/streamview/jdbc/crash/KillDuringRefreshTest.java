package io.streamview.jdbc.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.catalog.PositionStore;
import io.streamview.catalog.ShardPositionDef;
import io.streamview.engine.aggregate.SequenceNumbers;
import io.streamview.engine.storage.CommitJournal;
import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.WithKinesis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Crash consistency (docs/crash-consistency.md): a refresher process refreshing a projection view and an
 * aggregating view of a file database from a real Kinesis endpoint, while records keep arriving, is killed with
 * SIGKILL at seeded random moments. After every kill the database is reopened in this JVM and checked against the
 * records put: for each view and shard, exactly the records up to the committed position are in the view — no row
 * lost, none twice, no part of an uncommitted batch (for the aggregate: every group's count and sum equal the
 * recomputation over those records). At the end a full refresh gives exactly every record once. The seed is
 * {@code -Dstreamview.crash.seed} (default 20261126), the number of kills {@code -Dstreamview.crash.kills}.
 */
@WithKinesis
class KillDuringRefreshTest {

  private static final long SEED = Long.getLong("streamview.crash.seed", 20261126L);
  private static final int KILLS = Integer.getInteger("streamview.crash.kills", 21);
  private static final String JSON = "from_varbyte(kinesis_data, 'utf-8')";
  private static final int GROUPS = 7;

  @TempDir
  Path dir;

  /** One record the test put and Kinesis acknowledged. */
  private record Put(int id, String group, long value, String shardId, String sequenceNumber) {
  }

  /** What the checks found, summed over the kills. */
  private static final class Figures {
    int kills;
    int killedBeforeReady;
    int uncleanStores;
    int completeJournals;
    int tornJournals;
    long recordsChecked;
    long groupsChecked;
    long lost;
    long duplicated;
    long uncommitted;
    long wrongGroups;
    final List<String> problems = new ArrayList<>();

    void problem(String p) {
      if (problems.size() < 20) {
        problems.add(p);
      }
    }
  }

  @Test
  void everyKillLeavesWholeCommittedBatchesAndEveryRecordOnce(KinesisEndpoint endpoint, KinesisTestStreams streams)
      throws Exception {
    long started = System.nanoTime();
    String stream = streams.create("crash", 3);
    Path db = dir.resolve("db");
    String url = "jdbc:streamview:file:" + db + endpoint.jdbcProperties();
    Producer producer = new Producer(endpoint.client(), stream, new Random(SEED));
    Thread producing = new Thread(producer, "producer");
    producing.start();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
      s.execute("CREATE MATERIALIZED VIEW proj AS SELECT shard_id, sequence_number, " + JSON + " AS body"
          + " FROM kds.\"" + stream + "\"");
      s.execute("CREATE MATERIALIZED VIEW agg AS SELECT " + field("g") + " AS g, COUNT(*) AS n, SUM(CAST("
          + field("v") + " AS BIGINT)) AS total FROM kds.\"" + stream + "\" GROUP BY " + field("g"));
    }
    List<String> flags = RefresherProcess.jvmFlags(true);
    Random random = new Random(SEED);
    Figures f = new Figures();
    Path projPositions = db.resolve("positions").resolve("public.proj.json");
    Path aggPositions = db.resolve("positions").resolve("public.agg.json");
    RefresherProcess child = null;
    try {
      // the next refresher starts (and warms up) while this JVM checks the database after the last kill
      child = RefresherProcess.start(flags, Map.of(), "loop", url,
          "proj", "agg");
      for (int k = 0; k < KILLS; k++) {
        long t0 = System.nanoTime();
        child.ready().get(120, TimeUnit.SECONDS);
        long t1 = System.nanoTime();
        if (random.nextInt(3) == 0) {
          // a third of the kills hit the open, the recovery of the last crash or the first refresh's start
          Thread.sleep(random.nextInt(1500));
          f.killedBeforeReady++;
        } else {
          // the others come at a random moment once the refresher is committing batches
          String projBefore = stamp(projPositions);
          String aggBefore = stamp(aggPositions);
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
          while (stamp(projPositions).equals(projBefore) && stamp(aggPositions).equals(aggBefore)) {
            if (System.nanoTime() > deadline || !child.isAlive()) {
              throw new AssertionError("the refresher committed nothing:\n" + child.output());
            }
            Thread.sleep(10);
          }
          Thread.sleep(random.nextInt(800));
        }
        long t2 = System.nanoTime();
        if (!child.isAlive()) {
          throw new AssertionError("the refresher died by itself:\n" + child.output());
        }
        child.kill();
        f.kills++;
        if (k + 1 < KILLS) {
          child = RefresherProcess.start(flags, Map.of(), "loop", url, "proj", "agg");
        }
        synchronized (producer) { // every record Kinesis acknowledged so far is in producer.puts
          check(url, db, List.copyOf(producer.puts), f);
        }
        long t3 = System.nanoTime();
        System.out.printf("kill %d: ready after %d ms, killed %d ms later, checked in %d ms%n", k,
            (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
      }
    } finally {
      if (child != null && child.isAlive()) {
        child.kill();
      }
      producer.stop = true;
      producing.join();
    }
    // the end: one full refresh in this JVM, then every record exactly once
    List<Put> all = List.copyOf(producer.puts);
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("REFRESH MATERIALIZED VIEW proj");
      s.execute("REFRESH MATERIALIZED VIEW agg");
      Map<String, Integer> rows = projRows(s, f);
      assertEquals(all.size(), rows.size(), "after a full refresh the projection has one row per record");
      for (Put p : all) {
        assertEquals(1, rows.getOrDefault(p.shardId() + "/" + p.sequenceNumber() + "/" + p.id(), 0),
            "record " + p + " once");
      }
      assertEquals(expectedGroups(all), aggRows(s), "after a full refresh the aggregate equals the recomputation");
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    System.out.printf("crash-consistency figures: seed=%d kills=%d (early %d) unclean-stores-recovered=%d "
            + "journals-complete=%d journals-torn=%d records-checked=%d groups-checked=%d lost=%d duplicated=%d "
            + "uncommitted-visible=%d wrong-groups=%d records-put=%d seconds=%d%n", SEED, f.kills,
        f.killedBeforeReady, f.uncleanStores, f.completeJournals, f.tornJournals, f.recordsChecked, f.groupsChecked,
        f.lost, f.duplicated, f.uncommitted, f.wrongGroups, all.size(), seconds);
    assertTrue(f.problems.isEmpty(), "problems after kills: " + f.problems);
    assertEquals(0, f.lost + f.duplicated + f.uncommitted + f.wrongGroups);
    assertEquals(KILLS, f.kills, "every planned kill happened (21 unless -Dstreamview.crash.kills says otherwise)");
  }

  /** Reopens the database after a kill and checks both views against the records up to their positions. */
  private void check(String url, Path db, List<Put> puts, Figures f) throws Exception {
    Path data = db.resolve("data");
    try (Stream<Path> files = Files.list(data)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".open")) {
          f.uncleanStores++;
        } else if (name.endsWith(CommitJournal.SUFFIX)) {
          switch (CommitJournal.state(file)) {
            case COMPLETE -> f.completeJournals++;
            case TORN -> f.tornJournals++;
            default -> { }
          }
        }
      }
    }
    Map<String, Integer> proj;
    Map<String, List<Long>> agg;
    Map<String, ShardPositionDef> projAt;
    Map<String, ShardPositionDef> aggAt;
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      proj = projRows(s, f);
      agg = aggRows(s);
      // read while this JVM holds the database: the next refresher is waiting to open it
      try (PositionStore positions = PositionStore.open(db)) {
        projAt = positions.load("public.proj");
        aggAt = positions.load("public.agg");
      }
    }
    int k = f.kills;
    for (Put p : puts) {
      String key = p.shardId() + "/" + p.sequenceNumber() + "/" + p.id();
      int seen = proj.getOrDefault(key, 0);
      boolean committed = committed(projAt, p);
      if (committed) {
        f.recordsChecked++;
        if (seen == 0) {
          f.lost++;
          f.problem("kill " + k + ": record " + key + " is committed but not in proj");
        }
      } else if (seen > 0) {
        f.uncommitted++;
        f.problem("kill " + k + ": record " + key + " is in proj beyond its shard's committed position");
      }
      if (seen > 1) {
        f.duplicated += seen - 1;
        f.problem("kill " + k + ": record " + key + " is in proj " + seen + " times");
      }
      proj.remove(key);
    }
    if (!proj.isEmpty()) {
      f.problem("kill " + k + ": rows of records never put: " + proj.keySet());
      f.uncommitted += proj.size();
    }
    Map<String, List<Long>> expected = expectedGroups(puts.stream().filter(p -> committed(aggAt, p)).toList());
    f.groupsChecked += expected.size();
    if (!expected.equals(agg)) {
      f.wrongGroups++;
      f.problem("kill " + k + ": agg is " + agg + ", the records up to its positions give " + expected);
    }
  }

  /** The modification time and size of a file, or "none". */
  private static String stamp(Path file) throws java.io.IOException {
    return Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file) + "/"
        + Files.readString(file).hashCode() : "none";
  }

  private static boolean committed(Map<String, ShardPositionDef> positions, Put p) {
    ShardPositionDef at = positions.get(p.shardId());
    return at != null && at.afterSequenceNumber() != null
        && SequenceNumbers.compare(p.sequenceNumber(), at.afterSequenceNumber()) <= 0;
  }

  /** The projection's rows as "shard/sequence/id" with the number of times each occurs. */
  private static Map<String, Integer> projRows(Statement s, Figures f) throws SQLException {
    Map<String, Integer> rows = new HashMap<>();
    try (ResultSet rs = s.executeQuery("SELECT shard_id, sequence_number, body FROM proj")) {
      while (rs.next()) {
        String body = rs.getString(3);
        String id = body.substring(body.indexOf("\"id\":") + 5, body.indexOf(','));
        rows.merge(rs.getString(1).trim() + "/" + rs.getString(2) + "/" + id, 1, Integer::sum);
      }
    }
    return rows;
  }

  private static Map<String, List<Long>> aggRows(Statement s) throws SQLException {
    Map<String, List<Long>> groups = new TreeMap<>();
    try (ResultSet rs = s.executeQuery("SELECT g, n, total FROM agg")) {
      while (rs.next()) {
        groups.put(rs.getString(1), List.of(rs.getLong(2), rs.getLong(3)));
      }
    }
    return groups;
  }

  private static Map<String, List<Long>> expectedGroups(List<Put> puts) {
    Map<String, long[]> sums = new TreeMap<>();
    for (Put p : puts) {
      long[] a = sums.computeIfAbsent(p.group(), g -> new long[2]);
      a[0]++;
      a[1] += p.value();
    }
    Map<String, List<Long>> out = new TreeMap<>();
    sums.forEach((g, a) -> out.put(g, List.of(a[0], a[1])));
    return out;
  }

  private static String field(String name) {
    return "json_extract_path_text(" + JSON + ", '" + name + "')";
  }

  /**
   * Puts small PutRecords batches (random partition keys, so every shard gets records) until stopped, keeping
   * what Kinesis acknowledged with its shard and sequence number. Holds its monitor during each put, so a reader
   * holding it sees every acknowledged record.
   */
  private static final class Producer implements Runnable {
    final List<Put> puts = new ArrayList<>();
    volatile boolean stop;
    private final KinesisClient client;
    private final String stream;
    private final Random random;
    private int serial;

    Producer(KinesisClient client, String stream, Random random) {
      this.client = client;
      this.stream = stream;
      this.random = new Random(random.nextLong());
    }

    @Override public void run() {
      List<Put> pending = new ArrayList<>();
      while (!stop) {
        while (pending.size() < 12) {
          int id = serial++;
          pending.add(new Put(id, "g" + (id % GROUPS), 1 + random.nextInt(1000), null, null));
        }
        synchronized (this) {
          List<PutRecordsRequestEntry> entries = new ArrayList<>();
          for (Put p : pending) {
            String body = "{\"id\":" + p.id() + ",\"g\":\"" + p.group() + "\",\"v\":" + p.value() + "}";
            entries.add(PutRecordsRequestEntry.builder().partitionKey(Long.toHexString(random.nextLong()))
                .data(SdkBytes.fromString(body, StandardCharsets.UTF_8)).build());
          }
          PutRecordsResponse response;
          try {
            response = client.putRecords(b -> b.streamName(stream).records(entries));
          } catch (RuntimeException e) {
            continue; // nothing acknowledged: put the same records again
          }
          List<Put> failed = new ArrayList<>();
          for (int i = 0; i < pending.size(); i++) {
            PutRecordsResultEntry r = response.records().get(i);
            Put p = pending.get(i);
            if (r.errorCode() == null) {
              puts.add(new Put(p.id(), p.group(), p.value(), r.shardId(), r.sequenceNumber()));
            } else {
              failed.add(p);
            }
          }
          pending = failed;
        }
        try {
          Thread.sleep(60);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
