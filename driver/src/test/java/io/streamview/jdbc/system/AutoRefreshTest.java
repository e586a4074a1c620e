package io.streamview.jdbc.system;

import static io.streamview.jdbc.system.Polling.await;
import static io.streamview.jdbc.system.Polling.count;
import static io.streamview.jdbc.system.Polling.string;
import static io.streamview.jdbc.system.Polling.threads;
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

/**
 * AUTO REFRESH YES against a real Kinesis endpoint: records put on the stream appear in the view without any REFRESH
 * statement; ALTER … AUTO REFRESH NO stops it; closing the database ends its auto-refresh threads.
 */
@WithKinesis
class AutoRefreshTest {

  @TempDir
  Path dir;

  private static List<byte[]> payloads(int from, int to) {
    List<byte[]> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void anAutoRefreshViewFollowsItsStreamUntilAlteredOffAndStopsWithTheDatabase(KinesisEndpoint endpoint,
      KinesisTestStreams streams) throws Exception {
    String stream = streams.create("auto", 2);
    Path db = dir.resolve("db");
    String url = "jdbc:streamview:file:" + db + endpoint.jdbcProperties() + ";autoRefreshIntervalMillis=100";
    String prefix = "streamview-auto-refresh file:" + db.toAbsolutePath().normalize();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
      s.execute("CREATE MATERIALIZED VIEW events AUTO REFRESH YES AS SELECT partition_key, "
          + "JSON_PARSE(kinesis_data) AS payload FROM kds.\"" + stream + "\"");
      assertEquals("t", string(c, "SELECT autorefresh FROM svv_mv_info WHERE name = 'events'"));

      streams.putRecords(stream, payloads(0, 25));
      await("25 rows without REFRESH", () -> count(c, "SELECT count(*) FROM events") == 25);
      assertTrue(threads(prefix).contains(prefix + " public.events"), threads(prefix).toString());
      // a refresh's rows are visible a moment before its history row is written
      await("an Auto refresh in the history", () -> count(c, "SELECT count(*) FROM sys_mv_refresh_history "
          + "WHERE mv_name = 'events' AND refresh_type = 'Auto' "
          + "AND status = 'Refresh successfully updated MV incrementally'") >= 1);

      streams.putRecords(stream, payloads(25, 30));
      await("30 rows without REFRESH", () -> count(c, "SELECT count(*) FROM events") == 30);

      s.execute("ALTER MATERIALIZED VIEW events AUTO REFRESH NO");
      assertEquals("f", string(c, "SELECT autorefresh FROM stv_mv_info WHERE name = 'events'"));
      await("the view's auto-refresh thread to end", () -> !threads(prefix).contains(prefix + " public.events"));
      long autoRefreshes = count(c, "SELECT count(*) FROM sys_mv_refresh_history WHERE refresh_type = 'Auto'");
      streams.putRecords(stream, payloads(30, 40));
      assertEquals(30, count(c, "SELECT count(*) FROM events"), "no refresh after AUTO REFRESH NO");
      assertEquals(autoRefreshes, count(c, "SELECT count(*) FROM sys_mv_refresh_history WHERE refresh_type = 'Auto'"));
      s.execute("REFRESH MATERIALIZED VIEW events");
      assertEquals(40, count(c, "SELECT count(*) FROM events"));
      assertEquals("Manual", string(c, "SELECT refresh_type FROM sys_mv_refresh_history "
          + "WHERE transaction_id = (SELECT max(transaction_id) FROM sys_mv_refresh_history)"));

      s.execute("ALTER MATERIALIZED VIEW events AUTO REFRESH YES");
      streams.putRecords(stream, payloads(40, 45));
      await("auto refresh to resume", () -> count(c, "SELECT count(*) FROM events") == 45);
    }
    assertEquals(List.of(), threads(prefix), "closing the database's last connection ends its threads");

    // reopening: the view still has AUTO REFRESH YES, so the threads start again with the database
    try (Connection c = DriverManager.getConnection(url)) {
      streams.putRecords(stream, payloads(45, 50));
      await("auto refresh after reopening", () -> count(c, "SELECT count(*) FROM events") == 50);
    }
    assertEquals(List.of(), threads(prefix));
  }

  @Test
  void autoRefreshIsRefusedForAViewOnAnotherMaterializedView(KinesisEndpoint endpoint, KinesisTestStreams streams)
      throws Exception {
    String stream = streams.create("nested", 1);
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:" + endpoint.jdbcProperties());
         Statement s = c.createStatement()) {
      s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
      s.execute("CREATE MATERIALIZED VIEW base AS SELECT kinesis_data FROM kds.\"" + stream + "\"");
      SQLException e = assertThrows(SQLException.class,
          () -> s.execute("CREATE MATERIALIZED VIEW nested AUTO REFRESH YES AS SELECT * FROM base"));
      assertEquals("0A000", e.getSQLState());
      assertEquals("Auto-refresh is not supported for materialized views defined on other materialized views.",
          e.getMessage());
    }
  }

  @Test
  void anIntervalBelowTheMinimumIsRefused() {
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:streamview:mem:;autoRefreshIntervalMillis=10").close());
    assertEquals("22023", e.getSQLState());
    assertTrue(e.getMessage().contains("autoRefreshIntervalMillis"), e.getMessage());
  }

  @Test
  void theSystemViewsAreListedAsSystemViews() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:");
         ResultSet rs = c.getMetaData().getTables(null, "public", null, new String[] {"SYSTEM VIEW"})) {
      List<String> names = new ArrayList<>();
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME"));
        assertEquals("SYSTEM VIEW", rs.getString("TABLE_TYPE"));
      }
      assertEquals(List.of("stv_mv_deps", "stv_mv_info", "svl_mv_refresh_status", "svv_mv_info",
          "sys_mv_refresh_history", "sys_stream_lag", "sys_stream_scan_errors", "sys_stream_scan_states"),
          names.stream().sorted().toList());
    }
  }
}
