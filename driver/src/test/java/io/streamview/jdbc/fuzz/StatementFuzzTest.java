package io.streamview.jdbc.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.WithKinesis;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Feeds thousands of generated and mutated statements (the golden scripts' statements mutated by
 * {@link SqlMutator}, and {@link SqlGenerator}'s) through {@code Statement} and {@code PreparedStatement} with random
 * parameter setters, and checks that only {@link SQLException}s with a 5-character SQLState and a message escape,
 * never an Error or RuntimeException, and that the database still answers afterwards: {@code SELECT 1}, and a table
 * and a streaming view created before the fuzzing still hold their rows.
 *
 * <p>Seeded and reproducible: {@code -Dstreamview.fuzz.seed=N}, {@code -Dstreamview.fuzz.statements=N}. The figures
 * (statements run, errors by SQLState) are printed to the test's output.
 */
@WithKinesis
class StatementFuzzTest {

  private static final long SEED = Long.getLong("streamview.fuzz.seed", 20261126L);
  private static final int STATEMENTS = Integer.getInteger("streamview.fuzz.statements", 8000);
  /** The wall-clock budget: the run stops early (saying so) rather than take longer on a loaded machine. */
  private static final long BUDGET_NANOS = Long.getLong("streamview.fuzz.budgetSeconds", 50L) * 1_000_000_000L;
  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  @Test
  void onlySqlExceptionsEscapeAndTheDatabaseStillAnswers(KinesisEndpoint endpoint, KinesisTestStreams streams)
      throws Exception {
    String stream = streams.create("fuzz", 2);
    List<byte[]> records = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      records.add(("{\"a\":" + i + ",\"b\":\"k" + (i % 3) + "\"}").getBytes(StandardCharsets.UTF_8));
    }
    streams.putRecords(stream, records);
    String url = "jdbc:streamview:mem:" + endpoint.jdbcProperties();
    List<String> golden = goldenStatements(stream);
    assertTrue(golden.size() > 100, "golden statements: " + golden.size());
    Random random = new Random(SEED);
    SqlMutator mutator = new SqlMutator(random);
    SqlGenerator generator = new SqlGenerator(random);
    Outcomes outcomes = new Outcomes();
    long start = System.nanoTime();
    boolean budgetHit = false;
    try (Connection c = DriverManager.getConnection(url)) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
        s.execute("CREATE TABLE fuzz_sentinel (id INTEGER NOT NULL, label VARCHAR(20))");
        s.execute("INSERT INTO fuzz_sentinel VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        s.execute("CREATE MATERIALIZED VIEW fuzz_sentinel_mv AS SELECT partition_key, kinesis_data FROM kds.\""
            + stream + "\"");
        s.execute("REFRESH MATERIALIZED VIEW fuzz_sentinel_mv");
      }
      assertAnswers(c);
      for (int i = 0; i < STATEMENTS; i++) {
        if (System.nanoTime() - start > BUDGET_NANOS) {
          budgetHit = true;
          break;
        }
        String sql = switch (random.nextInt(10)) {
          case 0 -> golden.get(random.nextInt(golden.size()));
          case 1, 2, 3, 4, 5 -> mutator.mutate(golden.get(random.nextInt(golden.size())));
          case 6 -> mutator.mutate(generator.next());
          default -> generator.next();
        };
        sql = sql.replaceAll("\\bkds\\.s\\b", "kds.\"" + stream + "\"");
        runOne(c, sql, random, outcomes);
        if (i % 250 == 249) {
          assertAnswers(c);
        }
      }
      assertAnswers(c);
    }
    try (Connection again = DriverManager.getConnection(url)) {
      assertAnswers(again); // a private mem: database: the new connection sees a fresh one, which must work too
    }
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    System.out.println("StatementFuzzTest seed " + SEED + ", " + seconds + " s" + (budgetHit ? " (time budget hit)" : "")
        + ": " + outcomes.figures());
    assertTrue(outcomes.run() >= Math.min(STATEMENTS, 300), "too few statements ran: " + outcomes.run());
    assertTrue(outcomes.violations().isEmpty(), outcomes.violations().size() + " violations (seed " + SEED + "):\n"
        + String.join("\n", outcomes.violations().subList(0, Math.min(40, outcomes.violations().size()))));
  }

  /** The connection still answers: SELECT 1, the sentinel table and the sentinel view hold their rows. */
  private static void assertAnswers(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT 1")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getInt(1));
      }
      if (exists(c, "fuzz_sentinel")) {
        try (ResultSet rs = s.executeQuery("SELECT count(*), sum(id) FROM fuzz_sentinel")) {
          assertTrue(rs.next());
          assertEquals(3, rs.getLong(1), "sentinel rows");
          assertEquals(6, rs.getLong(2), "sentinel ids");
        }
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM fuzz_sentinel_mv")) {
          assertTrue(rs.next());
          assertEquals(12, rs.getLong(1), "sentinel view rows");
        }
      }
    }
  }

  private static boolean exists(Connection c, String table) throws SQLException {
    try (ResultSet rs = c.getMetaData().getTables(null, null, table, null)) {
      return rs.next();
    }
  }

  private static void runOne(Connection c, String sql, Random random, Outcomes outcomes) {
    int mode = random.nextInt(10);
    try {
      if (mode < 5) {
        try (Statement s = c.createStatement()) {
          switch (mode) {
            case 0 -> consume(s.executeQuery(sql));
            case 1 -> s.executeUpdate(sql);
            case 2 -> {
              s.addBatch(sql);
              s.addBatch(sql);
              s.executeBatch();
            }
            default -> {
              if (s.execute(sql)) {
                consume(s.getResultSet());
              }
              s.getUpdateCount();
              s.getMoreResults();
            }
          }
        }
      } else {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          if (random.nextBoolean()) {
            ps.getParameterMetaData().getParameterCount();
          }
          int setters = random.nextInt(4);
          for (int k = 0; k < setters; k++) {
            setRandomParameter(ps, random);
          }
          switch (mode) {
            case 5 -> consume(ps.executeQuery());
            case 6 -> ps.executeUpdate();
            case 7 -> {
              ps.addBatch();
              ps.executeBatch();
            }
            default -> {
              if (ps.execute()) {
                consume(ps.getResultSet());
              }
              ps.clearParameters();
              ps.getMetaData();
            }
          }
        }
      }
      outcomes.success();
    } catch (Throwable t) {
      outcomes.failure(sql, t);
    }
  }

  private static void setRandomParameter(PreparedStatement ps, Random random) throws SQLException {
    int[] indexes = {1, 1, 2, 3, 0, -1, 1000};
    int i = indexes[random.nextInt(indexes.length)];
    switch (random.nextInt(18)) {
      case 0 -> ps.setInt(i, random.nextInt());
      case 1 -> ps.setLong(i, Long.MAX_VALUE);
      case 2 -> ps.setString(i, random.nextBoolean() ? "x'; DROP TABLE fuzz_sentinel; --" : "\u00e9\u4e2d\ud83d\ude00");
      case 3 -> ps.setString(i, null);
      case 4 -> ps.setNull(i, new int[] {Types.INTEGER, Types.VARCHAR, Types.OTHER, Types.STRUCT, 12345}[
          random.nextInt(5)]);
      case 5 -> ps.setBigDecimal(i, new BigDecimal("1e400"));
      case 6 -> ps.setDouble(i, random.nextBoolean() ? Double.NaN : Double.NEGATIVE_INFINITY);
      case 7 -> ps.setTimestamp(i, new Timestamp(random.nextLong() % 300_000_000_000_000L));
      case 8 -> ps.setDate(i, new Date(0));
      case 9 -> ps.setBytes(i, new byte[] {0, (byte) 0xff, 0x7f});
      case 10 -> ps.setObject(i, new Object());
      case 11 -> ps.setObject(i, List.of(1, 2));
      case 12 -> ps.setObject(i, "abc", Types.INTEGER);
      case 13 -> ps.setObject(i, java.util.UUID.randomUUID());
      case 14 -> ps.setBoolean(i, true);
      case 15 -> ps.setObject(i, java.time.LocalDateTime.of(2026, 1, 1, 0, 0));
      case 16 -> ps.setShort(i, Short.MIN_VALUE);
      default -> ps.setFloat(i, Float.MAX_VALUE);
    }
  }

  private static void consume(ResultSet rs) throws SQLException {
    try (rs) {
      ResultSetMetaData md = rs.getMetaData();
      int n = md.getColumnCount();
      for (int row = 0; row < 50 && rs.next(); row++) {
        for (int col = 1; col <= n; col++) {
          rs.getObject(col);
          rs.getString(col);
          md.getColumnTypeName(col);
        }
      }
    }
  }

  /** Every statement of the golden scripts. */
  static List<String> goldenStatements(String stream) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(GOLDEN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".sql")).sorted().toList()) {
        StringBuilder sql = new StringBuilder();
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          String t = line.strip();
          if (sql.length() == 0 && (t.isEmpty() || t.startsWith("--"))) {
            continue;
          }
          sql.append(line).append('\n');
          if (t.endsWith(";")) {
            String stmt = sql.toString().strip();
            out.add(stmt.substring(0, stmt.length() - 1));
            sql.setLength(0);
          }
        }
      }
    }
    return out;
  }
}
