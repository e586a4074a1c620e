package io.streamview.jdbc.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A tiny program run in a child JVM by tests: opens a URL, runs statements, prints {@code RESULT <value>} for the
 * first column of each query's first row and {@code SQLSTATE <state> <message>} on failure (exit code 3).
 */
public final class SqlProbe {

  private SqlProbe() {
  }

  public static void main(String[] args) {
    try (Connection c = DriverManager.getConnection(args[0]); Statement s = c.createStatement()) {
      for (int i = 1; i < args.length; i++) {
        if (s.execute(args[i])) {
          try (ResultSet rs = s.getResultSet()) {
            System.out.println("RESULT " + (rs.next() ? rs.getString(1) : "(no rows)"));
          }
        } else {
          System.out.println("DONE " + args[i]);
        }
      }
    } catch (SQLException e) {
      System.out.println("SQLSTATE " + e.getSQLState() + " " + e.getMessage());
      System.exit(3);
    }
    System.exit(0);
  }
}
