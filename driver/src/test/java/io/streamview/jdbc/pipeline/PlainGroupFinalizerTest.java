package io.streamview.jdbc.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.catalog.ColumnDef;
import io.streamview.catalog.MaterializedViewDef;
import io.streamview.engine.database.Database;
import io.streamview.engine.source.ShardBatch;
import io.streamview.engine.source.ShardCheckpoint;
import io.streamview.engine.source.StartPosition;
import io.streamview.engine.source.StreamRecord;
import io.streamview.engine.storage.RowCodec;
import io.streamview.engine.storage.RowStore;
import io.streamview.engine.storage.StorageEngine;
import io.streamview.jdbc.ConnectionDatabases;
import io.streamview.jdbc.ddl.SqlParsing;
import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.WithKinesis;

import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * {@link PlainGroupFinalizer} stores exactly what the final-values query ({@link CalciteGroupFinalizer}) stores: the
 * same batches written through both pipelines of a view leave byte-for-byte equal stores, for views of every type
 * the plain path takes (SMALLINT, INTEGER, BIGINT, REAL, DOUBLE PRECISION, BOOLEAN, VARCHAR keys and aggregates, AVG
 * of doubles, NULLs, a view without GROUP BY); views it must not take keep the query.
 */
@WithKinesis
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlainGroupFinalizerTest {

  private static final String J = "JSON_PARSE(kinesis_data)";

  private String stream;
  private Connection connection;
  private Database db;
  private StorageEngine storage;

  @BeforeAll
  void open(KinesisEndpoint endpoint, KinesisTestStreams streams) throws Exception {
    stream = streams.create("plain", 1); // the views' stream must exist; the batches are made here
    connection = DriverManager.getConnection("jdbc:streamview:mem:plain_finalizer" + endpoint.jdbcProperties());
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
    }
    db = ConnectionDatabases.of(connection.unwrap(CalciteConnection.class).getRootSchema());
    storage = StorageEngine.inMemory();
  }

  @AfterAll
  void close() throws Exception {
    storage.close();
    connection.close();
  }

  @Test
  void theBenchmarksViewIsEqual() throws Exception {
    assertSameStores("bench", "SELECT " + J + ".user_id::int AS user_id, COUNT(*) AS n, "
        + "SUM(" + J + ".price::float8) AS total, MIN(" + J + ".price::float8) AS lo, "
        + "MAX(" + J + ".price::float8) AS hi, AVG(" + J + ".price::float8) AS mean "
        + "FROM kds.\"" + stream + "\" GROUP BY 1", true);
  }

  @Test
  void everyPlainTypeIsEqual() throws Exception {
    assertSameStores("types", "SELECT " + J + ".page::varchar AS page, " + J + ".user_id::bigint AS u, "
        + "(" + J + ".user_id::int > 20) AS big, COUNT(" + J + ".price) AS priced, "
        + "SUM(" + J + ".user_id::bigint) AS su, MIN(" + J + ".user_id::smallint) AS mi, "
        + "MAX(" + J + ".price::real) AS mr, SUM(" + J + ".price::real) AS sr, SUM(" + J + ".user_id::int) AS si, "
        + "MIN(" + J + ".event::varchar) AS me, MAX(" + J + ".user_id::int > 30) AS mb, "
        + "AVG(" + J + ".price::float8) AS ap, AVG(" + J + ".price::float8) AS ap2 "
        + "FROM kds.\"" + stream + "\" GROUP BY 1, 2, 3", true);
  }

  @Test
  void aWholeStreamAggregateIsEqual() throws Exception {
    assertSameStores("whole", "SELECT COUNT(*) AS n, SUM(" + J + ".price::float8) AS total, "
        + "AVG(" + J + ".price::float8) AS mean FROM kds.\"" + stream + "\" WHERE " + J + ".event::varchar <> 'buy'", true);
  }

  @Test
  void otherViewsKeepTheQuery() throws Exception {
    assertSameStores("with_having", "SELECT " + J + ".user_id::int AS user_id, COUNT(*) AS n FROM kds.\"" + stream + "\" "
        + "GROUP BY 1 HAVING COUNT(*) > 1", false);
    assertSameStores("over_count", "SELECT " + J + ".user_id::int AS user_id, COUNT(*) + 1 AS n FROM kds.\"" + stream + "\" "
        + "GROUP BY 1", false);
    assertSameStores("int_avg", "SELECT " + J + ".page::varchar AS page, AVG(" + J + ".user_id::int) AS a "
        + "FROM kds.\"" + stream + "\" GROUP BY 1", false);
    assertSameStores("decimal_sum", "SELECT " + J + ".page::varchar AS page, SUM(" + J + ".price::decimal(12, 2)) AS a "
        + "FROM kds.\"" + stream + "\" GROUP BY 1", false);
  }

  /** Writes the same batches through both pipelines of {@code sql} and compares the stores byte for byte. */
  private void assertSameStores(String name, String sql, boolean plainExpected) throws Exception {
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE MATERIALIZED VIEW " + name + " AS " + sql);
    }
    MaterializedViewDef mv = db.catalog().current().materializedViews().get("public." + name);
    StreamingQuery query = StreamingQueryAnalyzer.analyze(name, SqlParsing.parse(mv.sql()), db.catalog().current());
    List<ColumnDef> columns = mv.columns();
    RowStore plainStore = storage.open(name + "_plain");
    RowStore calciteStore = storage.open(name + "_calcite");
    try (AggregatingViewPipeline plain = AggregatingViewPipeline.open(db, query, columns, true);
         AggregatingViewPipeline calcite = AggregatingViewPipeline.open(db, query, columns, false)) {
      assertEquals(plainExpected, plain.computesColumnsWithoutSql(), name);
      assertFalse(calcite.computesColumnsWithoutSql());
      plain.begin(plainStore);
      calcite.begin(calciteStore);
      Random random = new Random(name.hashCode());
      long[] next = new long[2];
      for (int b = 0; b < 12; b++) {
        int shard = random.nextInt(2);
        ShardBatch batch = batch(shard, next[shard], 1 + random.nextInt(300), random);
        next[shard] += batch.records().size();
        plain.write(batch, Instant.EPOCH, plainStore);
        calcite.write(batch, Instant.EPOCH, calciteStore);
        assertEquals(contents(calciteStore), contents(plainStore), name + ", batch " + b);
      }
      assertTrue(plainStore.size() > 0);
      plain.end();
      calcite.end();
    }
  }

  private static ShardBatch batch(int shard, long from, int size, Random random) {
    String shardId = "shardId-00000000000" + shard;
    List<StreamRecord> records = new ArrayList<>();
    for (long i = from; i < from + size; i++) {
      StringBuilder json = new StringBuilder("{");
      if (random.nextInt(12) != 0) {
        json.append("\"user_id\":").append(random.nextInt(60)).append(',');
      }
      if (random.nextInt(8) != 0) {
        double price = random.nextInt(5) == 0 ? random.nextInt(1000) : random.nextDouble() * 1e4 - 3e3;
        json.append("\"price\":").append(random.nextInt(20) == 0 ? "1e300" : Double.toString(price)).append(',');
      }
      json.append("\"page\":\"/p").append(random.nextInt(5)).append("\",");
      json.append("\"event\":\"").append(random.nextBoolean() ? "buy" : "view").append("\"}");
      String seq = "4965" + String.format("%052d", 1_000_000L + i * 13L);
      records.add(new StreamRecord(shardId, seq, 0, "pk" + i, Instant.ofEpochMilli(1_700_000_000_000L + i),
          json.toString().getBytes(StandardCharsets.UTF_8)));
    }
    String last = records.get(records.size() - 1).sequenceNumber();
    return new ShardBatch(shardId, records, new ShardCheckpoint(shardId, StartPosition.afterSequenceNumber(last),
        false), 0, 0);
  }

  private static Map<String, String> contents(RowStore store) {
    Map<String, String> out = new TreeMap<>();
    store.forEach((key, row) -> out.put(HexFormat.of().formatHex(key), HexFormat.of().formatHex(RowCodec.encode(row))));
    return out;
  }
}
