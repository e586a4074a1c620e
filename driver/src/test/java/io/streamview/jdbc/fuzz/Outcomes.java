package io.streamview.jdbc.fuzz;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the fuzzed statements gave: successes, SQLExceptions by SQLState, and violations (anything but an SQLException
 * escaping, an SQLException without a 5-character SQLState or without a message, or one that says "internal error").
 */
final class Outcomes {

  private long run;
  private long succeeded;
  private final Map<String, Long> byState = new TreeMap<>();
  private final Map<String, String> exampleByState = new TreeMap<>();
  private final List<String> violations = new ArrayList<>();

  void success() {
    run++;
    succeeded++;
  }

  void failure(String what, Throwable t) {
    run++;
    if (t instanceof SQLException e) {
      String state = e.getSQLState();
      byState.merge(String.valueOf(state), 1L, Long::sum);
      exampleByState.putIfAbsent(String.valueOf(state), abbreviate(what) + " -> " + abbreviate(e.getMessage()));
      if (state == null || state.length() != 5) {
        violation(what, "SQLState '" + state + "'", e);
      } else if (e.getMessage() == null || e.getMessage().isBlank()) {
        violation(what, "no message (SQLState " + state + ")", e);
      } else if (state.equals("XX000") || state.equals("HY000")) {
        violation(what, "SQLState " + state + ": " + e.getMessage(), e);
      }
    } else {
      byState.merge(t.getClass().getSimpleName(), 1L, Long::sum);
      violation(what, "escaped " + t.getClass().getName() + ": " + t.getMessage(), t);
    }
  }

  private void violation(String what, String problem, Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    StackTraceElement[] st = root.getStackTrace();
    violations.add(problem + "\n    statement: " + abbreviate(what) + "\n    root: " + root.getClass().getName()
        + ": " + root.getMessage() + "\n      at " + java.util.Arrays.stream(st).limit(6).map(String::valueOf)
        .collect(java.util.stream.Collectors.joining("\n      at ")));
  }

  long run() {
    return run;
  }

  List<String> violations() {
    return violations;
  }

  String figures() {
    StringBuilder sb = new StringBuilder();
    sb.append(run).append(" statements, ").append(succeeded).append(" succeeded, ").append(run - succeeded)
        .append(" failed; by SQLState:\n");
    byState.forEach((s, n) -> sb.append("  ").append(s).append(": ").append(n).append("   e.g. ")
        .append(exampleByState.getOrDefault(s, "")).append('\n'));
    return sb.toString();
  }

  static String abbreviate(String s) {
    if (s == null) {
      return "null";
    }
    String one = s.replaceAll("\\s+", " ");
    return one.length() <= 160 ? one : one.substring(0, 157) + "...";
  }
}
