package io.streamview.jdbc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.WithKinesis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The self-contained jar, alone, in a new JVM: {@code java -jar} needs no flags (its manifest declares them), runs
 * the Redshift example against a real Kinesis endpoint, and a JVM started without the flags gets an error that lists
 * them.
 */
@WithKinesis
class ShadedJarIT {

  private static final Path JAR = Path.of(System.getProperty("streamview.shadedJar",
      "target/streamview-jdbc-0.1.0-all.jar"));

  @TempDir
  Path dir;

  private record Run(int exit, String out) {
  }

  private static Run java(List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + out);
    }
    return new Run(p.exitValue(), out);
  }

  @Test
  void javaDashJarRunsTheRedshiftExampleAgainstKinesis(KinesisEndpoint endpoint, KinesisTestStreams streams)
      throws Exception {
    assertTrue(Files.isRegularFile(JAR), "missing " + JAR.toAbsolutePath());
    String stream = streams.create("jar-example", 2);
    List<byte[]> records = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      records.add(("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8));
    }
    records.add("[1,2]".getBytes(StandardCharsets.UTF_8));
    records.add("not json".getBytes(StandardCharsets.UTF_8));
    streams.putRecords(stream, records);
    String url = "jdbc:streamview:file:" + dir.resolve("db") + endpoint.jdbcProperties();
    Run r = java(List.of("-jar", JAR.toString(), url,
        "-e", "CREATE EXTERNAL SCHEMA schema_one FROM KINESIS IAM_ROLE default;",
        "-e", "CREATE MATERIALIZED VIEW my_view AS SELECT ApproximateArrivalTimestamp, "
            + "JSON_PARSE(from_varbyte(Data, 'utf-8')) as Data FROM schema_one.\"" + stream + "\" "
            + "WHERE is_utf8(Data) AND is_valid_json(from_varbyte(Data, 'utf-8'));",
        "-e", "REFRESH MATERIALIZED VIEW my_view;",
        "-e", "select count(*) AS n, count(DISTINCT data) AS d from my_view;"));
    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().contains("n | d\n40 | 40\n"), r.out());
    assertTrue(!r.out().contains(endpoint.secretAccessKey()) || endpoint.secretAccessKey().length() < 4, r.out());
  }

  @Test
  void aJvmWithoutTheFlagsGetsAnErrorListingThem() throws Exception {
    Run r = java(List.of("-cp", JAR.toString(), "io.streamview.jdbc.Main", "jdbc:streamview:mem:",
        "-e", "CREATE TABLE t (a INTEGER)"));
    assertEquals(1, r.exit(), r.out());
    assertTrue(r.out().contains("ERROR 08001"), r.out());
    for (String flag : List.of("--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED")) {
      assertTrue(r.out().contains(flag), "missing " + flag + " in: " + r.out());
    }
  }
}
