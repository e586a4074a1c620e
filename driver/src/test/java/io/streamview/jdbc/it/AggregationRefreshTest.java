package io.streamview.jdbc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.catalog.MaterializedViewDef;
import io.streamview.catalog.ShardPositionDef;
import io.streamview.engine.database.Database;
import io.streamview.engine.refresh.ViewPipeline;
import io.streamview.engine.source.ShardBatch;
import io.streamview.engine.source.ShardCheckpoint;
import io.streamview.engine.source.StartPosition;
import io.streamview.engine.source.StreamRecord;
import io.streamview.engine.storage.RowStore;
import io.streamview.jdbc.ConnectionDatabases;
import io.streamview.jdbc.ddl.SqlParsing;
import io.streamview.jdbc.pipeline.StreamingQuery;
import io.streamview.jdbc.pipeline.StreamingQueryAnalyzer;
import io.streamview.jdbc.pipeline.ViewPipelines;
import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.WithKinesis;

import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

/**
 * Aggregating streaming views against a real Kinesis endpoint: after every round of puts and refreshes each view
 * equals a full recomputation over the same records — computed in plain Java from what the test put, and by
 * Calcite from a projection view of the raw records — also after positions are rewound (as when a refresh dies after
 * merging groups but before committing its positions) and after batches were merged twice.
 */
