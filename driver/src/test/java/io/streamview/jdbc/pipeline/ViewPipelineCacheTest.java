package io.streamview.jdbc.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.engine.database.Database;
import io.streamview.engine.refresh.ViewPipeline;
import io.streamview.engine.source.ShardBatch;
import io.streamview.engine.source.ShardCheckpoint;
import io.streamview.engine.source.StartPosition;
import io.streamview.engine.source.StreamRecord;
import io.streamview.jdbc.ConnectionDatabases;
import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.WithKinesis;

import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A streaming view's refresh pipeline is compiled once and kept from one REFRESH to the next; it is compiled anew
 * when the view is dropped and created again with another query, after a failed refresh, and it is closed when its
 * view is dropped and when the database closes. Against the harness's Kinesis endpoint.
 */
@WithKinesis
class ViewPipelineCacheTest {

  private static final String BODY = "from_varbyte(kinesis_data, 'utf-8')";

  @Test
  void aProjectionViewKeepsItsPipelineAcrossRefreshesAndDropRecreateFollowsTheNewQuery(KinesisEndpoint endpoint,
      KinesisTestStreams streams) throws Exception {
    String stream = streams.create("cache", 2);
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:pipeline-cache-1"
        + endpoint.jdbcProperties()); Statement s = c.createStatement()) {
      Database db = database(c);
      s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
      s.execute("CREATE MATERIALIZED VIEW v AS SELECT " + BODY + " AS body FROM kds.\"" + stream + "\"");
      ViewPipeline first = ViewPipelineCache.of(db).kept("public.v");
      assertNotNull(first, "CREATE keeps the pipeline it compiled to find the view's columns");

      streams.putStrings(stream, "a", "b");
      s.execute("REFRESH MATERIALIZED VIEW v");
      assertSame(first, ViewPipelineCache.of(db).kept("public.v"), "the first REFRESH uses the pipeline of CREATE");
      assertEquals(List.of("a", "b"), strings(s, "SELECT body FROM v ORDER BY body"));

      streams.putStrings(stream, "c");
      s.execute("REFRESH MATERIALIZED VIEW v");
      s.execute("REFRESH MATERIALIZED VIEW v"); // no new data
      assertSame(first, ViewPipelineCache.of(db).kept("public.v"), "later refreshes reuse the compiled pipeline");
      assertEquals(List.of("a", "b", "c"), strings(s, "SELECT body FROM v ORDER BY body"));

      s.execute("DROP MATERIALIZED VIEW v");
      assertNull(ViewPipelineCache.of(db).kept("public.v"), "DROP forgets the view's pipeline");
      assertClosed(first, stream);

      // same name, another query over the same stream: the next refresh compiles the new query
      s.execute("CREATE MATERIALIZED VIEW v AS SELECT UPPER(" + BODY + ") || '!' AS body FROM kds.\"" + stream
          + "\" WHERE " + BODY + " <> 'b'");
      streams.putStrings(stream, "d");
      s.execute("REFRESH MATERIALIZED VIEW v");
      ViewPipeline second = ViewPipelineCache.of(db).kept("public.v");
      assertNotNull(second);
      assertNotSame(first, second);
      assertEquals(List.of("A!", "C!", "D!"), strings(s, "SELECT body FROM v ORDER BY body"));
      s.execute("DROP MATERIALIZED VIEW v");
      s.execute("DROP SCHEMA kds");
    }
  }

  @Test
  void anAggregatingViewKeepsItsPipelineAndDropSchemaCascadeClosesIt(KinesisEndpoint endpoint,
      KinesisTestStreams streams) throws Exception {
    String stream = streams.create("cache-agg", 2);
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:pipeline-cache-2"
        + endpoint.jdbcProperties()); Statement s = c.createStatement()) {
      Database db = database(c);
      s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
      s.execute("CREATE MATERIALIZED VIEW counts AS SELECT " + BODY + " AS word, COUNT(*) AS n FROM kds.\""
          + stream + "\" GROUP BY 1");
      ViewPipeline first = ViewPipelineCache.of(db).kept("public.counts");
      assertNotNull(first, "CREATE keeps the aggregating pipeline it compiled to check the query");
      streams.putStrings(stream, "x", "y", "x");
      s.execute("REFRESH MATERIALIZED VIEW counts");
      assertSame(first, ViewPipelineCache.of(db).kept("public.counts"));
      streams.putStrings(stream, "x", "z");
      s.execute("REFRESH MATERIALIZED VIEW counts");
      assertSame(first, ViewPipelineCache.of(db).kept("public.counts"));
      assertEquals(List.of("x=3", "y=1", "z=1"), strings(s, "SELECT word || '=' || n FROM counts ORDER BY word"));

      s.execute("DROP SCHEMA kds CASCADE");
      assertNull(ViewPipelineCache.of(db).kept("public.counts"), "DROP SCHEMA … CASCADE forgets its views' pipelines");
    }
  }

  @Test
  void aFailedRefreshDiscardsThePipeline(KinesisEndpoint endpoint, KinesisTestStreams streams) throws Exception {
    String stream = streams.create("cache-fail", 1);
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:pipeline-cache-3"
        + endpoint.jdbcProperties()); Statement s = c.createStatement()) {
      Database db = database(c);
      s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
      s.execute("CREATE MATERIALIZED VIEW nums AS SELECT CAST(" + BODY + " AS INTEGER) AS n FROM kds.\""
          + stream + "\"");
      streams.putStrings(stream, "1", "2");
      s.execute("REFRESH MATERIALIZED VIEW nums");
      ViewPipeline first = ViewPipelineCache.of(db).kept("public.nums");
      assertNotNull(first);

      streams.putStrings(stream, "not a number");
      assertThrows(SQLException.class, () -> s.execute("REFRESH MATERIALIZED VIEW nums"));
      assertNull(ViewPipelineCache.of(db).kept("public.nums"), "a failed refresh closes the pipeline it used");
      assertClosed(first, stream);
      assertEquals(List.of("1", "2"), strings(s, "SELECT n FROM nums ORDER BY n"));
    }
  }

  @Test
  void refreshesOfDifferentViewsOnTwoConnectionsRunTogether(KinesisEndpoint endpoint, KinesisTestStreams streams)
      throws Exception {
    String stream = streams.create("cache-two", 2);
    String url = "jdbc:streamview:mem:pipeline-cache-4" + endpoint.jdbcProperties();
    List<String> words = new ArrayList<>();
    try (Connection a = DriverManager.getConnection(url); Connection b = DriverManager.getConnection(url);
         Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      sa.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
      sa.execute("CREATE MATERIALIZED VIEW lower_words AS SELECT LOWER(" + BODY + ") AS w FROM kds.\"" + stream
          + "\"");
      sb.execute("CREATE MATERIALIZED VIEW word_counts AS SELECT UPPER(" + BODY + ") AS w, COUNT(*) AS n FROM kds.\""
          + stream + "\" GROUP BY 1");
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        for (int round = 0; round < 4; round++) {
          String word = "Word" + round;
          streams.putStrings(stream, word, word);
          words.add(word);
          Callable<Boolean> ra = () -> sa.execute("REFRESH MATERIALIZED VIEW lower_words");
          Callable<Boolean> rb = () -> sb.execute("REFRESH MATERIALIZED VIEW word_counts");
          List<Future<Boolean>> done = pool.invokeAll(List.of(ra, rb));
          for (Future<Boolean> f : done) {
            f.get();
          }
        }
      } finally {
        pool.shutdownNow();
      }
      List<String> lower = new ArrayList<>();
      List<String> counted = new ArrayList<>();
      for (String w : words) {
        lower.add(w.toLowerCase());
        lower.add(w.toLowerCase());
        counted.add(w.toUpperCase() + "=2");
      }
      assertEquals(lower, strings(sa, "SELECT w FROM lower_words ORDER BY w"));
      assertEquals(counted, strings(sb, "SELECT w || '=' || n FROM word_counts ORDER BY w"));
      Database db = database(a);
      assertNotNull(ViewPipelineCache.of(db).kept("public.lower_words"));
      assertNotNull(ViewPipelineCache.of(db).kept("public.word_counts"));
    }
  }

  @Test
  void closingTheDatabaseClosesItsPipelines(KinesisEndpoint endpoint, KinesisTestStreams streams,
                                           @TempDir Path dir) throws Exception {
    String stream = streams.create("cache-close", 1);
    ViewPipeline kept;
    Database db;
    String url = "jdbc:streamview:file:" + dir.resolve("db") + endpoint.jdbcProperties();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      db = database(c);
      s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
      s.execute("CREATE MATERIALIZED VIEW v AS SELECT " + BODY + " AS body FROM kds.\"" + stream + "\"");
      streams.putStrings(stream, "kept");
      s.execute("REFRESH MATERIALIZED VIEW v");
      kept = ViewPipelineCache.of(db).kept("public.v");
      assertNotNull(kept);
    }
    assertTrue(db.isClosed(), "the last connection of a directory database closes it");
    assertClosed(kept, stream);
    assertThrows(IllegalStateException.class, () -> ViewPipelineCache.of(db));

    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      streams.putStrings(stream, "again");
      s.execute("REFRESH MATERIALIZED VIEW v"); // the reopened database compiles the view again
      assertEquals(List.of("again", "kept"), strings(s, "SELECT body FROM v ORDER BY body"));
    }
  }

  /** A closed pipeline cannot evaluate a batch any more (its internal connection is closed). */
  private static void assertClosed(ViewPipeline pipeline, String stream) {
    StreamRecord r = new StreamRecord("shardId-000000000000", "49590338271490256608559692538361571095921575989136588898",
        0, "k", Instant.now(), "z".getBytes(StandardCharsets.UTF_8));
    ShardBatch batch = new ShardBatch("shardId-000000000000", List.of(r), new ShardCheckpoint("shardId-000000000000",
        StartPosition.afterSequenceNumber(r.sequenceNumber()), false), 0, 1);
    assertThrows(RuntimeException.class, () -> pipeline.apply(batch, Instant.now()),
        "a closed pipeline of " + stream + " must not evaluate batches");
  }

  private static Database database(Connection c) throws SQLException {
    return ConnectionDatabases.of(c.unwrap(CalciteConnection.class).getRootSchema());
  }

  private static List<String> strings(Statement s, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
