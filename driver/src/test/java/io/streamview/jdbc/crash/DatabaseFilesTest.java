package io.streamview.jdbc.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.WithKinesis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Security of what a database writes (docs/crash-consistency.md, "Files and permissions"): every file a file
 * database creates — catalog, positions, Chronicle map files, open markers, commit journals, lock files — is 0600
 * and every directory 0700, while open and after close. A JVM started with a temporary {@code HOME}, without
 * {@code -Dchronicle.analytics.disable}, opens and uses Chronicle maps through the driver and leaves no
 * {@code .chronicle.analytics.*} file and resolves no host name but the loopback's (a security manager in the child
 * records every lookup and connect): the driver switches Chronicle's analytics off itself.
 */
@WithKinesis
class DatabaseFilesTest {

  @TempDir
  Path dir;

  @Test
  void everyFileIsOwnerOnly(KinesisEndpoint endpoint, KinesisTestStreams streams) throws Exception {
    String stream = streams.create("files", 1);
    streams.putRecords(stream, List.of("{\"a\":1}".getBytes(StandardCharsets.UTF_8),
        "{\"a\":2}".getBytes(StandardCharsets.UTF_8)));
    Path db = dir.resolve("db");
    try (Connection c = DriverManager.getConnection("jdbc:streamview:file:" + db + endpoint.jdbcProperties());
         Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (a INTEGER)");
      s.execute("INSERT INTO t VALUES (1)");
      s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
      s.execute("CREATE MATERIALIZED VIEW v AS SELECT kinesis_data FROM kds.\"" + stream + "\"");
      s.execute("REFRESH MATERIALIZED VIEW v");
      List<String> open = ownerOnly(db);
      for (String expected : List.of("catalog.json", "streamview.lock", "positions", "positions/public.v.json",
          "data", "data/stores.lock")) {
        assertTrue(open.contains(expected), expected + " in " + open);
      }
      assertTrue(open.stream().anyMatch(f -> f.endsWith(".cm3")), "map files in " + open);
      assertTrue(open.stream().anyMatch(f -> f.endsWith(".open")), "open markers in " + open);
      assertTrue(open.stream().anyMatch(f -> f.endsWith(".journal")), "a commit journal in " + open);
    }
    ownerOnly(db);
  }

  @Test
  void chronicleWritesNoAnalyticsFileInHome() throws Exception {
    Path home = Files.createDirectories(dir.resolve("home"));
    Path work = Files.createDirectories(dir.resolve("work"));
    RefresherProcess child = RefresherProcess.start(withHome(RefresherProcess.jvmFlags(false), home),
        Map.of("HOME", home.toString()), "run", "jdbc:streamview:file:" + work.resolve("db"),
        "CREATE TABLE t (a INTEGER, b VARCHAR(20))", "INSERT INTO t VALUES (1, 'one'), (2, 'two')",
        "SELECT COUNT(*) FROM t");
    assertEquals(0, child.await(180), child.output());
    assertTrue(child.output().contains("analytics=true"), child.output());
    assertTrue(child.output().contains("hosts=[]"), "no host but the loopback resolved or connected to: "
        + child.output());
    assertTrue(child.output().contains("DONE"), child.output());
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      files.filter(p -> p.getFileName().toString().contains("chronicle.analytics")).forEach(p -> found.add(
          dir.relativize(p).toString()));
    }
    assertEquals(List.of(), found, "no Chronicle analytics file under HOME or the working directory");
    assertTrue(Files.exists(work.resolve("db").resolve("catalog.json")), "the child really used a database");
  }

  private static List<String> withHome(List<String> flags, Path home) {
    List<String> out = new ArrayList<>(flags);
    out.add("-Duser.home=" + home);
    out.add("-Duser.dir=" + home.getParent().resolve("work"));
    return out;
  }

  /** Checks 0600 files and 0700 directories under {@code root}; the relative paths found. */
  private static List<String> ownerOnly(Path root) throws Exception {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.toList()) {
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        String rel = root.relativize(p).toString();
        assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------", mode, rel.isEmpty() ? "the database" : rel);
        if (!rel.isEmpty()) {
          found.add(rel);
        }
      }
    }
    return found;
  }
}
