package io.streamview.bench;

import io.streamview.bench.Results.Better;
import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisEndpoints;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmarks 3 and 7 on a real local Kinesis endpoint (kinesis-mock, started by the test harness): REFRESH beside a
 * bare AWS SDK loop that only reads the same shards; and the freshness of an AUTO REFRESH view beside an SDK poller
 * with the same interval.
 */
final class KinesisBenches implements AutoCloseable {

  static final int SHARDS = 2;
  static final long AUTO_REFRESH_MILLIS = 100;

  private final BenchSize size;
  private final Results results;
  private KinesisEndpoints.Running kinesis;
  private KinesisClient sdk;

  KinesisBenches(BenchSize size, Results results) {
    this.size = size;
    this.results = results;
  }

  void start() {
    long t0 = System.nanoTime();
    kinesis = KinesisEndpoints.start();
    KinesisEndpoint e = kinesis.endpoint();
    results.note(String.format("Kinesis endpoint: %s, started in %.1f s", e.kind(), (System.nanoTime() - t0) / 1e9));
    sdk = KinesisClient.builder().endpointOverride(e.uri()).region(Region.of(e.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(e.accessKeyId(),
            e.secretAccessKey())))
        .httpClientBuilder(ApacheHttpClient.builder())
        .build();
  }

  private String url(String db, String extra) {
    return "jdbc:streamview:mem:" + db + kinesis.endpoint().jdbcProperties() + ";refreshParallelism=" + SHARDS + extra;
  }

  // ---------------------------------------------------------------- 3. end to end

  void endToEnd() throws Exception {
    int n = size.endToEndRecords();
    System.out.println("[3 end to end] " + n + " records on " + SHARDS + " shards of " + kinesis.endpoint().kind());
    String stream = kinesis.streams().create("bench-e2e", SHARDS);
    List<byte[]> payloads = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      payloads.add(ClickRecords.payload(20_000_000L + i));
    }
    double put = Timing.seconds(() -> kinesis.streams().putRecords(stream, payloads));
    results.note(String.format("end to end: %d records put in %.1f s (%.0f puts/s, kinesis-mock)", n, put, n / put));
    long kept = 0;
    for (int i = 0; i < n; i++) {
      kept += ClickRecords.kept(20_000_000L + i) ? 1 : 0;
    }
    double[] bare = new double[2];
    double[] ours = new double[2];
    try (Connection c = DriverManager.getConnection(url("e2e", ""))) {
      StreamViewSql.execute(c, "CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
      for (int round = 0; round < 2; round++) {
        AtomicLong read = new AtomicLong();
        bare[round] = Timing.seconds(() -> read.set(bareRead(stream)));
        if (read.get() != n) {
          throw new IllegalStateException("bare SDK loop read " + read.get() + " records, expected " + n);
        }
        String view = "e2e_" + round;
        StreamViewSql.execute(c, StreamViewSql.ingestView(view, stream));
        ours[round] = Timing.seconds(() -> StreamViewSql.execute(c, "REFRESH MATERIALIZED VIEW " + view));
        long rows = StreamViewSql.count(c, "SELECT COUNT(*) FROM " + view);
        if (rows != kept) {
          throw new IllegalStateException("view " + view + " has " + rows + " rows, expected " + kept);
        }
      }
    }
    // the fixed cost of a refresh: REFRESH of a view already at the tip, beside one empty read round of the SDK loop
    double[] idleOurs = new double[3];
    double[] idleBare = new double[3];
    try (Connection c = DriverManager.getConnection(url("e2e", ""))) {
      for (int i = 0; i < 3; i++) {
        idleOurs[i] = Timing.seconds(() -> StreamViewSql.execute(c, "REFRESH MATERIALIZED VIEW e2e_1"));
        idleBare[i] = Timing.seconds(() -> emptyRound(stream));
      }
    }
    results.add("3 REFRESH, no new data", "ms (median of 3)", Better.LOWER, Timing.median(idleOurs) * 1e3,
        "SDK: list shards + 1 read per shard", Timing.median(idleBare) * 1e3, "");
    results.note(String.format("end to end rounds (s): bare SDK %.3f, %.3f; StreamView REFRESH %.3f, %.3f",
        bare[0], bare[1], ours[0], ours[1]));
    double o = Math.min(ours[0], ours[1]);
    double b = Math.min(bare[0], bare[1]);
    results.add("3 end to end", "REFRESH s (best of 2)", Better.LOWER, o, "bare AWS SDK read loop", b,
        Results.target("≤ 1.15× the SDK loop", o <= 1.15 * b));
  }

  /** What a consumer at the tip pays to learn there is nothing new: ListShards, then per shard an iterator and a read. */
  private void emptyRound(String stream) {
    for (Shard shard : sdk.listShards(b -> b.streamName(stream)).shards()) {
      String it = sdk.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
          .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
      sdk.getRecords(b -> b.shardIterator(it).limit(10_000));
    }
  }

