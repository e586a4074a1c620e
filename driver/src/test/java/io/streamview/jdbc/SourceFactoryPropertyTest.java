package io.streamview.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.engine.source.SourceConfig;
import io.streamview.engine.source.StreamSource;
import io.streamview.engine.source.StreamSourceFactory;
import io.streamview.kinesis.KinesisSourceFactory;
import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.WithKinesis;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The {@code streamSourceFactory} connection property: a {@link StreamSourceFactory} given in the Properties of
 * {@code getConnection} serves the database's {@code FROM KINESIS} schemas instead of the one ServiceLoader finds.
 * The factory here hands every request to the Kinesis module's factory (reading the harness's endpoint), and notes
 * the settings it was given.
 */
@WithKinesis
class SourceFactoryPropertyTest {

  /** Kinesis sources, and a note of every source it created. */
  private static final class NotingFactory implements StreamSourceFactory {
    final List<SourceConfig> created = Collections.synchronizedList(new ArrayList<>());

    @Override public String kind() {
      return "KINESIS";
    }

    @Override public StreamSource create(SourceConfig config) {
      created.add(config);
      return KinesisSourceFactory.INSTANCE.create(config);
    }
  }

  @Test
  void aFactoryObjectServesTheDatabasesKinesisSchemas(KinesisEndpoint endpoint, KinesisTestStreams streams)
      throws SQLException {
    String stream = streams.create("hook", 1);
    NotingFactory factory = new NotingFactory();
    Properties p = new Properties();
    p.put("streamSourceFactory", factory);
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:" + endpoint.jdbcProperties(), p);
         Statement s = c.createStatement()) {
      s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
      s.execute("CREATE MATERIALIZED VIEW v AS SELECT from_varbyte(kinesis_data, 'utf-8') AS body FROM kds.\""
          + stream + "\"");
      streams.putStrings(stream, "one", "two");
      s.execute("REFRESH MATERIALIZED VIEW v");
      assertEquals(List.of("one", "two"), strings(s, "SELECT body FROM v ORDER BY body"));
    }
    assertEquals(1, factory.created.size(), "one source per external schema, from the given factory");
    assertEquals(Optional.of(endpoint.uri().toString()), factory.created.get(0).endpoint());
  }

  @Test
  void aClassNameChoosesAmongTheFactoriesServiceLoaderLists(KinesisEndpoint endpoint, KinesisTestStreams streams)
      throws SQLException {
    String stream = streams.create("hook-name", 1);
    Properties p = new Properties();
    p.setProperty("streamSourceFactory", KinesisSourceFactory.class.getName());
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:" + endpoint.jdbcProperties(), p);
         Statement s = c.createStatement()) {
      s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
      s.execute("CREATE MATERIALIZED VIEW v AS SELECT from_varbyte(kinesis_data, 'utf-8') AS body FROM kds.\""
          + stream + "\"");
      streams.putStrings(stream, "three");
      s.execute("REFRESH MATERIALIZED VIEW v");
      assertEquals(List.of("three"), strings(s, "SELECT body FROM v"));
    }
  }

  @Test
  void anythingElseIsRefusedAtConnect() {
    Properties unknown = new Properties();
    unknown.setProperty("streamSourceFactory", "com.example.NoSuchFactory");
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:streamview:mem:", unknown).close());
    assertEquals("22023", e.getSQLState());
    assertTrue(e.getMessage().contains("com.example.NoSuchFactory") && e.getMessage().contains(
        KinesisSourceFactory.class.getName()), e.getMessage());

    Properties wrongType = new Properties();
    wrongType.put("streamSourceFactory", 42);
    SQLException t = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:streamview:mem:", wrongType).close());
    assertEquals("22023", t.getSQLState());
    assertTrue(t.getMessage().contains("java.lang.Integer"), t.getMessage());
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