@WithKinesis
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AggregationRefreshTest {

  private static final String JSON = "from_varbyte(kinesis_data, 'utf-8')";
  private static final List<String> VIEWS = List.of("by_user", "by_key", "whole", "per_minute", "raw");

  private KinesisClient client;
  private String stream;
  private Connection connection;
  private Statement s;
  private final Random random = new Random(20261127);
  private final List<Put> puts = new ArrayList<>();
  private int serial;

  /** One record the test put: its partition key, the shard Kinesis chose, its JSON fields (null: not JSON). */
  private record Put(String partitionKey, String shardId, String user, Integer amount, BigDecimal price, String tag,
                     boolean opt, boolean json) {
  }

  @BeforeAll
  void open(KinesisEndpoint endpoint, KinesisTestStreams streams) throws SQLException {
    client = endpoint.client();
    stream = streams.create("agg", 3);
    connection = DriverManager.getConnection("jdbc:streamview:mem:aggregation-refresh" + endpoint.jdbcProperties());
    s = connection.createStatement();
    s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
    String from = " FROM kds.\"" + stream + "\"";
    String valid = " WHERE is_valid_json(" + JSON + ")";
    s.execute("CREATE MATERIALIZED VIEW by_user AS SELECT " + field("user") + " AS usr, COUNT(*) AS n, "
        + "COUNT(" + field("opt") + ") AS with_opt, SUM(CAST(" + field("amount") + " AS BIGINT)) AS total, "
        + "MIN(CAST(" + field("amount") + " AS INTEGER)) AS lo, MAX(" + field("tag") + ") AS last_tag, "
        + "AVG(CAST(" + field("amount") + " AS INTEGER)) AS avg_amount, "
        + "AVG(CAST(" + field("price") + " AS DECIMAL(10, 2))) AS avg_price"
        + from + valid + " GROUP BY " + field("user"));
    s.execute("CREATE MATERIALIZED VIEW by_key AS SELECT PartitionKey, k.shard_id, COUNT(*), "
        + "SUM(CAST(" + field("amount") + " AS BIGINT)) AS total, MAX(Data) AS biggest" + from + " AS k" + valid
        + " GROUP BY 1, 2 HAVING total IS NOT NULL AND count(*) >= 3");
    s.execute("CREATE MATERIALIZED VIEW whole AS SELECT COUNT(*) AS records, "
        + "SUM(CASE WHEN is_valid_json(" + JSON + ") THEN 1 ELSE 0 END) AS valid, "
        + "MIN(k.sequence_number) IS NOT NULL AS seen, COALESCE(MAX(" + field("nope") + "), 'none') AS nothing"
        + from + " AS k");
    s.execute("CREATE MATERIALIZED VIEW per_minute AS SELECT DATE_TRUNC('minute', approximate_arrival_timestamp) AS "
        + "bucket, CAST(approximate_arrival_timestamp AS DATE) AS arrival_day, COUNT(*) AS n, "
        + "SUM(CAST(" + field("amount") + " AS BIGINT)) / COUNT(*) AS mean_amount, "
        + "MAX(CAST(" + field("price") + " AS DECIMAL(10, 2))) - MIN(CAST(" + field("price")
        + " AS DECIMAL(10, 2))) AS price_range" + from + valid
        + " GROUP BY DATE_TRUNC('minute', approximate_arrival_timestamp), CAST(approximate_arrival_timestamp AS DATE)");
    s.execute("CREATE MATERIALIZED VIEW raw AS SELECT approximate_arrival_timestamp AS ts, partition_key, shard_id, "
        + JSON + " AS body" + from + valid);
  }

  @AfterAll
  void close() throws SQLException {
    if (connection != null) {
      connection.close();
    }
  }

  private static String field(String name) {
    return "json_extract_path_text(" + JSON + ", '" + name + "')";
  }

  @Test
  @Order(1)
  void viewsAreNamedAsRedshiftNamesThem() throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT * FROM by_key")) {
      ResultSetMetaData md = rs.getMetaData();
      assertEquals("partitionkey", md.getColumnLabel(1));
      assertEquals("shard_id", md.getColumnLabel(2));
      assertEquals("count", md.getColumnLabel(3));
      assertEquals("biggest", md.getColumnLabel(5));
      assertFalse(rs.next(), "nothing refreshed yet");
    }
    refreshAll();
    assertEquals(List.of(java.util.Arrays.asList("0", null, "false", "none")), rows("SELECT * FROM whole"),
        "a whole-stream aggregate has its row before any record");
  }

  @Test
  @Order(2)
  void everyRefreshEqualsAFullRecomputation() throws SQLException {
    for (int round = 0; round < 2; round++) {
      put(70, 4);
      refreshAll();
      assertAllEqualRecomputation();
    }
    refreshAll(); // nothing new
    assertAllEqualRecomputation();
  }

  @Test
  @Order(3)
  void aRefreshThatDiedBeforeCommittingItsPositionsCountsNothingTwice() throws SQLException {
    Database db = database();
    Map<String, Map<String, ShardPositionDef>> before = new HashMap<>();
    for (String v : VIEWS) {
      before.put(v, db.positions().load("public." + v));
    }
    put(60, 3);
    refreshAll();
    // as if the process had died after merging those batches but before their positions were committed
    for (String v : VIEWS) {
      db.positions().commitAll("public." + v, before.get(v).values());
    }
    put(40, 2); // and the next read of those shards brings more records than the first: other batch boundaries
    refreshAll();
    assertAllEqualRecomputation();
    // and from the very beginning of the stream
    for (String v : VIEWS) {
      db.positions().drop("public." + v);
    }
    refreshAll();
    assertAllEqualRecomputation();
  }

  @Test
  @Order(4)
  void batchesMergedTwiceBeforeTheFirstRefreshCountOnce() throws Exception {
    s.execute("CREATE MATERIALIZED VIEW replayed AS " + definition("by_user"));
    Database db = database();
    MaterializedViewDef mv = db.catalog().current().materializedViews().get("public.replayed");
    StreamingQuery query = StreamingQueryAnalyzer.analyze("replayed", SqlParsing.parse(mv.sql()),
        db.catalog().current());
    RowStore store = db.storage().open(mv.storeName());
    try (ViewPipeline pipeline = ViewPipelines.open(db, query, mv.columns())) {
      pipeline.begin(store);
      for (Shard shard : client.listShards(b -> b.streamName(stream)).shards()) {
        ShardBatch batch = readWholeShard(shard.shardId());
        if (!batch.records().isEmpty()) {
          pipeline.write(batch, Instant.now(), store);
          pipeline.write(batch, Instant.now(), store);
        }
      }
    }
    assertEquals(rows("SELECT * FROM by_user"), rows("SELECT * FROM replayed"));
    s.execute("REFRESH MATERIALIZED VIEW replayed"); // reads every record again: its position was never committed
    s.execute("REFRESH MATERIALIZED VIEW by_user");
    assertEquals(expectedByUser(), rows("SELECT * FROM replayed"));
  }

  private String definition(String view) {
    return database().catalog().current().materializedViews().get("public." + view).sql();
  }

  private ShardBatch readWholeShard(String shardId) {
    String iterator = client.getShardIterator(b -> b.streamName(stream).shardId(shardId)
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    List<StreamRecord> records = new ArrayList<>();
    for (int i = 0; i < 100 && iterator != null; i++) {
      String it = iterator;
      GetRecordsResponse r = client.getRecords(b -> b.shardIterator(it));
      for (Record rec : r.records()) {
        records.add(new StreamRecord(shardId, rec.sequenceNumber(), 0, rec.partitionKey(),
            rec.approximateArrivalTimestamp(), rec.data().asByteArray()));
      }
      if (r.records().isEmpty() && Objects.equals(r.millisBehindLatest(), 0L)) {
        break;
      }
      iterator = r.nextShardIterator();
    }
    String last = records.isEmpty() ? null : records.get(records.size() - 1).sequenceNumber();
    return new ShardBatch(shardId, records, new ShardCheckpoint(shardId,
        last == null ? StartPosition.TRIM_HORIZON : StartPosition.afterSequenceNumber(last), false), 0, 0);
  }

  private Database database() {
    try {
      return ConnectionDatabases.of(connection.unwrap(CalciteConnection.class).getRootSchema());
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void refreshAll() throws SQLException {
    for (String v : VIEWS) {
      s.execute("REFRESH MATERIALIZED VIEW " + v);
    }
  }

  private void assertAllEqualRecomputation() throws SQLException {
    assertEquals(expectedByUser(), rows("SELECT * FROM by_user"), "by_user against plain Java");
    assertEquals(expectedByKey(), rows("SELECT partitionkey, shard_id, \"count\", total FROM by_key"),
        "by_key against plain Java");
    long valid = puts.stream().filter(Put::json).count();
    assertEquals(List.of(List.of(String.valueOf(puts.size()), String.valueOf(valid), String.valueOf(!puts.isEmpty()),
        "none")),
        rows("SELECT * FROM whole"), "whole against plain Java");
    String body = "body";
    assertEquals(rows("SELECT " + rawField(body, "user") + " AS usr, COUNT(*), COUNT(" + rawField(body, "opt")
            + "), SUM(CAST(" + rawField(body, "amount") + " AS BIGINT)), MIN(CAST(" + rawField(body, "amount")
            + " AS INTEGER)), MAX(" + rawField(body, "tag") + "), AVG(CAST(" + rawField(body, "amount")
            + " AS INTEGER)), AVG(CAST(" + rawField(body, "price") + " AS DECIMAL(10, 2))) FROM raw GROUP BY "
            + rawField(body, "user")),
        rows("SELECT * FROM by_user"), "by_user against Calcite over the raw records");
    assertEquals(rows("SELECT FLOOR(ts TO MINUTE), CAST(ts AS DATE), COUNT(*), SUM(CAST(" + rawField(body, "amount")
            + " AS BIGINT)) / COUNT(*), MAX(CAST(" + rawField(body, "price") + " AS DECIMAL(10, 2))) - MIN(CAST("
            + rawField(body, "price") + " AS DECIMAL(10, 2))) FROM raw GROUP BY FLOOR(ts TO MINUTE), CAST(ts AS DATE)"),
        rows("SELECT * FROM per_minute"), "per_minute against Calcite over the raw records");
  }

  private static String rawField(String column, String name) {
    return "json_extract_path_text(" + column + ", '" + name + "')";
  }

  private List<List<String>> expectedByUser() {
    Map<String, List<Put>> byUser = new TreeMap<>(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
    puts.stream().filter(Put::json).forEach(p -> byUser.computeIfAbsent(p.user(), k -> new ArrayList<>()).add(p));
    List<List<String>> out = new ArrayList<>();
    byUser.forEach((user, ps) -> {
      long sum = ps.stream().mapToLong(Put::amount).sum();
      int min = ps.stream().mapToInt(Put::amount).min().orElseThrow();
      String tag = ps.stream().map(Put::tag).max(String::compareTo).orElseThrow();
      BigDecimal prices = ps.stream().map(Put::price).reduce(BigDecimal.ZERO, BigDecimal::add);
      out.add(java.util.Arrays.asList(user, String.valueOf(ps.size()),
          String.valueOf(ps.stream().filter(Put::opt).count()), String.valueOf(sum), String.valueOf(min), tag,
          String.valueOf((int) (sum / ps.size())),
          prices.divide(BigDecimal.valueOf(ps.size()), 2, RoundingMode.DOWN).toPlainString()));
    });
    return sorted(out);
  }

  private List<List<String>> expectedByKey() {
    Map<List<String>, List<Put>> byKey = new HashMap<>();
    puts.stream().filter(Put::json).forEach(p -> byKey.computeIfAbsent(List.of(p.partitionKey(), p.shardId()),
        k -> new ArrayList<>()).add(p));
    List<List<String>> out = new ArrayList<>();
    byKey.forEach((key, ps) -> {
      if (ps.size() >= 3) {
        out.add(List.of(key.get(0), key.get(1), String.valueOf(ps.size()),
            String.valueOf(ps.stream().mapToLong(Put::amount).sum())));
      }
    });
    return sorted(out);
  }

  /** The rows of a query as text (CHAR values trimmed), sorted. */
  private List<List<String>> rows(String sql) throws SQLException {
    List<List<String>> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          row.add(v == null ? null : v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b)
              : v instanceof BigDecimal d ? d.toPlainString() : v.toString().trim());
        }
        out.add(row);
      }
    }
    return sorted(out);
  }

  private static List<List<String>> sorted(List<List<String>> rows) {
    List<List<String>> out = new ArrayList<>(rows);
    out.sort(java.util.Comparator.comparing(Object::toString));
    return out;
  }

  /** Puts {@code json} JSON records (some without a user, some with "opt") and {@code broken} non-JSON ones. */
  private void put(int json, int broken) {
    List<Put> batch = new ArrayList<>();
    List<byte[]> payloads = new ArrayList<>();
    for (int i = 0; i < json + broken; i++) {
      String key = "pk-" + random.nextInt(6);
      if (i >= json) {
        batch.add(new Put(key, null, null, null, null, null, false, false));
        payloads.add(("{\"broken\": " + serial++).getBytes(StandardCharsets.UTF_8));
        continue;
      }
      String user = random.nextInt(12) == 0 ? null : "u" + random.nextInt(5);
      int amount = random.nextInt(600) - 100;
      BigDecimal price = BigDecimal.valueOf(random.nextInt(10_000), 2);
      String tag = "t" + random.nextInt(40);
      boolean opt = random.nextInt(3) == 0;
      batch.add(new Put(key, null, user, amount, price, tag, opt, true));
      payloads.add(("{" + (user == null ? "" : "\"user\":\"" + user + "\",") + "\"amount\":" + amount
          + ",\"price\":" + price.toPlainString() + ",\"tag\":\"" + tag + "\"" + (opt ? ",\"opt\":\"y\"" : "")
          + ",\"n\":" + serial++ + "}").getBytes(StandardCharsets.UTF_8));
    }
    List<Integer> pending = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      pending.add(i);
    }
    for (int attempt = 0; !pending.isEmpty(); attempt++) {
      assertTrue(attempt < 30, "records still refused after 30 attempts");
      List<PutRecordsRequestEntry> entries = new ArrayList<>();
      for (int i : pending) {
        entries.add(PutRecordsRequestEntry.builder().partitionKey(batch.get(i).partitionKey())
            .data(SdkBytes.fromByteArray(payloads.get(i))).build());
      }
      PutRecordsResponse r = client.putRecords(b -> b.streamName(stream).records(entries));
      List<Integer> failed = new ArrayList<>();
      for (int j = 0; j < r.records().size(); j++) {
        PutRecordsResultEntry e = r.records().get(j);
        int i = pending.get(j);
        if (e.errorCode() != null) {
          failed.add(i);
        } else {
          Put p = batch.get(i);
          batch.set(i, new Put(p.partitionKey(), e.shardId(), p.user(), p.amount(), p.price(), p.tag(), p.opt(),
              p.json()));
        }
      }
      pending = failed;
    }
    puts.addAll(batch);
  }
}
