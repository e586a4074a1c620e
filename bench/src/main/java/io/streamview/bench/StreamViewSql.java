package io.streamview.bench;

import io.streamview.bench.source.MemorySourceFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** The StreamView side of the benchmarks: connections and the views' SQL. */
final class StreamViewSql {

  private StreamViewSql() {
  }

  /** A connection to in-memory database {@code db} whose streams are the bench's in-memory streams. */
  static Connection memoryStreams(String db) throws SQLException {
    return memoryStreams("mem:" + db, "");
  }

  /**
   * A connection to database {@code location} ({@code mem:NAME}, {@code file:PATH}) whose {@code FROM KINESIS} schemas
   * read the bench's in-memory streams: the driver's {@code streamSourceFactory} connection property, an object in
   * the Properties of {@code getConnection}.
   */
  static Connection memoryStreams(String location, String urlProperties) throws SQLException {
    Properties p = new Properties();
    p.put("streamSourceFactory", MemorySourceFactory.INSTANCE);
    return DriverManager.getConnection("jdbc:streamview:" + location + ";awsRegion=us-east-1;refreshParallelism=2"
        + urlProperties, p);
  }

  /** The ingest view: four typed columns and a SUPER column, heartbeats filtered out. */
  static String ingestView(String view, String stream) {
    return "CREATE MATERIALIZED VIEW " + view + " AS SELECT "
        + "JSON_PARSE(kinesis_data).user_id::int AS user_id, "
        + "JSON_PARSE(kinesis_data).event::varchar AS event, "
        + "JSON_PARSE(kinesis_data).page::varchar AS page, "
        + "JSON_PARSE(kinesis_data).price::float8 AS price, "
        + "JSON_PARSE(kinesis_data) AS payload "
        + "FROM kds.\"" + stream + "\" WHERE JSON_PARSE(kinesis_data).event::varchar <> 'heartbeat'";
  }

  /** The aggregating view: per user, COUNT, SUM, MIN, MAX, AVG of the price. */
  static String aggregateView(String view, String stream) {
    return "CREATE MATERIALIZED VIEW " + view + " AS SELECT "
        + "JSON_PARSE(kinesis_data).user_id::int AS user_id, COUNT(*) AS n, "
        + "SUM(JSON_PARSE(kinesis_data).price::float8) AS total, "
        + "MIN(JSON_PARSE(kinesis_data).price::float8) AS lo, "
        + "MAX(JSON_PARSE(kinesis_data).price::float8) AS hi, "
        + "AVG(JSON_PARSE(kinesis_data).price::float8) AS mean "
        + "FROM kds.\"" + stream + "\" GROUP BY 1";
  }

  static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
