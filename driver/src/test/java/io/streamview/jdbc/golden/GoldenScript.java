package io.streamview.jdbc.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A golden SQL script: statements ended by {@code ;} at the end of a line, each optionally followed by its expected
 * outcome in comment lines:
 * <pre>
 * SELECT a, b FROM t ORDER BY a;
 * -- a | b
 * -- 1 | x
 * INSERT INTO t VALUES (3, 'z');
 * -- count: 1
 * SELECT * FROM nope;
 * -- error: 42P01 relation "nope" does not exist
 * </pre>
 * A result set is expected as its header line and one line per row (values joined by {@code " | "}, NULL as
 * {@code NULL}); {@code -- error: STATE [text]} expects an SQLException with that SQLState whose message contains the
 * text; {@code -- count: N} an update count. A statement with no expectation must simply succeed.
 */
record GoldenScript(String name, List<Step> steps) {

  record Step(int line, String sql, List<String> expected) {
  }

  static GoldenScript load(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      List<Step> steps = new ArrayList<>();
      StringBuilder sql = new StringBuilder();
      int start = -1;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        String t = line.strip();
        if (sql.length() == 0 && (t.isEmpty() || t.startsWith("--"))) {
          continue;
        }
        if (start < 0) {
          start = i + 1;
        }
        sql.append(line).append('\n');
        if (t.endsWith(";")) {
          List<String> expected = new ArrayList<>();
          int j = i + 1;
          while (j < lines.size() && lines.get(j).strip().startsWith("-- ") || j < lines.size()
              && lines.get(j).strip().equals("--")) {
            String e = lines.get(j).strip();
            expected.add(e.length() > 3 ? e.substring(3) : "");
            j++;
          }
          String stmt = sql.toString().strip();
          steps.add(new Step(start, stmt.substring(0, stmt.length() - 1).strip(), expected));
          sql.setLength(0);
          start = -1;
          i = j - 1;
        }
      }
      return new GoldenScript(file.getFileName().toString(), steps);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
