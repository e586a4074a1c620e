package io.streamview.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Benchmark 6's child JVM: {@code <engine> <mem|file> [dir] [prepare]}. Prints {@code RESULT ms <n>}: the time from
 * the driver's {@code connect} (its class loaded first) to the first row of the first query (mem: SELECT 1; file: a COUNT over a stored table that
 * {@code prepare} made).
 */
public final class ColdStartChild {

  private ColdStartChild() {
  }

  public static void main(String[] args) throws Exception {
    String engine = args[0];
    boolean file = args[1].equals("file");
    boolean prepare = args.length > 3 && args[3].equals("prepare");
    String url = switch (engine) {
      case "streamview" -> file ? "jdbc:streamview:file:" + args[2] : "jdbc:streamview:mem:";
      case "h2" -> file ? "jdbc:h2:file:" + args[2] + "/h2" : "jdbc:h2:mem:";
      case "duckdb" -> file ? "jdbc:duckdb:" + args[2] + "/duck.db" : "jdbc:duckdb:";
      default -> throw new IllegalArgumentException(engine);
    };
    long t0 = System.nanoTime();
    // the engine's own driver, not DriverManager: DriverManager would load every driver on the class path first
    java.sql.Driver driver = switch (engine) {
      case "streamview" -> new io.streamview.jdbc.StreamViewDriver();
      case "h2" -> new org.h2.Driver();
      default -> new org.duckdb.DuckDBDriver();
    };
    java.util.Properties props = new java.util.Properties();
    if (engine.equals("h2")) {
      props.setProperty("user", "sa");
      props.setProperty("password", "");
    }
    try (Connection c = driver.connect(url, props); Statement s = c.createStatement()) {
      if (prepare) {
        s.execute("CREATE TABLE t (a INTEGER, b VARCHAR(20))");
        for (int i = 0; i < 10; i++) {
          StringBuilder sql = new StringBuilder("INSERT INTO t VALUES ");
          for (int j = 0; j < 100; j++) {
            sql.append(j == 0 ? "" : ", ").append("(").append(i * 100 + j).append(", 'row ").append(j).append("')");
          }
          s.execute(sql.toString());
        }
        return;
      }
      try (ResultSet rs = s.executeQuery(file ? "SELECT COUNT(*) FROM t WHERE a >= 0" : "SELECT 1")) {
        rs.next();
        rs.getLong(1);
      }
      System.out.println("RESULT ms " + (System.nanoTime() - t0) / 1e6);
    }
  }
}
