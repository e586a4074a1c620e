package io.streamview.jdbc.system;

import static io.streamview.jdbc.system.Polling.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.WithKinesis;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * DELETE on a streaming materialized view (Redshift allows it, to bound storage): the rows go, the shard positions
 * stay, so a later refresh reads only new records and the deleted rows do not come back.
 */
@WithKinesis
class StreamingViewDeleteTest {

  private static void put(KinesisTestStreams streams, String stream, String key, int n) {
    for (int i = 0; i < n; i++) {
      streams.put(stream, key, ("{\"key\":\"" + key + "\",\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void deletedRowsStayDeletedAcrossRefreshes(KinesisEndpoint endpoint, KinesisTestStreams streams) throws Exception {
    String stream = streams.create("delete", 2);
    put(streams, stream, "old", 6);
    put(streams, stream, "keep", 4);
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:" + endpoint.jdbcProperties());
         Statement s = c.createStatement()) {
      s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
      s.execute("CREATE MATERIALIZED VIEW events AS SELECT partition_key, sequence_number, "
          + "JSON_PARSE(kinesis_data) AS payload FROM kds.\"" + stream + "\"");
      s.execute("REFRESH MATERIALIZED VIEW events");
      assertEquals(10, count(c, "SELECT count(*) FROM events"));

      assertEquals(6, s.executeUpdate("DELETE FROM events WHERE partition_key = 'old'"));
      assertEquals(4, count(c, "SELECT count(*) FROM events"));

      put(streams, stream, "old", 2);
      s.execute("REFRESH MATERIALIZED VIEW events");
      assertEquals(6, count(c, "SELECT count(*) FROM events"), "only the two new records arrive");
      assertEquals(2, count(c, "SELECT count(*) FROM events WHERE partition_key = 'old'"));

      try (PreparedStatement ps = c.prepareStatement("DELETE FROM events WHERE partition_key = ?")) {
        ps.setString(1, "keep");
        assertEquals(4, ps.executeUpdate());
      }
      assertEquals(0, s.executeUpdate("DELETE FROM events WHERE partition_key = 'nothing'"));
      s.execute("REFRESH MATERIALIZED VIEW events");
      assertEquals(2, count(c, "SELECT count(*) FROM events"));

      assertEquals(2, s.executeUpdate("DELETE FROM events"));
      s.execute("REFRESH MATERIALIZED VIEW events");
      assertEquals(0, count(c, "SELECT count(*) FROM events"), "an emptied view stays empty until new records");
      put(streams, stream, "new", 1);
      s.execute("REFRESH MATERIALIZED VIEW events");
      assertEquals(1, count(c, "SELECT count(*) FROM events"));
    }
  }

  @Test
  void deletingAGroupOfAnAggregatingViewStartsItAfresh(KinesisEndpoint endpoint, KinesisTestStreams streams)
      throws Exception {
    String stream = streams.create("delete-groups", 2);
    put(streams, stream, "a", 3);
    put(streams, stream, "b", 2);
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:" + endpoint.jdbcProperties());
         Statement s = c.createStatement()) {
      s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
      s.execute("CREATE MATERIALIZED VIEW per_key AS SELECT partition_key, count(*) AS n FROM kds.\"" + stream
          + "\" GROUP BY partition_key");
      s.execute("REFRESH MATERIALIZED VIEW per_key");
      assertEquals(3, count(c, "SELECT n FROM per_key WHERE partition_key = 'a'"));

      assertEquals(1, s.executeUpdate("DELETE FROM per_key WHERE n = 3"));
      assertEquals(0, count(c, "SELECT count(*) FROM per_key WHERE partition_key = 'a'"));
      put(streams, stream, "a", 1);
      put(streams, stream, "b", 1);
      s.execute("REFRESH MATERIALIZED VIEW per_key");
      assertEquals(1, count(c, "SELECT n FROM per_key WHERE partition_key = 'a'"), "only records read later count");
      assertEquals(3, count(c, "SELECT n FROM per_key WHERE partition_key = 'b'"));
    }
  }

  @Test
  void insertIntoAStreamingViewIsRefused(KinesisEndpoint endpoint, KinesisTestStreams streams) throws Exception {
    String stream = streams.create("insert", 1);
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:" + endpoint.jdbcProperties());
         Statement s = c.createStatement()) {
      s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
      s.execute("CREATE MATERIALIZED VIEW v AS SELECT partition_key FROM kds.\"" + stream + "\"");
      SQLException e = assertThrows(SQLException.class, () -> s.execute("INSERT INTO v VALUES ('x')"));
      assertEquals("0A000", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("INSERT on materialized view v is not supported"), e.getMessage());
      assertEquals(0, count(c, "SELECT count(*) FROM v"));
    }
  }
}