  /** Reads every shard from TRIM_HORIZON to the tip, one thread per shard, as a hand-written consumer would. */
  private long bareRead(String stream) throws Exception {
    List<Shard> shards = sdk.listShards(b -> b.streamName(stream)).shards();
    ExecutorService pool = Executors.newFixedThreadPool(shards.size());
    try {
      List<Future<Long>> parts = new ArrayList<>();
      for (Shard shard : shards) {
        parts.add(pool.submit(() -> {
          String it = sdk.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
              .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
          long count = 0;
          while (it != null) {
            String current = it;
            GetRecordsResponse r = sdk.getRecords(b -> b.shardIterator(current).limit(10_000));
            count += r.records().size();
            it = r.nextShardIterator();
            if (r.records().isEmpty() && r.millisBehindLatest() != null && r.millisBehindLatest() == 0) {
              break;
            }
          }
          return count;
        }));
      }
      long total = 0;
      for (Future<Long> f : parts) {
        total += f.get();
      }
      return total;
    } finally {
      pool.shutdown();
    }
  }

  // ---------------------------------------------------------------- 7. freshness

  void freshness() throws Exception {
    int samples = size.freshnessSamples();
    System.out.println("[7 freshness] " + samples + " records, AUTO REFRESH every " + AUTO_REFRESH_MILLIS + " ms");
    String stream = kinesis.streams().create("bench-fresh", 1);
    double[] ours = new double[samples];
    double[] bare = new double[samples];
    try (Connection c = DriverManager.getConnection(url("fresh", ";autoRefreshIntervalMillis=" + AUTO_REFRESH_MILLIS))) {
      StreamViewSql.execute(c, "CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
      StreamViewSql.execute(c, "CREATE MATERIALIZED VIEW fresh AUTO REFRESH YES AS SELECT "
          + "JSON_PARSE(kinesis_data).event_id::varchar AS event_id FROM kds.\"" + stream + "\"");
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM fresh WHERE event_id = ?")) {
        for (int i = -2; i < samples; i++) {
          byte[] payload = ClickRecords.payload(30_000_000L + i + 2);
          String id = "e-" + (30_000_000L + i + 2);
          kinesis.streams().put(stream, "pk", payload);
          long acked = System.nanoTime();
          ps.setString(1, id);
          while (true) {
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              if (rs.getLong(1) == 1) {
                break;
              }
            }
            if (System.nanoTime() - acked > 30_000_000_000L) {
              throw new IllegalStateException("record " + id + " not visible after 30 s");
            }
            Thread.sleep(5);
          }
          if (i >= 0) {
            ours[i] = (System.nanoTime() - acked) / 1e9;
          }
        }
      }
      StreamViewSql.execute(c, "ALTER MATERIALIZED VIEW fresh AUTO REFRESH NO");
    }
    // the peer: a hand-written consumer polling GetRecords on its own thread at the same interval
    String shardId = sdk.listShards(b -> b.streamName(stream)).shards().get(0).shardId();
    String latest = sdk.getShardIterator(b -> b.streamName(stream).shardId(shardId)
        .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
    java.util.Map<String, Long> seenAt = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    Thread poller = new Thread(() -> {
      String it = latest;
      while (!stop.get() && it != null) {
        String current = it;
        GetRecordsResponse r = sdk.getRecords(b -> b.shardIterator(current));
        long now = System.nanoTime();
        it = r.nextShardIterator();
        for (Record rec : r.records()) {
          String text = new String(rec.data().asByteArray(), StandardCharsets.UTF_8);
          int at = text.indexOf("\"event_id\":\"") + 12;
          seenAt.put(text.substring(at, text.indexOf('"', at)), now);
        }
        try {
          Thread.sleep(AUTO_REFRESH_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "sdk-poller");
    poller.setDaemon(true);
    poller.start();
    try {
      for (int i = -2; i < samples; i++) {
        String id = "e-" + (31_000_000L + i + 2);
        kinesis.streams().put(stream, "pk", ClickRecords.payload(31_000_000L + i + 2));
        long acked = System.nanoTime();
        while (!seenAt.containsKey(id)) {
          if (System.nanoTime() - acked > 30_000_000_000L) {
            throw new IllegalStateException("SDK poller did not see " + id + " in 30 s");
          }
          Thread.sleep(1);
        }
        if (i >= 0) {
          bare[i] = Math.max(0, seenAt.get(id) - acked) / 1e9;
        }
      }
    } finally {
      stop.set(true);
      poller.join(5_000);
    }
    double o = Timing.median(ours) * 1e3;
    double b = Timing.median(bare) * 1e3;
    results.add("7 freshness", "ack → visible ms (median)", Better.LOWER, o, "SDK poller, same interval", b,
        Results.target("median < 1 s", o < 1000));
  }

  @Override
  public void close() {
    if (sdk != null) {
      sdk.close();
    }
    if (kinesis != null) {
      kinesis.close();
    }
  }
}
