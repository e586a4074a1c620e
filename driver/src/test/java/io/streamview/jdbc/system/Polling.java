package io.streamview.jdbc.system;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Bounded polling and small query helpers for the system-view tests. */
final class Polling {

  static final long WAIT_MILLIS = 30_000;

  private Polling() {
  }

  interface Check {
    boolean holds() throws Exception;
  }

  /** Polls {@code check} every 50 ms until it holds; fails after {@link #WAIT_MILLIS}. */
  static void await(String what, Check check) throws Exception {
    long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        fail("not within " + WAIT_MILLIS / 1000 + " s: " + what);
      }
      Thread.sleep(50);
    }
  }

  static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static String string(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** The names of the live threads whose name starts with {@code prefix}. */
  static List<String> threads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(n -> n.startsWith(prefix)).sorted().toList();
  }
}
