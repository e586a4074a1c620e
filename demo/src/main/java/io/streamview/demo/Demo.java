package io.streamview.demo;

import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisEndpoints;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Runs the Kinesis example of the Redshift documentation on
 * <a href="https://docs.aws.amazon.com/redshift/latest/dg/materialized-view-streaming-ingestion.html">streaming
 * ingestion</a> (as first published, with the preview column names {@code ApproximateArrivalTimestamp} and
 * {@code Data}) through the StreamView JDBC driver, against a local Kinesis endpoint:
 * <ol>
 *   <li>starts an endpoint through the test harness (kinesis-mock run with node, unless {@code STREAMVIEW_KINESIS_*}
 *       or a Docker engine choose otherwise);</li>
 *   <li>creates stream {@value #STREAM} with {@value #SHARDS} shards and writes a clickstream of {@value #EVENTS} JSON
 *       objects plus JSON arrays, malformed JSON and non-UTF-8 payloads, which the view must leave out;</li>
 *   <li>opens {@code jdbc:streamview:file:<temp dir>} through {@link DriverManager} and runs the example verbatim,
 *       printing each statement and then the view's rows;</li>
 *   <li>writes {@value #MORE} more objects, refreshes again and checks exactly those were added.</li>
 * </ol>
 * Exits 0 on success, 1 on any failure (with the SQLState and message). The endpoint is always stopped.
 */
public final class Demo {

  static final String STREAM = "my_stream_name";
  static final int SHARDS = 3;
  static final int EVENTS = 300;
  static final int MORE = 50;
  static final int SHOWN = 20;
  private static final long SEED = 20_251_126L;
  private static final Duration STREAM_WAIT = Duration.ofSeconds(120);

  /** The documentation example, statement by statement, exactly as printed there. */
  static final List<String> DOCUMENTATION_EXAMPLE = List.of(
      "CREATE EXTERNAL SCHEMA schema_one FROM KINESIS IAM_ROLE default;",
      "CREATE MATERIALIZED VIEW my_view AS\n"
          + "SELECT ApproximateArrivalTimestamp, JSON_PARSE(from_varbyte(Data, 'utf-8')) as Data\n"
          + "FROM schema_one.my_stream_name\n"
          + "WHERE is_utf8(Data) AND is_valid_json(from_varbyte(Data, 'utf-8'));",
      "REFRESH MATERIALIZED VIEW my_view;",
      "select * from my_view;");

  private static final String REFRESH = "REFRESH MATERIALIZED VIEW my_view;";
  private static final String COUNT = "select count(*) from my_view;";

  private final PrintStream out;

  private Demo(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    int status = new Demo(System.out).run();
    System.out.flush();
    System.exit(status);
  }

  /** The whole demo; returns the exit status. */
  int run() {
    long started = System.nanoTime();
    checkJvmFlags();
    KinesisEndpoints.Running kinesis = null;
    Path dir = null;
    try {
      out.println("== 1. Kinesis endpoint");
      kinesis = KinesisEndpoints.start();
      KinesisEndpoint endpoint = kinesis.endpoint();
      out.printf("Started %s at %s (region %s)%n", endpoint.kind(), endpoint.uri(), endpoint.region());

      out.println();
      out.println("== 2. Stream " + STREAM);
      createStream(endpoint.client());
      out.printf("Created stream %s with %d shards%n", STREAM, SHARDS);
      Clickstream clicks = new Clickstream(SEED, Instant.now().minus(15, ChronoUnit.MINUTES));
      List<byte[]> records = clicks.eventsWithBadPayloads(EVENTS);
      kinesis.streams().putRecords(STREAM, records);
      out.printf("Put %d records (random partition keys): %d JSON click events, plus %d the view must skip: "
              + "%d JSON arrays, %d malformed JSON, %d non-UTF-8 payloads%n", records.size(), EVENTS,
          Clickstream.badPayloadCount(), Clickstream.JSON_ARRAYS.size(), Clickstream.MALFORMED_JSON.size(),
          Clickstream.NON_UTF8.size());
      out.println("e.g. " + new String(records.stream().filter(r -> r[0] == '{').findFirst().orElseThrow(),
          StandardCharsets.UTF_8));

      out.println();
      out.println("== 3. The Redshift documentation example through DriverManager");
      dir = Files.createTempDirectory("streamview-demo-");
      String url = "jdbc:streamview:file:" + dir + endpoint.jdbcProperties();
      out.println("Connecting to " + url.replaceAll("(awsSecretAccessKey=)[^;]*", "$1****"));
      try (Connection connection = DriverManager.getConnection(url);
           Statement statement = connection.createStatement()) {
        out.println("Connected: " + connection.getMetaData().getDatabaseProductName() + " "
            + connection.getMetaData().getDatabaseProductVersion() + ", driver "
            + connection.getMetaData().getDriverName() + " " + connection.getMetaData().getDriverVersion());
        for (String sql : DOCUMENTATION_EXAMPLE.subList(0, DOCUMENTATION_EXAMPLE.size() - 1)) {
          execute(statement, sql);
        }
        long rows = selectAll(statement, DOCUMENTATION_EXAMPLE.get(DOCUMENTATION_EXAMPLE.size() - 1));
        if (rows != EVENTS) {
          return fail("my_view has " + rows + " rows; expected the " + EVENTS + " JSON objects and nothing else");
        }

        out.println();
        out.println("== 4. " + MORE + " more events, and a second refresh");
        kinesis.streams().putRecords(STREAM, clicks.events(MORE));
        out.printf("Put %d more JSON click events%n", MORE);
        execute(statement, REFRESH);
        long after = count(statement, COUNT);
        out.printf("Rows in my_view: %d -> %d (%+d; %d new JSON objects in the stream, each ingested exactly once)%n",
            rows, after, after - rows, MORE);
        if (after - rows != MORE) {
          return fail("the second refresh added " + (after - rows) + " rows; expected exactly " + MORE);
        }
      }
      out.println();
      out.printf("Done in %.1f s%n", (System.nanoTime() - started) / 1e9);
      return 0;
    } catch (SQLException e) {
      out.println();
      out.println("FAILED: SQLState " + e.getSQLState() + ": " + e.getMessage());
      causes(e);
      return 1;
    } catch (RuntimeException | IOException | Error e) {
      out.println();
      out.println("FAILED: " + e);
      causes(e);
      return 1;
    } finally {
      if (kinesis != null) {
        String kind = kinesis.endpoint().kind();
        deleteStream(kinesis.endpoint().client());
        kinesis.close();
        out.println("Stopped " + kind);
      }
      deleteDirectory(dir);
    }
  }

  private void execute(Statement statement, String sql) throws SQLException {
    echo(sql);
    long t0 = System.nanoTime();
    boolean hasResultSet = statement.execute(sql);
    if (hasResultSet) {
      statement.getResultSet().close();
    }
    out.printf("OK (%d ms)%n", (System.nanoTime() - t0) / 1_000_000);
  }

  /** Runs the query, prints its first {@value #SHOWN} rows as a table, and returns how many rows it had. */
  private long selectAll(Statement statement, String sql) throws SQLException {
    echo(sql);
    long t0 = System.nanoTime();
    try (ResultSet rs = statement.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      TextTable table = new TextTable(TextTable.labels(rs.getMetaData()));
      long rows = 0;
      while (rs.next()) {
        if (rows < SHOWN) {
          table.add(TextTable.row(rs, columns));
        }
        rows++;
      }
      long millis = (System.nanoTime() - t0) / 1_000_000;
      out.print(table.render());
      out.printf("(%d rows%s; %d ms)%n", rows, rows > SHOWN ? ", first " + SHOWN + " shown" : "", millis);
      return rows;
    }
  }

  private long count(Statement statement, String sql) throws SQLException {
    echo(sql);
    try (ResultSet rs = statement.executeQuery(sql)) {
      if (!rs.next()) {
        throw new SQLException("No row from " + sql);
      }
      long count = rs.getLong(1);
      out.println(" count");
      out.println("-------");
      out.printf(" %d%n", count);
      return count;
    }
  }

  private void echo(String sql) {
    out.println();
    out.println(sql);
  }

  private int fail(String message) {
    out.println();
    out.println("FAILED: " + message);
    return 1;
  }

  private void causes(Throwable e) {
    Throwable seen = e;
    for (Throwable cause = e.getCause(); cause != null && cause != seen; seen = cause, cause = cause.getCause()) {
      out.println("  caused by: " + cause);
    }
    if (e instanceof SQLException sql) {
      for (SQLException next = sql.getNextException(); next != null; next = next.getNextException()) {
        out.println("  next: SQLState " + next.getSQLState() + ": " + next.getMessage());
      }
    }
  }

  /** Warns when the JVM lacks the flags Chronicle Map needs (the root pom's {@code streamview.jvmFlags}). */
  private void checkJvmFlags() {
    if (!Object.class.getModule().isOpen("java.lang", Demo.class.getModule())) {
      out.println("WARNING: this JVM was started without the root pom's ${streamview.jvmFlags} "
          + "(--add-opens=java.base/java.lang=ALL-UNNAMED …); Chronicle Map will fail");
    }
  }

  /** Creates the stream (replacing one left by an earlier run on an external endpoint) and waits until ACTIVE. */
  private void createStream(KinesisClient client) {
    try {
      client.createStream(b -> b.streamName(STREAM).shardCount(SHARDS));
    } catch (ResourceInUseException exists) {
      out.println("Stream " + STREAM + " exists already (external endpoint?): deleting it to start afresh");
      client.deleteStream(b -> b.streamName(STREAM).enforceConsumerDeletion(true));
      awaitStatus(client, null);
      client.createStream(b -> b.streamName(STREAM).shardCount(SHARDS));
    }
    awaitStatus(client, StreamStatus.ACTIVE);
  }

  /** Waits, bounded, until the stream has {@code wanted} status ({@code null}: until it is gone). */
  private static void awaitStatus(KinesisClient client, StreamStatus wanted) {
    long deadline = System.nanoTime() + STREAM_WAIT.toNanos();
    StreamStatus status = null;
    while (System.nanoTime() < deadline) {
      try {
        status = client.describeStreamSummary(b -> b.streamName(STREAM)).streamDescriptionSummary().streamStatus();
        if (status == wanted) {
          return;
        }
      } catch (ResourceNotFoundException gone) {
        if (wanted == null) {
          return;
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for stream " + STREAM, e);
      }
    }
    throw new IllegalStateException("Stream " + STREAM + " not " + (wanted == null ? "deleted" : wanted) + " within "
        + STREAM_WAIT.toSeconds() + " s (status " + status + ")");
  }

  private void deleteStream(KinesisClient client) {
    try {
      client.deleteStream(b -> b.streamName(STREAM).enforceConsumerDeletion(true));
    } catch (RuntimeException ignored) {
      // not created, or the endpoint is already gone: nothing to clean up
    }
  }

  private static void deleteDirectory(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      System.err.println("Could not delete " + dir + ": " + e.getMessage());
    }
  }
}
