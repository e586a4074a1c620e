package io.streamview.jdbc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.WithKinesis;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The Redshift documentation's streaming-ingestion example, verbatim, through JDBC against a real Kinesis endpoint
 * (kinesis-mock or LocalStack from the test harness), on a file database: exactly the stream's valid JSON-object
 * records arrive, once each, across refreshes, reopening in a new JVM, and with a second process locked out.
 */
@WithKinesis
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedshiftExampleTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STREAM = "my_stream_name";

  private static final String EXAMPLE_MV = """
      CREATE MATERIALIZED VIEW my_view AS
      SELECT ApproximateArrivalTimestamp, JSON_PARSE(from_varbyte(Data, 'utf-8')) as Data
      FROM schema_one.my_stream_name
      WHERE is_utf8(Data) AND is_valid_json(from_varbyte(Data, 'utf-8'));""";

  private static final String TODAY_MV = """
      CREATE MATERIALIZED VIEW my_view_today AS
      SELECT approximate_arrival_timestamp, partition_key, shard_id, sequence_number, refresh_time,
             JSON_PARSE(kinesis_data) AS payload
      FROM schema_one.my_stream_name
      WHERE CAN_JSON_PARSE(kinesis_data)""";

  @TempDir
  static Path dir;

  private KinesisTestStreams streams;
  private String url;
  private final Map<String, Integer> expectedObjects = new HashMap<>();
  private int expectedParseable;
  private int serial;
  private int allRecords;
  private final Random random = new Random(20261126);

  @BeforeAll
  void createStream(KinesisEndpoint endpoint, KinesisTestStreams streams) {
    this.streams = streams;
    url = "jdbc:streamview:file:" + dir.resolve("db") + endpoint.jdbcProperties();
    // The example's own stream name; the harness's endpoint is fresh for this JVM.
    endpoint.client().createStream(b -> b.streamName(STREAM).shardCount(3));
    endpoint.client().waiter().waitUntilStreamExists(b -> b.streamName(STREAM));
    put(120, 10, 10, 10, 5);
  }

  /** Puts a shuffled mix: objects, arrays, malformed JSON, non-UTF-8 bytes, JSON scalars. */
  private void put(int objects, int arrays, int malformed, int binary, int scalars) {
    List<byte[]> payloads = new ArrayList<>();
    for (int i = 0; i < objects; i++) {
      String o = "{\"event\":\"click\",\"user\":" + random.nextInt(1000) + ",\"n\":" + (serial++)
          + ",\"page\":\"/p/" + random.nextInt(50) + "\",\"price\":" + (random.nextInt(10000) / 100.0)
          + ",\"tags\":[\"a\",\"ü\"],\"nested\":{\"ok\":true}}";
      payloads.add(o.getBytes(StandardCharsets.UTF_8));
      expectedObjects.merge(canonical(o), 1, Integer::sum);
    }
    for (int i = 0; i < arrays; i++) {
      payloads.add(("[1,2," + i + "]").getBytes(StandardCharsets.UTF_8));
    }
    for (int i = 0; i < malformed; i++) {
      payloads.add(("{\"broken\": " + i).getBytes(StandardCharsets.UTF_8));
    }
    for (int i = 0; i < binary; i++) {
      payloads.add(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) i, '{', '}'});
    }
    for (int i = 0; i < scalars; i++) {
      payloads.add(String.valueOf(i * 7).getBytes(StandardCharsets.UTF_8));
    }
    expectedParseable += objects + arrays + scalars;
    allRecords += payloads.size();
    java.util.Collections.shuffle(payloads, random);
    streams.putRecords(STREAM, payloads);
  }

  private static String canonical(String json) {
    try {
      return JSON.readTree(json).toString();
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  @Test
  @Order(1)
  void theVerbatimExampleReturnsExactlyTheValidJsonObjects() throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE EXTERNAL SCHEMA schema_one FROM KINESIS IAM_ROLE default;");
      s.execute(EXAMPLE_MV);
      s.execute("REFRESH MATERIALIZED VIEW my_view;");
      assertRows(s);
      // a second refresh with nothing new adds nothing
      s.execute("REFRESH MATERIALIZED VIEW my_view");
      assertRows(s);
    }
  }

  private void assertRows(Statement s) throws SQLException {
    Map<String, Integer> actual = new HashMap<>();
    try (ResultSet rs = s.executeQuery("select * from my_view;")) {
      assertEquals("approximatearrivaltimestamp", rs.getMetaData().getColumnLabel(1));
      assertEquals("data", rs.getMetaData().getColumnLabel(2));
      while (rs.next()) {
        Timestamp ts = rs.getTimestamp(1);
        assertNotNull(ts);
        actual.merge(canonical(rs.getString(2)), 1, Integer::sum);
      }
    }
    assertEquals(expectedObjects, actual);
  }

  @Test
  @Order(2)
  void todaysColumnNamesWork() throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(TODAY_MV);
      s.execute("REFRESH MATERIALIZED VIEW my_view_today");
      Set<String> shards = new HashSet<>();
      streams.shards(STREAM).forEach(sh -> shards.add(sh.shardId()));
      Set<String> keys = new HashSet<>();
      int rows = 0;
      try (ResultSet rs = s.executeQuery("SELECT approximate_arrival_timestamp, partition_key, shard_id, "
          + "sequence_number, refresh_time, payload FROM my_view_today")) {
        while (rs.next()) {
          rows++;
          assertNotNull(rs.getTimestamp(1));
          assertNotNull(rs.getString(2));
          assertTrue(shards.contains(rs.getString(3).trim()), rs.getString(3));
          assertTrue(keys.add(rs.getString(3) + "/" + rs.getString(4)), "duplicate record " + rs.getString(4));
          assertNotNull(rs.getTimestamp(5));
          assertNotNull(rs.getString(6));
        }
      }
      assertEquals(expectedParseable, rows);
      assertEquals(3, shards.size());
    }
  }

  @Test
  @Order(3)
  void newRecordsAppearExactlyOnce() throws Exception {
    put(30, 2, 2, 2, 0);
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("REFRESH MATERIALIZED VIEW my_view");
      assertRows(s);
      s.execute("REFRESH MATERIALIZED VIEW my_view");
      assertRows(s);
    }
  }

  @Test
  @Order(4)
  void aSecondProcessIsLockedOutWithAClearError() throws Exception {
    try (Connection c = DriverManager.getConnection(url)) {
      ChildJvm.Result r = ChildJvm.run(url, "SELECT count(*) FROM my_view");
      assertEquals(3, r.exitCode(), r.output());
      assertTrue(r.output().contains("SQLSTATE 55006"), r.output());
      assertTrue(r.output().contains(dir.resolve("db").toAbsolutePath().toString()), r.output());
      // the holder still works
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM my_view")) {
        rs.next();
        assertEquals(total(), rs.getInt(1));
      }
    }
  }

  @Test
  @Order(5)
  void aNewJvmReopensTheDatabaseAndContinuesFromItsPositions() throws Exception {
    ChildJvm.Result before = ChildJvm.run(url, "SELECT count(*) FROM my_view");
    assertEquals(0, before.exitCode(), before.output());
    assertTrue(before.output().contains("RESULT " + total()), before.output());
    put(20, 1, 1, 1, 1);
    ChildJvm.Result after = ChildJvm.run(url, "REFRESH MATERIALIZED VIEW my_view", "SELECT count(*) FROM my_view",
        "SELECT count(DISTINCT data) FROM my_view");
    assertEquals(0, after.exitCode(), after.output());
    assertTrue(after.output().contains("RESULT " + total()), after.output());
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      assertRows(s);
    }
  }

  @Test
  @Order(6)
  void aRecordAFunctionCannotDecodeNeverFailsARefresh() throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE MATERIALIZED VIEW events AS SELECT sequence_number, "
          + "json_extract_path_text(from_varbyte(kinesis_data, 'utf-8'), 'event') AS event, "
          + "json_extract_array_element_text(from_varbyte(kinesis_data, 'utf-8'), 0) AS first_element "
          + "FROM schema_one.my_stream_name");
      s.execute("REFRESH MATERIALIZED VIEW events");
      try (ResultSet rs = s.executeQuery("SELECT count(*), count(event), count(first_element) FROM events")) {
        rs.next();
        assertEquals(allRecords, rs.getInt(1));
        assertEquals(total(), rs.getInt(2));
        assertTrue(rs.getInt(3) > 0);
      }
    }
  }

  @Test
  @Order(7)
  void truncateKeepsPositionsAndDropForgetsThem() throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("TRUNCATE my_view");
      assertEquals(0, count(s, "my_view"));
      put(5, 0, 0, 0, 0);
      s.execute("REFRESH MATERIALIZED VIEW my_view");
      assertEquals(5, count(s, "my_view"));
      s.execute("DROP MATERIALIZED VIEW my_view");
      SQLException gone = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
          () -> s.executeQuery("SELECT * FROM my_view"));
      assertEquals("42P01", gone.getSQLState());
      s.execute(EXAMPLE_MV);
      s.execute("REFRESH MATERIALIZED VIEW my_view");
      assertRows(s);
    }
  }

  private static int count(Statement s, String view) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + view)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private int total() {
    return expectedObjects.values().stream().mapToInt(Integer::intValue).sum();
  }
}
