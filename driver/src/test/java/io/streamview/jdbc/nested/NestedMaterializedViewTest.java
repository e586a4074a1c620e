package io.streamview.jdbc.nested;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.WithKinesis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Nested materialized views over streaming views, against Kinesis: a view joining a streaming view with a table
 * and aggregating, recomputed by REFRESH; {@code REFRESH … CASCADE} refreshing the streaming views first; STV_MV_DEPS;
 * AUTO REFRESH refused; the recomputed rows surviving a reopen of a file database.
 */
@WithKinesis
class NestedMaterializedViewTest {

  /** Spend per user name, computed here from the records put: what the nested view must show. */
  private final Map<String, long[]> expected = new TreeMap<>();
  private final Random random = new Random(42);

  private void put(KinesisTestStreams streams, String stream, int n) {
    List<byte[]> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int user = random.nextInt(4); // user 3 has no row in users: the inner join drops it
      int amount = random.nextInt(100);
      records.add(("{\"user\":" + user + ",\"amount\":" + amount + "}").getBytes(StandardCharsets.UTF_8));
      if (user < 3) {
        long[] e = expected.computeIfAbsent("user" + user, k -> new long[2]);
        e[0]++;
        e[1] += amount;
      }
    }
    streams.putRecords(stream, records);
  }

  private static Map<String, long[]> spend(Connection c) throws SQLException {
    Map<String, long[]> out = new TreeMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name, n, total FROM spend")) {
      while (rs.next()) {
        out.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
      }
    }
    return out;
  }

  private void assertSpend(Connection c, String when) throws SQLException {
    Map<String, long[]> actual = spend(c);
    assertEquals(expected.keySet(), actual.keySet(), when);
    expected.forEach((k, v) -> assertEquals(List.of(v[0], v[1]), List.of(actual.get(k)[0], actual.get(k)[1]),
        when + ": " + k));
  }

  private static void createViews(Statement s, String stream) throws SQLException {
    s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
    s.execute("CREATE MATERIALIZED VIEW events AS SELECT JSON_PARSE(kinesis_data) AS payload FROM kds.\"" + stream
        + "\"");
    s.execute("CREATE MATERIALIZED VIEW per_user AS SELECT json_extract_path_text(from_varbyte(kinesis_data, "
        + "'utf-8'), 'user') AS user_id, COUNT(*) AS n FROM kds.\"" + stream + "\" GROUP BY 1");
    s.execute("CREATE TABLE users (id INTEGER, name VARCHAR(20))");
    s.execute("INSERT INTO users VALUES (0, 'user0'), (1, 'user1'), (2, 'user2')");
    s.execute("CREATE MATERIALIZED VIEW spend AS SELECT u.name, COUNT(*) AS n, SUM(e.payload.amount::int) AS total "
        + "FROM events e JOIN users u ON u.id = e.payload.\"user\"::int GROUP BY u.name");
  }

  @Test
  void aViewJoiningAStreamingViewWithATableIsRecomputedByCascade(KinesisEndpoint endpoint,
                                                                 KinesisTestStreams streams) throws Exception {
    String stream = streams.create("nested", 3);
    put(streams, stream, 200);
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:" + endpoint.jdbcProperties());
         Statement s = c.createStatement()) {
      createViews(s, stream);
      assertEquals(Map.of(), spend(c), "created over an empty streaming view");

      s.execute("REFRESH MATERIALIZED VIEW spend");
      assertEquals(Map.of(), spend(c), "without CASCADE the streaming view is not read");

      s.execute("REFRESH MATERIALIZED VIEW spend CASCADE");
      assertSpend(c, "after the first cascade");

      for (int round = 0; round < 2; round++) {
        put(streams, stream, 50 + round * 25);
        s.execute("REFRESH MATERIALIZED VIEW spend CASCADE");
        assertSpend(c, "round " + round);
      }
      s.execute("REFRESH MATERIALIZED VIEW spend CASCADE");
      assertSpend(c, "a cascade with nothing new");

      try (ResultSet rs = s.executeQuery("SELECT name, ref_name FROM stv_mv_deps ORDER BY ref_name")) {
        assertTrue(rs.next());
        assertEquals(List.of("spend", "events"), List.of(rs.getString(1).strip(), rs.getString(2).strip()));
        assertTrue(!rs.next(), "per_user is not read by spend; the streaming views read only the stream");
      }
      try (ResultSet rs = s.executeQuery("SELECT mv_name, status FROM sys_mv_refresh_history "
          + "WHERE mv_name = 'spend' AND status LIKE '%from scratch' ")) {
        int n = 0;
        while (rs.next()) {
          n++;
        }
        assertEquals(5, n, "each refresh of spend recomputed it");
      }
      SQLException auto = assertThrows(SQLException.class,
          () -> s.execute("ALTER MATERIALIZED VIEW spend AUTO REFRESH YES"));
      assertEquals("0A000", auto.getSQLState());
      assertEquals("Auto-refresh is not supported for materialized views defined on other materialized views.",
          auto.getMessage());
    }
  }

  @Test
  void recomputedRowsSurviveAReopenAndTheViewKeepsRefreshing(@TempDir Path dir, KinesisEndpoint endpoint,
                                                            KinesisTestStreams streams) throws Exception {
    String stream = streams.create("nested-file", 2);
    put(streams, stream, 120);
    String url = "jdbc:streamview:file:" + dir.resolve("db") + endpoint.jdbcProperties();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      createViews(s, stream);
      s.execute("REFRESH MATERIALIZED VIEW spend CASCADE");
      assertSpend(c, "before the reopen");
    }
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      assertSpend(c, "after the reopen, before any refresh");
      put(streams, stream, 40);
      s.execute("REFRESH MATERIALIZED VIEW events");
      s.execute("REFRESH MATERIALIZED VIEW spend");
      assertSpend(c, "after the reopen and a refresh");
      assertEquals(1, storeFiles(dir, "mv-spend-"), "each recomputation replaced the store before it");
      s.execute("DROP MATERIALIZED VIEW events CASCADE");
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM stv_mv_info")) {
        rs.next();
        assertEquals(1, rs.getInt(1), "spend went with events; per_user stays");
      }
    }
    assertEquals(0, storeFiles(dir, "mv-spend-"), "the dropped view's store is gone");
  }

  private static long storeFiles(Path dir, String prefix) throws java.io.IOException {
    try (var files = java.nio.file.Files.walk(dir.resolve("db"))) {
      return files.filter(p -> p.getFileName().toString().startsWith(prefix)
          && p.getFileName().toString().endsWith(".cm3")).count();
    }
  }
}
