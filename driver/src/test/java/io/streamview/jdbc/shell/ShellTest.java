package io.streamview.jdbc.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The shell: {@code -e} and {@code -f} scripts, exit statuses, and an interactive session on a dumb terminal. */
class ShellTest {

  @TempDir
  Path dir;

  private record Run(int exit, String out, String err) {
  }

  private static Run run(String input, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Shell.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void dashERunsStatementsInOrder() {
    Run r = run("", "jdbc:streamview:mem:", "-e", "CREATE TABLE t (a INTEGER, b VARCHAR(5));",
        "-e", "INSERT INTO t VALUES (1, 'x'), (2, 'y')", "-e", "SELECT a, b FROM t ORDER BY a");
    assertEquals(0, r.exit(), r.err());
    assertEquals("OK\nOK 2\na | b\n1 | x\n2 | y\n(2 rows)\n", r.out());
  }

  @Test
  void aFailingStatementStopsTheScriptWithStatusOne() {
    Run r = run("", "jdbc:streamview:mem:", "-e", "CREATE TABLE t (a INTEGER)", "-e", "SELECT nope FROM t",
        "-e", "INSERT INTO t VALUES (1)");
    assertEquals(1, r.exit());
    assertTrue(r.err().startsWith("ERROR 42703: "), r.err());
    assertEquals("OK\n", r.out()); // the INSERT after the error did not run
  }

  @Test
  void dashFRunsAFileOfStatementsAndCommands() throws Exception {
    Path script = dir.resolve("script.sql");
    Files.writeString(script, String.join("\n",
        "-- a table, and a semicolon inside a string",
        "CREATE TABLE notes (id INTEGER NOT NULL, body VARCHAR(20), PRIMARY KEY (id));",
        "INSERT INTO notes VALUES (1, 'a;b'),",
        "  (2, 'c');",
        "\\d notes",
        "SELECT body FROM notes WHERE id = 1"));
    Run r = run("", "jdbc:streamview:mem:", "-f", script.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("OK\nOK 2\ntable public.notes\n"), r.out());
    assertTrue(r.out().contains(" id     | INTEGER     | not null\n"), r.out());
    assertTrue(r.out().endsWith("body\na;b\n(1 row)\n"), r.out());
  }

  @Test
  void badArgumentsExitWithTwo() {
    assertEquals(2, run("", "jdbc:streamview:mem:", "--frobnicate").exit());
    Run demo = run("", "demo");
    assertEquals(2, demo.exit());
    assertTrue(demo.err().contains("mvn -B -q install -DskipTests -Ddemo"), demo.err());
  }

  @Test
  void statementsOfSplitsAtSemicolonsOutsideQuotesAndComments() {
    assertEquals(List.of("SELECT 'a;b'", "SELECT \"x;\" FROM t /* ; */"),
        Shell.statementsOf("SELECT 'a;b'; SELECT \"x;\" FROM t /* ; */;", false));
    assertEquals(List.of("SELECT 1"), Shell.statementsOf("SELECT 1", true));
    assertEquals(List.of("SELECT 1", "SELECT 2\n-- end"), Shell.statementsOf("SELECT 1;\nSELECT 2\n-- end", false));
    assertTrue(StatementSplitter.incomplete("SELECT 1\nFROM t"));
    assertFalse(StatementSplitter.incomplete("SELECT 1;\n-- comment"));
  }

  @Test
  void interactiveSessionOnADumbTerminal() {
    String input = String.join("\n",
        "CREATE TABLE t (a INTEGER,",
        "  b VARCHAR(5));",
        "INSERT INTO t VALUES (1, 'x'), (22, 'yy');",
        "SELECT a, b",
        "FROM t",
        "ORDER BY a;",
        "\\d t",
        "\\dt",
        "\\dn",
        "\\dr",
        "CREATE VIEW v AS SELECT a FROM t;",
        "\\dv",
        "\\q",
        "SELECT 'not reached';",
        "");
    Run r = run(input);
    assertEquals(0, r.exit(), r.out());
    String out = r.out().replace("\r", "");
    assertTrue(out.contains("StreamView 0.1.0 shell on jdbc:streamview:mem:"), out);
    assertTrue(out.contains(InteractiveShell.PROMPT), out);
    assertTrue(out.contains(" a  | b\n----+----\n  1 | x\n 22 | yy\n(2 rows)\n"), out);
    assertTrue(out.contains("table public.t\n"), out);
    assertTrue(out.contains(" b      | VARCHAR(5) |"), out);
    assertTrue(out.contains(" public | t    | table |"), out);
    assertTrue(out.contains(" public | v    | view |"), out);
    assertTrue(out.contains(" schema |"), out);
    assertTrue(out.contains("autorefresh"), out);
    assertFalse(out.contains("not reached"), out);
  }

  @Test
  void interactiveErrorsAreShownAndCounted() {
    Run r = run("SELECT nope;\nSELECT 1 AS n;\n");
    assertEquals(1, r.exit(), r.out());
    String out = r.out().replace("\r", "");
    assertTrue(out.contains("ERROR 42703"), out);
    assertTrue(out.contains(" n\n---\n 1\n(1 row)\n"), out);
  }
}
