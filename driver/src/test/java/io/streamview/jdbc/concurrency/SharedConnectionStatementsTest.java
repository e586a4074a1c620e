package io.streamview.jdbc.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Threads sharing one connection create, prepare, run and close statements at the same time. Calcite numbers a
 * connection's statements with a plain counter in a plain map; the boundary holds the connection's statement
 * registry while a statement is created, prepared or closed, so no two statements share an id and none is lost.
 */
class SharedConnectionStatementsTest {

  private static final int THREADS = 4;
  private static final int ROUNDS = 40;

  @Test
  void statementsMadeAndClosedFromManyThreadsOnOneConnectionAllWork() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:shared-statements" + System.nanoTime())) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE t (id INTEGER, name VARCHAR(20))");
        s.execute("INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, 'three')");
      }
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Long>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          start.await();
          long sum = 0;
          for (int i = 0; i < ROUNDS; i++) {
            // a distinct text per round, so each prepare plans (the plan cache would otherwise answer)
            try (PreparedStatement ps = c.prepareStatement(
                "SELECT id + " + (thread * ROUNDS + i) + " FROM t WHERE id = ?")) {
              ps.setInt(1, 1 + i % 3);
              try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                sum += rs.getInt(1) - (thread * ROUNDS + i);
              }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
              assertTrue(rs.next());
              assertEquals(3, rs.getInt(1));
            }
          }
          return sum;
        }));
      }
      start.countDown();
      long expected = 0;
      for (int i = 0; i < ROUNDS; i++) {
        expected += 1 + i % 3;
      }
      for (Future<Long> r : results) {
        assertEquals(expected, r.get());
      }
      pool.shutdown();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM t WHERE id = 2")) {
        assertTrue(rs.next());
        assertEquals("two", rs.getString(1));
      }
    }
  }
}
