package io.streamview.jdbc.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Runs every script in {@code src/test/resources/golden} against a real {@code jdbc:streamview:} connection (a fresh
 * private in-memory database per script), statement by statement, comparing outcomes with the expectations written
 * in the script.
 */
class GoldenSqlTest {

  private static final Path DIR = Path.of("src/test/resources/golden");

  @TestFactory
  Stream<DynamicNode> scripts() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      List<Path> sorted = files.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
      assertTrue(sorted.size() > 0, "no golden scripts in " + DIR.toAbsolutePath());
      return sorted.stream().map(GoldenSqlTest::container);
    }
  }

  private static DynamicNode container(Path file) {
    GoldenScript script = GoldenScript.load(file);
    AtomicReference<Connection> conn = new AtomicReference<>();
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(DynamicTest.dynamicTest("open", () -> conn.set(DriverManager.getConnection("jdbc:streamview:mem:"))));
    for (GoldenScript.Step step : script.steps()) {
      tests.add(DynamicTest.dynamicTest("line " + step.line() + ": " + abbreviate(step.sql()),
          () -> run(conn.get(), script.name(), step)));
    }
    tests.add(DynamicTest.dynamicTest("close", () -> conn.get().close()));
    return DynamicContainer.dynamicContainer(script.name(), tests);
  }

  static void run(Connection c, String script, GoldenScript.Step step) throws SQLException {
    assertNotNull(c, "connection did not open");
    List<String> expected = step.expected();
    String where = script + ":" + step.line() + " " + step.sql();
    try (Statement s = c.createStatement()) {
      boolean hasResult;
      List<String> actual = null;
      try {
        hasResult = s.execute(step.sql());
        if (hasResult) {
          actual = render(s.getResultSet());
        }
      } catch (SQLException e) {
        if (!expected.isEmpty() && expected.get(0).startsWith("error:")) {
          String[] parts = expected.get(0).substring(6).strip().split(" ", 2);
          assertEquals(parts[0], e.getSQLState(), where + "\nwrong SQLState for: " + e.getMessage());
          if (parts.length > 1) {
            assertTrue(e.getMessage().contains(parts[1]), where + "\nmessage '" + e.getMessage()
                + "' does not contain '" + parts[1] + "'");
          }
          return;
        }
        throw new AssertionError(where + "\nfailed: " + e.getSQLState() + " " + e.getMessage(), e);
      }
      if (!expected.isEmpty() && expected.get(0).startsWith("error:")) {
        fail(where + "\nexpected " + expected.get(0) + " but it succeeded");
      }
      if (hasResult) {
        if (!expected.isEmpty()) {
          assertEquals(String.join("\n", expected), String.join("\n", actual), where);
        }
      } else if (!expected.isEmpty() && expected.get(0).startsWith("count:")) {
        assertEquals(Long.parseLong(expected.get(0).substring(6).strip()), s.getLargeUpdateCount(), where);
      } else if (!expected.isEmpty()) {
        fail(where + "\nexpected a result set:\n" + String.join("\n", expected));
      }
    }
  }

  static List<String> render(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    ResultSetMetaData md = rs.getMetaData();
    List<String> header = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      header.add(md.getColumnLabel(i));
    }
    out.add(String.join(" | ", header));
    while (rs.next()) {
      List<String> row = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        Object v = rs.getObject(i);
        row.add(v == null ? "NULL" : v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : v.toString());
      }
      out.add(String.join(" | ", row));
    }
    return out;
  }

  private static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() <= 70 ? one : one.substring(0, 67) + "...";
  }
}
