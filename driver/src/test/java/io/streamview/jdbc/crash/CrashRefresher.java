package io.streamview.jdbc.crash;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The refresher process the crash tests start and kill. {@code CrashRefresher loop URL VIEW…}: opens the database,
 * prints {@code READY}, then refreshes every view over and over, one thread (and connection) per view, until it is
 * killed. {@code CrashRefresher run URL SQL…}: runs the statements in order, prints the hosts other than the loopback
 * that the process resolved or connected to ({@link HostWatch}), then {@code DONE}, and exits.
 */
public final class CrashRefresher {

  private CrashRefresher() {
  }

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String url = args[1];
    List<String> rest = List.of(args).subList(2, args.length);
    if (mode.equals("run")) {
      HostWatch hosts = HostWatch.install();
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
        for (String sql : rest) {
          s.execute(sql);
        }
        System.out.println("analytics=" + System.getProperty("chronicle.analytics.disable"));
      }
      System.out.println("hosts=" + hosts.remoteHosts());
      System.out.println("DONE");
      return;
    }
    warmUp();
    try (Connection first = connectWhenFree(url)) {
      System.out.println("READY");
      System.out.flush();
      List<Thread> threads = new ArrayList<>();
      for (String view : rest) {
        Thread t = new Thread(() -> refreshForever(url, view), "refresh-" + view);
        t.start();
        threads.add(t);
      }
      for (Thread t : threads) {
        t.join();
      }
    }
  }

  /** Loads and exercises Calcite and Chronicle on an in-memory database while the test still holds the file one. */
  private static void warmUp() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:warm"); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (a INTEGER, b VARCHAR(40))");
      s.execute("INSERT INTO t VALUES (1, '{\"g\":\"x\",\"v\":1}'), (2, '{\"g\":\"y\",\"v\":2}')");
      try (var rs = s.executeQuery("SELECT json_extract_path_text(b, 'g'), COUNT(*), "
          + "SUM(CAST(json_extract_path_text(b, 'v') AS BIGINT)) FROM t WHERE a > 0 GROUP BY 1")) {
        while (rs.next()) {
          rs.getString(1);
        }
      }
    }
  }

  /** Connects once the test JVM has closed the database (SQLState 55006 while it is locked). */
  private static Connection connectWhenFree(String url) throws SQLException, InterruptedException {
    while (true) {
      try {
        return DriverManager.getConnection(url);
      } catch (SQLException e) {
        if (!"55006".equals(e.getSQLState())) {
          throw e;
        }
        Thread.sleep(20);
      }
    }
  }

  private static void refreshForever(String url, String view) {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      while (true) {
        s.execute("REFRESH MATERIALIZED VIEW " + view);
      }
    } catch (SQLException | RuntimeException e) {
      e.printStackTrace();
      System.out.flush();
      Runtime.getRuntime().halt(3);
    }
  }
}
