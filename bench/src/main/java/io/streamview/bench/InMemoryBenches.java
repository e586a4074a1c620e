package io.streamview.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.streamview.bench.Results.Better;
import io.streamview.bench.source.MemoryStreams;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmarks 1, 2 and 4, which share their data: records fed from memory through REFRESH (ingest, aggregating
 * refresh) beside Jackson alone, DuckDB and H2 given the same records; then queries on the rows each one stored.
 */
final class InMemoryBenches implements AutoCloseable {

  static final int SHARDS = 2;
  private static final int COMMIT_EVERY = 10_000; // the memory source's batch: one commit per GetRecords answer

  private final BenchSize size;
  private final Results results;
  private final ObjectMapper mapper = new ObjectMapper();
  private Connection streamview;
  private Connection duck;
  private Connection h2;
  private long keptRows;

  InMemoryBenches(BenchSize size, Results results) {
    this.size = size;
    this.results = results;
  }

  void open() throws SQLException {
    streamview = StreamViewSql.memoryStreams("bench");
    StreamViewSql.execute(streamview, "CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
    duck = DriverManager.getConnection("jdbc:duckdb:");
    h2 = DriverManager.getConnection("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1;OPTIMIZE_REUSE_RESULTS=FALSE", "sa", "");
  }

  // ---------------------------------------------------------------- 1. ingest

  void ingest() throws Exception {
    int n = size.ingestRecords();
    System.out.println("[1 ingest] " + n + " records, " + SHARDS + " shards");
    List<byte[]> payloads = ClickRecords.generate(n);
    long bytes = payloads.stream().mapToLong(p -> p.length).sum();
    results.note(String.format("ingest records: %d, %.0f bytes on average", n, (double) bytes / n));
    MemoryStreams.register("warm_clicks", payloads.subList(0, n / 5), SHARDS);
    MemoryStreams.register("clicks", payloads, SHARDS);
    keptRows = 0;
    for (int i = 0; i < n; i++) {
      keptRows += ClickRecords.kept(i) ? 1 : 0;
    }

    // warm-up on a fifth of the records, for every contender
    StreamViewSql.execute(streamview, StreamViewSql.ingestView("warm_clicks", "warm_clicks"));
    StreamViewSql.execute(streamview, "REFRESH MATERIALIZED VIEW warm_clicks");
    jacksonOnly(payloads.subList(0, n / 5));
    duckIngest(payloads.subList(0, n / 5), "warm_clicks");
    h2Ingest(payloads.subList(0, n / 5), "warm_clicks");

    // two rounds, contenders in turn, best of each: the machine's load shifts within a run, and turns spread it
    double ours = Double.MAX_VALUE;
    double limit = Double.MAX_VALUE;
    double duckSeconds = Double.MAX_VALUE;
    double h2Seconds = Double.MAX_VALUE;
    for (int round = 0; round < 2; round++) {
      String view = round == 0 ? "clicks" : "clicks_again";
      StreamViewSql.execute(streamview, StreamViewSql.ingestView(view, "clicks"));
      ours = Math.min(ours, Timing.seconds(() -> StreamViewSql.execute(streamview, "REFRESH MATERIALIZED VIEW " + view)));
      check("StreamView " + view, StreamViewSql.count(streamview, "SELECT COUNT(*) FROM " + view), keptRows);
      limit = Math.min(limit, Timing.seconds(() -> jacksonOnly(payloads)));
      duckSeconds = Math.min(duckSeconds, Timing.seconds(() -> duckIngest(payloads, "clicks")));
      check("DuckDB clicks", StreamViewSql.count(duck, "SELECT COUNT(*) FROM clicks"), keptRows);
      h2Seconds = Math.min(h2Seconds, Timing.seconds(() -> h2Ingest(payloads, "clicks")));
      check("H2 clicks", StreamViewSql.count(h2, "SELECT COUNT(*) FROM clicks"), keptRows);
    }
    StreamViewSql.execute(streamview, "DROP MATERIALIZED VIEW clicks_again");
    double oursRate = n / ours;
    double limitRate = n / limit;
    results.add("1 ingest", "records/s (best of 2)", Better.HIGHER, oursRate, "limit: Jackson parse only", limitRate,
        Results.target("≥ 0.5 of the limit", oursRate >= 0.5 * limitRate));
    results.add("1 ingest", "records/s (best of 2)", Better.HIGHER, oursRate, "DuckDB Appender", n / duckSeconds,
        Results.target("ahead of DuckDB", oursRate > n / duckSeconds));
    results.add("1 ingest", "records/s (best of 2)", Better.HIGHER, oursRate, "H2 batched insert", n / h2Seconds,
        Results.target("ahead of H2", oursRate > n / h2Seconds));

    // diagnostic: the same records into a view with the SUPER column alone (one JSON_PARSE per record, no filter),
    // to separate the cost of the pipeline from the cost of the repeated SUPER navigation and casts
    StreamViewSql.execute(streamview, "CREATE MATERIALIZED VIEW clicks_super AS SELECT JSON_PARSE(kinesis_data) AS "
        + "payload FROM kds.\"clicks\"");
    double superOnly = Timing.seconds(() -> StreamViewSql.execute(streamview, "REFRESH MATERIALIZED VIEW clicks_super"));
    check("StreamView clicks_super", StreamViewSql.count(streamview, "SELECT COUNT(*) FROM clicks_super"), n);
    results.add("1 ingest, SUPER only", "records/s (diagnostic)", Better.HIGHER, n / superOnly,
        "limit: Jackson parse only", limitRate, "");

    // diagnostic: no JSON at all (one stream column), the floor the pipeline itself sets (read, evaluate, key,
    // store, commit)
    StreamViewSql.execute(streamview, "CREATE MATERIALIZED VIEW clicks_bare AS SELECT partition_key FROM kds.\"clicks\"");
    double bare = Timing.seconds(() -> StreamViewSql.execute(streamview, "REFRESH MATERIALIZED VIEW clicks_bare"));
    check("StreamView clicks_bare", StreamViewSql.count(streamview, "SELECT COUNT(*) FROM clicks_bare"), n);
    results.add("1 ingest, no JSON", "records/s (diagnostic)", Better.HIGHER, n / bare,
        "limit: Jackson parse only", limitRate, "");
  }

  /** The limit: Jackson parses every record into a tree, one thread per shard as the refresh reads. */
  private void jacksonOnly(List<byte[]> payloads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(SHARDS);
    try {
      List<Future<Long>> parts = new ArrayList<>();
      for (int s = 0; s < SHARDS; s++) {
        int shard = s;
        parts.add(pool.submit(() -> {
          long fields = 0;
          for (int i = shard; i < payloads.size(); i += SHARDS) {
            fields += mapper.readTree(payloads.get(i)).size();
          }
          return fields;
        }));
      }
      for (Future<Long> f : parts) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private void duckIngest(List<byte[]> payloads, String table) throws Exception {
    StreamViewSql.execute(duck, "CREATE OR REPLACE TABLE " + table
        + " (user_id INTEGER, event VARCHAR, page VARCHAR, price DOUBLE, payload VARCHAR)");
    try (DuckDBAppender app = duck.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA, table)) {
      int pending = 0;
      for (byte[] p : payloads) {
        JsonNode node = mapper.readTree(p);
        String event = node.path("event").asText();
        if (!event.equals("heartbeat")) {
          app.beginRow();
          app.append(node.path("user_id").asInt());
          app.append(event);
          app.append(node.path("page").asText());
          app.append(node.path("price").asDouble());
          app.append(new String(p, StandardCharsets.UTF_8));
          app.endRow();
        }
        if (++pending == COMMIT_EVERY) {
          app.flush();
          pending = 0;
        }
      }
      app.flush();
    }
  }

  private void h2Ingest(List<byte[]> payloads, String table) throws Exception {
    StreamViewSql.execute(h2, "DROP TABLE IF EXISTS " + table);
    StreamViewSql.execute(h2, "CREATE TABLE " + table
        + " (user_id INTEGER, event VARCHAR, page VARCHAR, price DOUBLE PRECISION, payload VARCHAR)");
    h2.setAutoCommit(false);
    try (PreparedStatement ps = h2.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?)")) {
      int pending = 0;
      int batched = 0;
      for (byte[] p : payloads) {
        JsonNode node = mapper.readTree(p);
        String event = node.path("event").asText();
        if (!event.equals("heartbeat")) {
          ps.setInt(1, node.path("user_id").asInt());
          ps.setString(2, event);
          ps.setString(3, node.path("page").asText());
          ps.setDouble(4, node.path("price").asDouble());
          ps.setString(5, new String(p, StandardCharsets.UTF_8));
          ps.addBatch();
          batched++;
        }
        if (++pending == COMMIT_EVERY) {
          if (batched > 0) {
            ps.executeBatch();
          }
          h2.commit();
          pending = 0;
          batched = 0;
        }
      }
      if (batched > 0) {
        ps.executeBatch();
      }
      h2.commit();
    } finally {
      h2.setAutoCommit(true);
    }
  }

  // ---------------------------------------------------------------- 2. aggregating refresh

  void aggregate() throws Exception {
    int n = size.aggregateRecords();
    System.out.println("[2 aggregate] " + n + " records into ~" + ClickRecords.USERS + " groups");
    List<byte[]> payloads = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      payloads.add(ClickRecords.payload(10_000_000L + i));
    }
    MemoryStreams.register("warm_agg", payloads.subList(0, n / 5), SHARDS);
    MemoryStreams.register("agg", payloads, SHARDS);

    StreamViewSql.execute(streamview, StreamViewSql.aggregateView("warm_agg", "warm_agg"));
    StreamViewSql.execute(streamview, "REFRESH MATERIALIZED VIEW warm_agg");
    duckAggregate(payloads.subList(0, n / 5));

    double ours = Double.MAX_VALUE;
    double duckSeconds = Double.MAX_VALUE;
    for (int round = 0; round < 2; round++) {
      String view = round == 0 ? "agg_again" : "agg";
      StreamViewSql.execute(streamview, StreamViewSql.aggregateView(view, "agg"));
      ours = Math.min(ours, Timing.seconds(() -> StreamViewSql.execute(streamview, "REFRESH MATERIALIZED VIEW " + view)));
      check("StreamView " + view + " SUM(n)", StreamViewSql.count(streamview, "SELECT SUM(n) FROM " + view), n);
      duckSeconds = Math.min(duckSeconds, Timing.seconds(() -> duckAggregate(payloads)));
      check("DuckDB agg SUM(n)", StreamViewSql.count(duck, "SELECT SUM(n) FROM agg"), n);
    }
    StreamViewSql.execute(streamview, "DROP MATERIALIZED VIEW agg_again");
    long groups = StreamViewSql.count(streamview, "SELECT COUNT(*) FROM agg");
    check("DuckDB agg groups", StreamViewSql.count(duck, "SELECT COUNT(*) FROM agg"), groups);
    results.note("aggregate: " + n + " records into " + groups + " groups");
    results.add("2 aggregate", "records/s (best of 2)", Better.HIGHER, n / ours, "DuckDB upsert per batch", n / duckSeconds,
        Results.target("≥ 1M records/s", n / ours >= 1_000_000));
  }

