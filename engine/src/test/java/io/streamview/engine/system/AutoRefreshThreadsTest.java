package io.streamview.engine.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.streamview.catalog.MaterializedViewDef;
import io.streamview.engine.database.Database;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** The database's auto-refresh threads, with a stand-in for the driver's refresh. */
class AutoRefreshThreadsTest {

  private static final Duration INTERVAL = Duration.ofMillis(50);
  private static final long WAIT_MILLIS = 20_000;

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("not within " + WAIT_MILLIS + " ms: " + what);
      }
      Thread.sleep(10);
    }
  }

  private static List<String> threads(Database db) {
    String prefix = "streamview-auto-refresh " + db.location().describe();
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(n -> n.equals(prefix) || n.startsWith(prefix + " ")).toList();
  }

  @Test
  void autoRefreshViewsAreRefreshedUntilAlteredOff() throws Exception {
    Set<String> seen = ConcurrentHashMap.newKeySet();
    AtomicInteger calls = new AtomicInteger();
    Database db = TestDatabases.open(INTERVAL, (database, view, cancelled) -> {
      seen.add(view);
      calls.incrementAndGet();
    });
    try {
      MaterializedViewDef auto = TestDatabases.view("auto_view", true);
      TestDatabases.put(db, auto);
      TestDatabases.put(db, TestDatabases.view("manual_view", false));
      await("three auto refreshes", () -> calls.get() >= 3);
      assertEquals(Set.of("public.auto_view"), seen, "only AUTO REFRESH YES views are refreshed");
      assertTrue(threads(db).contains("streamview-auto-refresh " + db.location().describe() + " public.auto_view"),
          threads(db).toString());

      TestDatabases.put(db, TestDatabases.withAutoRefresh(auto, false));
      await("the view's worker thread to end", () -> threads(db).size() == 1);
      int after = calls.get(); // only a view's worker thread refreshes it, and it has ended

      TestDatabases.put(db, auto);
      await("auto refresh to resume", () -> calls.get() > after);
    } finally {
      db.close();
    }
    assertEquals(List.of(), threads(db), "closing the database ends its threads");
  }

  @Test
  void closeCancelsARefreshInProgressAndWaitsForIt() throws Exception {
    AtomicBoolean inside = new AtomicBoolean();
    AtomicBoolean cancelledSeen = new AtomicBoolean();
    AtomicInteger after = new AtomicInteger();
    AtomicBoolean closed = new AtomicBoolean();
    Database db = TestDatabases.open(INTERVAL, (database, view, cancelled) -> {
      if (closed.get()) {
        after.incrementAndGet();
      }
      inside.set(true);
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!cancelled.getAsBoolean() && System.nanoTime() < deadline) {
        try {
          Thread.sleep(5); // a long read, polling its cancellation between batches
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      cancelledSeen.set(cancelled.getAsBoolean());
      inside.set(false);
    });
    TestDatabases.put(db, TestDatabases.view("v", true));
    await("a refresh to start", inside::get);
    db.close();
    closed.set(true);
    assertFalse(inside.get(), "close returned while a refresh was running");
    assertTrue(cancelledSeen.get(), "the refresh was cancelled");
    assertEquals(List.of(), threads(db));
    assertEquals(0, after.get(), "no refresh after close");
  }

  @Test
  void aFailingRefreshIsRetriedAndDoesNotEndTheThread() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Database db = TestDatabases.open(INTERVAL, (database, view, cancelled) -> {
      calls.incrementAndGet();
      throw new IllegalStateException("the stream is gone (a test failure, logged on purpose)");
    });
    try {
      TestDatabases.put(db, TestDatabases.view("v", true));
      await("a retry after a failure", () -> calls.get() >= 2);
      assertEquals(2, threads(db).size(), threads(db).toString());
    } finally {
      db.close();
    }
    assertEquals(List.of(), threads(db));
  }

  @Test
  void withoutARefresherNoThreadRuns() {
    Database db = TestDatabases.open();
    try {
      TestDatabases.put(db, TestDatabases.view("v", true));
      assertEquals(List.of(), threads(db));
    } finally {
      db.close();
    }
  }
}
