package io.streamview.jdbc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.engine.storage.ColumnSnapshotCache;
import io.streamview.jdbc.ResultRows;
import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.WithKinesis;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Through JDBC, queries repeated over an unchanged view are answered from its column snapshot
 * ({@link ColumnSnapshotCache}: the cache's hit count grows) with the rows the view holds, and every change of the
 * view is seen by the next query: a REFRESH adding records, a DELETE, a DROP and a CREATE of a view of the same name
 * with other rows; an aggregating view beside it (7 groups, too few to be cached) is refreshed alike. Records come
 * from a real Kinesis endpoint.
 */
@WithKinesis
class ColumnSnapshotJdbcTest {

  /** Over {@link ColumnSnapshotCache#MIN_ROWS}, so that the views are cached (the aggregating view has 7 groups). */
  private static final int RECORDS = 1_500;

  private static void put(KinesisEndpoint endpoint, String stream, int from, int to) {
    for (int start = from; start < to; start += 500) {
      List<PutRecordsRequestEntry> entries = new ArrayList<>();
      for (int i = start; i < Math.min(to, start + 500); i++) {
        entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + i)
            .data(SdkBytes.fromString("{\"u\":" + (i % 7) + ",\"p\":" + i + "}", StandardCharsets.UTF_8)).build());
      }
      PutRecordsResponse r = endpoint.client().putRecords(q -> q.streamName(stream).records(entries));
      assertEquals(0, r.failedRecordCount());
    }
  }

  /** The rows of {@code sql}, each as its values joined by {@code |}. */
  private static List<String> rows(Statement s, String sql) throws SQLException {
    return ResultRows.query(s, sql, "|");
  }

  /** Runs {@code sql} twice, checking the second run read a snapshot and both gave the same rows. */
  private static List<String> twice(Statement s, String sql) throws SQLException {
    List<String> first = rows(s, sql);
    long hits = ColumnSnapshotCache.shared().hits();
    List<String> second = rows(s, sql);
    assertTrue(ColumnSnapshotCache.shared().hits() > hits, "the second run of " + sql + " read the snapshot");
    assertEquals(first, second, sql);
    return second;
  }

  /** The three largest {@code p * factor} of records {@code p < to} with {@code u = 3} that {@code keep} passes. */
  private static List<String> expectedTop(int to, java.util.function.IntPredicate keep, int factor) {
    List<String> out = new ArrayList<>();
    for (int p = to - 1; p >= 0 && out.size() < 3; p--) {
      if (p % 7 == 3 && keep.test(p)) {
        out.add(Integer.toString(p * factor));
      }
    }
    return out;
  }

  /** {@code u|COUNT|SUM(p * factor)} per {@code u} of records {@code p < to} that {@code keep} passes. */
  private static List<String> expectedByUser(int to, java.util.function.IntPredicate keep, int factor) {
    Map<Integer, long[]> by = new TreeMap<>();
    for (int p = 0; p < to; p++) {
      if (keep.test(p)) {
        long[] a = by.computeIfAbsent(p % 7, k -> new long[2]);
        a[0]++;
        a[1] += (long) p * factor;
      }
    }
    List<String> out = new ArrayList<>();
    by.forEach((u, a) -> out.add(u + "|" + a[0] + "|" + a[1]));
    return out;
  }

  private static final String FIELD_U = "CAST(json_extract_path_text(from_varbyte(kinesis_data, 'utf-8'), 'u') AS INTEGER)";
  private static final String FIELD_P = "CAST(json_extract_path_text(from_varbyte(kinesis_data, 'utf-8'), 'p') AS INTEGER)";

  @Test
  void repeatedQueriesReadTheSnapshotAndEveryChangeIsSeen(KinesisEndpoint endpoint, KinesisTestStreams streams)
      throws Exception {
    String stream = streams.create("colcache", 2);
    put(endpoint, stream, 0, RECORDS);
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:colcache" + endpoint.jdbcProperties());
         Statement s = c.createStatement()) {
      String from = " FROM kds.\"" + stream + "\"";
      s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
      s.execute("CREATE MATERIALIZED VIEW v AS SELECT " + FIELD_U + " AS u, " + FIELD_P + " AS p" + from);
      s.execute("CREATE MATERIALIZED VIEW agg AS SELECT " + FIELD_U + " AS u, COUNT(*) AS n, SUM(" + FIELD_P
          + ") AS total" + from + " GROUP BY 1");
      s.execute("REFRESH MATERIALIZED VIEW v");
      s.execute("REFRESH MATERIALIZED VIEW agg");
      String byUser = "SELECT u, COUNT(*), SUM(p) FROM v GROUP BY u ORDER BY u";
      String top = "SELECT p FROM v WHERE u = 3 ORDER BY p DESC LIMIT 3";
      String groups = "SELECT u, n, total FROM agg ORDER BY u";
      assertEquals(expectedByUser(RECORDS, p -> true, 1), twice(s, byUser));
      assertEquals(expectedTop(RECORDS, p -> true, 1), twice(s, top));
      assertEquals(expectedByUser(RECORDS, p -> true, 1), rows(s, groups));

      put(endpoint, stream, RECORDS, RECORDS + 50);
      s.execute("REFRESH MATERIALIZED VIEW v");
      s.execute("REFRESH MATERIALIZED VIEW agg");
      assertEquals(expectedByUser(RECORDS + 50, p -> true, 1), twice(s, byUser));
      assertEquals(expectedTop(RECORDS + 50, p -> true, 1), twice(s, top));
      assertEquals(expectedByUser(RECORDS + 50, p -> true, 1), rows(s, groups));

      s.execute("DELETE FROM v WHERE p >= " + (RECORDS + 30));
      assertEquals(expectedByUser(RECORDS + 50, p -> p < RECORDS + 30, 1), twice(s, byUser));
      assertEquals(expectedTop(RECORDS + 50, p -> p < RECORDS + 30, 1), twice(s, top));

      s.execute("DROP MATERIALIZED VIEW v");
      s.execute("CREATE MATERIALIZED VIEW v AS SELECT " + FIELD_U + " AS u, " + FIELD_P + " * 2 AS p" + from);
      s.execute("REFRESH MATERIALIZED VIEW v");
      assertEquals(expectedByUser(RECORDS + 50, p -> true, 2), twice(s, byUser));
      assertEquals(expectedTop(RECORDS + 50, p -> true, 2), twice(s, top));
    }
  }
}
