package io.streamview.jdbc.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * The self-contained jar's shell in a new JVM: on a runtime limited to the modules a GUI's JRE has (no
 * {@code jdk.compiler}) it runs a streaming view over a real Kinesis stream; an interactive session on piped input;
 * a failing script exits with status 1.
 */
@WithKinesis
class ShellJarIT {

  private static final Path JAR = Path.of(System.getProperty("streamview.shadedJar",
      "target/streamview-jdbc-0.1.0-all.jar"));
  /** The modules of a JRE like DBeaver's: Java SE, jdk.unsupported, a few jdk.* services; no jdk.compiler. */
  static final String JRE_MODULES = "java.se,jdk.unsupported,jdk.management,jdk.crypto.ec,jdk.zipfs,jdk.localedata";

  @TempDir
  Path dir;

  private record Run(int exit, String out) {
  }

  private static Run java(List<String> args, String stdin) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try (var in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + out);
    }
    return new Run(p.exitValue(), out.replace("\r", ""));
  }

  @Test
  void runsOnAJreWithoutJdkCompiler(KinesisEndpoint endpoint, KinesisTestStreams streams) throws Exception {
    Run modules = java(List.of("--limit-modules", JRE_MODULES, "--list-modules"), "");
    assertEquals(0, modules.exit(), modules.out());
    assertFalse(modules.out().contains("jdk.compiler"), modules.out());

    String stream = streams.create("jre-clicks", 2);
    List<byte[]> records = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      records.add(("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8));
    }
    streams.putRecords(stream, records);
    String url = "jdbc:streamview:file:" + dir.resolve("db") + endpoint.jdbcProperties();
    Run r = java(List.of("--limit-modules", JRE_MODULES, "-jar", JAR.toString(), url,
        "-e", "CREATE EXTERNAL SCHEMA s FROM KINESIS IAM_ROLE default",
        "-e", "CREATE MATERIALIZED VIEW v AS SELECT JSON_PARSE(from_varbyte(kinesis_data, 'utf-8')) AS d "
            + "FROM s.\"" + stream + "\"",
        "-e", "REFRESH MATERIALIZED VIEW v",
        "-e", "SELECT count(*) AS n FROM v"), "");
    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().contains("n\n30\n(1 row)\n"), r.out());
  }

  @Test
  void interactiveSessionOnPipedInput() throws Exception {
    String session = String.join("\n",
        "CREATE TABLE t (id INTEGER NOT NULL, v SUPER, PRIMARY KEY (id));",
        "INSERT INTO t VALUES (1, JSON_PARSE('{\"a\":1}')),",
        "  (2, JSON_PARSE('[1,2]'));",
        "SELECT id, json_serialize(v) AS v FROM t ORDER BY id;",
        "\\d t",
        "\\q",
        "");
    Run r = java(List.of("--limit-modules", JRE_MODULES, "-jar", JAR.toString(), "jdbc:streamview:mem:"), session);
    assertEquals(0, r.exit(), r.out());
    assertFalse(r.out().contains("INFO net.openhft"), r.out()); // the shell keeps Chronicle's banner out
    assertTrue(r.out().contains("StreamView 0.1.0 shell on jdbc:streamview:mem:"), r.out());
    assertTrue(r.out().contains("  1 | {\"a\":1}\n  2 | [1,2]\n(2 rows)\n"), r.out());
    assertTrue(r.out().contains(" id     | INTEGER | not null\n v      | SUPER   |\n"), r.out());
  }

  @Test
  void aFailingScriptFileExitsWithOne() throws Exception {
    Path script = dir.resolve("bad.sql");
    Files.writeString(script, "CREATE TABLE t (a INTEGER);\nSELECT b FROM t;\nINSERT INTO t VALUES (1);\n");
    Run r = java(List.of("-jar", JAR.toString(), "jdbc:streamview:mem:", "-f", script.toString()), "");
    assertEquals(1, r.exit(), r.out());
    assertTrue(r.out().contains("ERROR 42") && r.out().contains("Column 'b' not found"), r.out());
    assertFalse(r.out().contains("OK 1"), r.out());
  }
}