  /**
   * DuckDB keeps the same aggregate incrementally: each batch of {@value #COMMIT_EVERY} records is parsed with Jackson,
   * appended to a staging table, and merged into the aggregate with INSERT … ON CONFLICT DO UPDATE.
   */
  private void duckAggregate(List<byte[]> payloads) throws Exception {
    StreamViewSql.execute(duck, "CREATE OR REPLACE TABLE agg (user_id INTEGER PRIMARY KEY, n BIGINT, total DOUBLE, "
        + "lo DOUBLE, hi DOUBLE)");
    StreamViewSql.execute(duck, "CREATE OR REPLACE TABLE agg_stage (user_id INTEGER, price DOUBLE)");
    String merge = "INSERT INTO agg SELECT user_id, COUNT(*), SUM(price), MIN(price), MAX(price) FROM agg_stage "
        + "GROUP BY user_id ON CONFLICT (user_id) DO UPDATE SET n = agg.n + excluded.n, "
        + "total = agg.total + excluded.total, lo = LEAST(agg.lo, excluded.lo), hi = GREATEST(agg.hi, excluded.hi)";
    DuckDBConnection dc = duck.unwrap(DuckDBConnection.class);
    for (int from = 0; from < payloads.size(); from += COMMIT_EVERY) {
      try (DuckDBAppender app = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "agg_stage")) {
        for (byte[] p : payloads.subList(from, Math.min(payloads.size(), from + COMMIT_EVERY))) {
          JsonNode node = mapper.readTree(p);
          app.beginRow();
          app.append(node.path("user_id").asInt());
          app.append(node.path("price").asDouble());
          app.endRow();
        }
      }
      try (Statement s = duck.createStatement()) {
        s.execute(merge);
        s.execute("DELETE FROM agg_stage");
      }
    }
  }

  // ---------------------------------------------------------------- 4. queries

  void queries() throws Exception {
    System.out.println("[4 queries] on " + keptRows + " rows");
    results.note("queries: projection views of " + keptRows + " rows; aggregating view of ~" + ClickRecords.USERS
        + " groups; median of " + size.queryRuns() + " runs after 2 warm-up runs");
    StreamViewSql.execute(h2, "DROP TABLE IF EXISTS agg");
    StreamViewSql.execute(h2, "CREATE TABLE agg (user_id INTEGER PRIMARY KEY, n BIGINT, total DOUBLE PRECISION, "
        + "lo DOUBLE PRECISION, hi DOUBLE PRECISION, mean DOUBLE PRECISION)");
    StreamViewSql.execute(h2, "INSERT INTO agg SELECT user_id, COUNT(*), SUM(price), MIN(price), MAX(price), "
        + "AVG(price) FROM clicks GROUP BY user_id");
    String[][] queries = {
        {"filtered count+sum", "SELECT COUNT(*), SUM(price) FROM clicks WHERE event = 'purchase'"},
        {"group-by", "SELECT event, COUNT(*), AVG(price) FROM clicks GROUP BY event"},
        {"top-10", "SELECT user_id, page, price FROM clicks ORDER BY price DESC, user_id LIMIT 10"},
    };
    for (String[] q : queries) {
      double ours = queryMedian(streamview, q[1]);
      double h2s = queryMedian(h2, q[1]);
      double ducks = queryMedian(duck, q[1]);
      results.add("4 query " + q[0], "ms (median)", Better.LOWER, ours * 1e3, "H2 in memory", h2s * 1e3,
          Results.target("faster than H2", ours < h2s));
      results.add("4 query " + q[0], "ms (median)", Better.LOWER, ours * 1e3, "DuckDB", ducks * 1e3,
          Results.target("within 3× of DuckDB", ours <= 3 * ducks));
    }
    String lookup = "SELECT n, total, lo, hi FROM agg WHERE user_id = ?";
    double ours = lookupMedian(streamview, lookup);
    double h2s = lookupMedian(h2, lookup);
    double ducks = lookupMedian(duck, lookup);
    results.add("4 point lookup", "µs (median)", Better.LOWER, ours * 1e6, "target", 50,
        Results.target("median < 50 µs", ours * 1e6 < 50));
    results.add("4 point lookup", "µs (median)", Better.LOWER, ours * 1e6, "H2 in memory", h2s * 1e6,
        Results.target("faster than H2", ours < h2s));
    results.add("4 point lookup", "µs (median)", Better.LOWER, ours * 1e6, "DuckDB", ducks * 1e6,
        Results.target("within 3× of DuckDB", ours <= 3 * ducks));
  }

  private double queryMedian(Connection c, String sql) throws Exception {
    double[] times = new double[size.queryRuns()];
    for (int i = -2; i < times.length; i++) {
      double t = Timing.seconds(() -> drain(c, sql));
      if (i >= 0) {
        times[i] = t;
      }
    }
    return Timing.median(times);
  }

  private static void drain(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int cols = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= cols; i++) {
          rs.getObject(i);
        }
      }
    }
  }

  /** Median seconds of one prepared point lookup by a random user id (after as many warm-up lookups). */
  private double lookupMedian(Connection c, String sql) throws Exception {
    int k = size.pointLookups();
    double[] times = new double[k];
    Random random = new Random(42);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = -k; i < k; i++) {
        ps.setInt(1, random.nextInt(ClickRecords.USERS));
        long t0 = System.nanoTime();
        int rows = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rs.getLong(1);
            rows++;
          }
        }
        if (rows > 1) {
          throw new IllegalStateException("point lookup returned " + rows + " rows: " + sql);
        }
        if (i >= 0) {
          times[i] = (System.nanoTime() - t0) / 1e9;
        }
      }
    }
    return Timing.median(times);
  }

  private static void check(String what, long actual, long expected) {
    if (actual != expected) {
      throw new IllegalStateException(what + ": expected " + expected + " but found " + actual);
    }
  }

  @Override
  public void close() throws SQLException {
    for (Connection c : new Connection[] {streamview, duck, h2}) {
      if (c != null) {
        c.close();
      }
    }
  }
}
