package io.streamview.jdbc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a new JVM's first connection loads (docs/jdbc.md, "Warm-up of a new JVM"): an in-memory database answers
 * {@code SELECT 1} without Chronicle Map (a new in-memory database has no stores), without the catalog's Jackson
 * mapping and without Calcite's table of operator implementations ({@code RexImpTable}, which registering the
 * Redshift functions no longer initializes); the first statement that compiles code loads it, and the Redshift
 * functions work. Each case runs {@link SqlProbe} in a new JVM with {@code -Xlog:class+load} and reads which classes
 * it loaded before and after each statement's result line.
 */
class ColdStartClassesTest {

  private static final String REX_IMP_TABLE = " org.apache.calcite.adapter.enumerable.RexImpTable ";

  /** Without the warm-up thread, so that every class the connection loads is loaded by it, in order. */
  @Test
  void memSelectOneLoadsNoStorageNoCatalogMappingNoOperatorTable() throws Exception {
    List<String> out = run(List.of("-Dstreamview.warmUp=false"), "jdbc:streamview:mem:", "SELECT 1",
        "SELECT json_typeof(json_parse('[1, 2]')), date_trunc('month', TIMESTAMP '2024-05-17 10:11:12')");
    int first = out.indexOf("RESULT 1");
    assertTrue(first > 0, () -> String.join("\n", out));
    List<String> beforeFirst = out.subList(0, first);
    assertFalse(beforeFirst.stream().anyMatch(l -> l.contains(REX_IMP_TABLE)), "RexImpTable before SELECT 1");
    assertFalse(beforeFirst.stream().anyMatch(l -> l.contains(" net.openhft.")), "Chronicle before SELECT 1");
    assertFalse(beforeFirst.stream().anyMatch(l -> l.contains(" com.fasterxml.jackson.databind.")),
        "Jackson databind before SELECT 1");
    assertTrue(out.contains("RESULT array"), () -> String.join("\n", out));
    assertTrue(out.subList(first, out.size()).stream().anyMatch(l -> l.contains(REX_IMP_TABLE)),
        "the compiled statement loads RexImpTable");
    assertFalse(out.stream().anyMatch(l -> l.contains(" net.openhft.")), "Chronicle without a store");
  }

  /** With the warm-up (the default): Chronicle Map is warmed up only for a directory database. */
  @Test
  void warmUpLoadsChronicleOnlyForDirectoryDatabases(@TempDir Path dir) throws Exception {
    List<String> mem = run(List.of(), "jdbc:streamview:mem:", "SELECT 1");
    assertTrue(mem.contains("RESULT 1"), () -> String.join("\n", mem));
    assertFalse(mem.stream().anyMatch(l -> l.contains(" net.openhft.")), () -> "Chronicle loaded for mem:");

    String url = "jdbc:streamview:file:" + dir.resolve("db");
    List<String> made = run(List.of(), url, "CREATE TABLE t (a INTEGER)", "INSERT INTO t VALUES (1), (2), (40)");
    assertTrue(made.stream().anyMatch(l -> l.startsWith("DONE INSERT")), () -> String.join("\n", made));
    List<String> file = run(List.of(), url, "SELECT SUM(a) FROM t WHERE a >= 0");
    assertEquals(1, file.stream().filter(l -> l.equals("RESULT 43")).count(), () -> String.join("\n", file));
    assertTrue(file.stream().anyMatch(l -> l.contains(" net.openhft.chronicle.map.")), "Chronicle for file:");
  }

  private static List<String> run(List<String> flags, String url, String... statements)
      throws IOException, InterruptedException {
    List<String> jvmFlags = new ArrayList<>(flags);
    jvmFlags.add("-Xlog:class+load=info:stdout");
    ChildJvm.Result r = ChildJvm.run(jvmFlags, url, statements);
    String text = r.output();
    assertEquals(0, r.exitCode(), () -> text.length() > 4000 ? text.substring(text.length() - 4000) : text);
    return text.lines().toList();
  }
}
