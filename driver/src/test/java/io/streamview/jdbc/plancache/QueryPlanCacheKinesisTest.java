package io.streamview.jdbc.plancache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.WithKinesis;

import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Kept plans over streaming materialized views, with records from a real Kinesis endpoint: a point lookup of an
 * aggregating view's group (prepared, and prepared again) and queries of a projection view run again after each
 * REFRESH see the rows that REFRESH committed, with the cache on and off, and with the cache on they are not planned
 * again (a refresh changes rows, not definitions).
 */
@WithKinesis
class QueryPlanCacheKinesisTest {

  private static void put(KinesisTestStreams streams, String stream, int from, int to) {
    List<byte[]> payloads = new ArrayList<>();
    for (int i = from; i < to; i++) {
      payloads.add(("{\"u\":" + (i % 5) + ",\"p\":" + i + "}").getBytes(StandardCharsets.UTF_8));
    }
    streams.putRecords(stream, payloads);
  }

  private static long[] group(PreparedStatement lookup, int user) throws SQLException {
    lookup.setInt(1, user);
    try (ResultSet rs = lookup.executeQuery()) {
      if (!rs.next()) {
        return null;
      }
      long[] row = {rs.getLong(1), rs.getLong(2)};
      assertFalse(rs.next());
      return row;
    }
  }

  private static long single(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  @ParameterizedTest(name = "queryCacheSize={0}")
  @ValueSource(ints = {0, 16})
  void keptPlansSeeEachRefreshsRows(int cacheSize, KinesisEndpoint endpoint, KinesisTestStreams streams)
      throws Exception {
    String stream = streams.create("plancache", 2);
    put(streams, stream, 0, 50);
    String url = "jdbc:streamview:mem:plancache" + System.nanoTime() + endpoint.jdbcProperties()
        + ";queryCacheSize=" + cacheSize;
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
      String field = "json_extract_path_text(from_varbyte(kinesis_data, 'utf-8'), '%s')";
      s.execute("CREATE MATERIALIZED VIEW agg AS SELECT CAST(" + field.formatted("u") + " AS INTEGER) AS user_id, "
          + "COUNT(*) AS n, SUM(CAST(" + field.formatted("p") + " AS BIGINT)) AS total FROM kds.\"" + stream
          + "\" GROUP BY 1");
      s.execute("CREATE MATERIALIZED VIEW raw AS SELECT CAST(" + field.formatted("p") + " AS BIGINT) AS p FROM kds.\""
          + stream + "\"");
      String lookupSql = "SELECT n, total FROM agg WHERE user_id = ?";
      String count = "SELECT COUNT(*) FROM raw";
      String sum = "SELECT SUM(p) FROM raw WHERE p >= 25";
      try (PreparedStatement lookup = c.prepareStatement(lookupSql)) {
        assertEquals(null, group(lookup, 3));
        assertEquals(0, single(s, count));
        s.execute("REFRESH MATERIALIZED VIEW agg");
        s.execute("REFRESH MATERIALIZED VIEW raw");
        // users 0..4 get p = u, u+5, …, below 50: 10 records each; user 3: 3 + 8 + … + 48 = 255
        assertEquals(List.of(10L, 255L), List.of(group(lookup, 3)[0], group(lookup, 3)[1]));
        assertEquals(50, single(s, count));
        assertEquals(25L * (25 + 49) / 2, single(s, sum));
        long misses = cacheSize == 0 ? 0 : QueryPlanCaches.of(c.unwrap(CalciteConnection.class).getRootSchema())
            .orElseThrow().misses();

        put(streams, stream, 50, 80);
        s.execute("REFRESH MATERIALIZED VIEW agg");
        s.execute("REFRESH MATERIALIZED VIEW raw");
        // user 3 also gets 53, 58, …, 78: 6 records more, 393 more
        assertEquals(List.of(16L, 648L), List.of(group(lookup, 3)[0], group(lookup, 3)[1]));
        try (PreparedStatement again = c.prepareStatement(lookupSql)) {
          assertEquals(List.of(16L, 648L), List.of(group(again, 3)[0], group(again, 3)[1]));
          assertEquals(null, group(again, 7));
        }
        assertEquals(80, single(s, count));
        assertEquals(55L * (25 + 79) / 2, single(s, sum));
        if (cacheSize > 0) {
          QueryPlanCache cache = QueryPlanCaches.of(c.unwrap(CalciteConnection.class).getRootSchema()).orElseThrow();
          assertEquals(misses, cache.misses(), "a REFRESH changes rows, not definitions: nothing planned again");
        }
      }
    }
  }
}
