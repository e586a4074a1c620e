package io.streamview.jdbc;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar streamview-jdbc-<version>-all.jar URL -e "SQL" [-e "SQL" …]}: runs statements and prints their
 * results; exits with status 1 on the first error. (The interactive shell is a later addition.)
 */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
      out.println("StreamView JDBC driver 0.1.0");
      out.println("usage: java -jar streamview-jdbc-0.1.0-all.jar jdbc:streamview:URL -e \"SQL\" [-e \"SQL\" ...]");
      out.println("URLs: jdbc:streamview:mem:  jdbc:streamview:mem:NAME  jdbc:streamview:file:PATH  [;key=value...]");
      out.println("properties:");
      for (ConnectionProperty p : ConnectionProperty.values()) {
        out.println("  " + p.key() + " - " + p.description());
      }
      return args.length == 0 ? 2 : 0;
    }
    List<String> statements = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("-e") && i + 1 < args.length) {
        statements.add(args[++i]);
      } else {
        err.println("unexpected argument: " + args[i] + " (use -e \"SQL\")");
        return 2;
      }
    }
    try (Connection c = DriverManager.getConnection(args[0]); Statement s = c.createStatement()) {
      for (String sql : statements) {
        if (s.execute(sql)) {
          try (ResultSet rs = s.getResultSet()) {
            print(rs, out);
          }
        } else {
          out.println("OK" + (s.getUpdateCount() > 0 ? " " + s.getUpdateCount() : ""));
        }
      }
      return 0;
    } catch (SQLException e) {
      err.println("ERROR " + e.getSQLState() + ": " + e.getMessage());
      return 1;
    }
  }

  private static void print(ResultSet rs, PrintStream out) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    StringBuilder header = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      header.append(i > 1 ? " | " : "").append(md.getColumnLabel(i));
    }
    out.println(header);
    int rows = 0;
    while (rs.next()) {
      StringBuilder line = new StringBuilder();
      for (int i = 1; i <= n; i++) {
        line.append(i > 1 ? " | " : "").append(rs.getString(i));
      }
      out.println(line);
      rows++;
    }
    out.println("(" + rows + (rows == 1 ? " row)" : " rows)"));
  }
}
