package io.streamview.jdbc;

import io.streamview.engine.storage.RowStore;
import io.streamview.engine.storage.StorageEngine;

import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.codehaus.janino.SimpleCompiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Work a new JVM does once, on a background thread, so that it overlaps with opening the first database (locking
 * its directory, reading its catalog with Jackson) and with the first query's planning. Started when the driver class
 * loads: first a Calcite connection without a database, which prepares a trivial query (Calcite's and Avatica's
 * connection classes, operator tables, the Redshift functions: what every first connection needs) and, unless the
 * connection waiting for it is to an in-memory database, initializes Calcite's table of operator implementations
 * ({@code RexImpTable}, what the first compiled statement needs); then Janino compiling a small class (what
 * Calcite's code generation runs on). When a connection opens a directory database, an in-memory Chronicle Map store
 * created, written and closed is added (Chronicle's analytics are switched off before, by the driver's static
 * initializer); a new in-memory database has no stores, and its first connection need not load Chronicle Map at all.
 *
 * <p>The tasks run in order on one daemon thread, {@code streamview-warm-up}, that ends when it has nothing left to
 * do; a failure is only logged (the real connection reports its own). A connection waits for the Calcite part
 * before it touches Calcite itself ({@link #awaitCalcite}), so that no two threads initialize Calcite's classes at
 * once (their static initializers refer to each other, and two threads initializing them concurrently could
 * deadlock). While it waits, the first connecting thread does parts that refer to no Calcite class
 * ({@link #whileWaiting}): Chronicle, Janino and Avatica's protobuf descriptors initialize without referring to
 * Calcite or to a class of the driver. System property
 * {@value #DISABLE_PROPERTY}{@code =false} switches it off.
 */
final class DriverWarmUp {

  /** Set to {@code false} to start no warm-up thread. */
  static final String DISABLE_PROPERTY = "streamview.warmUp";

  /** The statement the Calcite part prepares (Calcite answers it without planning: a first {@code SELECT 1} needs none). */
  static final String QUERY = "SELECT 1";

  private static final Logger LOG = LoggerFactory.getLogger(DriverWarmUp.class);
  private static final long MAX_WAIT_SECONDS = 60;
  private static final CountDownLatch CALCITE_DONE = new CountDownLatch(1);

  /** Whether a connection to an in-memory database has asked, and none to a directory. */
  private static volatile boolean memoryOnly;
  private static final AtomicBoolean STORAGE_ASKED = new AtomicBoolean();

  private static volatile Thread thread;
  private static volatile ThreadPoolExecutor tasks;

  private DriverWarmUp() {
  }

  /** Starts the warm-up (once per JVM, from the driver's static initializer). */
  static void start(CalciteOpener opener) {
    if ("false".equalsIgnoreCase(System.getProperty(DISABLE_PROPERTY))) {
      CALCITE_DONE.countDown();
      return;
    }
    ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        r -> {
          Thread t = new Thread(r, "streamview-warm-up");
          t.setDaemon(true);
          return t;
        });
    executor.allowCoreThreadTimeOut(true);
    tasks = executor;
    executor.execute(() -> {
      thread = Thread.currentThread();
      try {
        quietly("Calcite", () -> {
          try (Connection c = opener.open(); PreparedStatement ps = c.prepareStatement(QUERY)) {
            ps.getMetaData();
          }
          if (!memoryOnly) { // an in-memory database's first statement may need no code generation (SELECT 1)
            Objects.requireNonNull(RexImpTable.INSTANCE);
          }
        });
      } finally {
        thread = null;
        CALCITE_DONE.countDown();
      }
    });
    executor.execute(JANINO::run);
  }

  /**
   * A connection is opening a database: an in-memory one needs no storage classes yet (its stores are made by its
   * first CREATE), a directory one soon reads its stored tables, so Chronicle Map is warmed up for it (once per JVM:
   * by the connecting thread while it waits for the Calcite part, else by the warm-up thread after its other tasks).
   */
  static void connecting(boolean directory) {
    if (!directory) {
      memoryOnly = !STORAGE_ASKED.get();
      return;
    }
    memoryOnly = false;
    ThreadPoolExecutor executor = tasks;
    if (executor == null || !STORAGE_ASKED.compareAndSet(false, true)) {
      return;
    }
    executor.execute(CHRONICLE::run);
  }

  /** Janino compiling a small class: the compiler Calcite's generated code and metadata handlers run on. */
  private static final Once JANINO = new Once("Janino", () -> new SimpleCompiler().cook("public class WarmUp { "
      + "public static int f(int a) { int s = 0; for (int i = 0; i < a; i++) { s += i; } return s; } }"));

  /** An in-memory Chronicle Map store created, written and closed: the classes a directory's stores open with. */
  private static final Once CHRONICLE = new Once("Chronicle Map", () -> {
    try (StorageEngine engine = StorageEngine.inMemory()) {
      RowStore store = engine.open("warm-up");
      store.put("k".getBytes(StandardCharsets.UTF_8), new Object[] {1, "v"});
      store.get("k".getBytes(StandardCharsets.UTF_8));
    }
  });

  /**
   * What the first connecting thread does while the warm-up thread is busy with Calcite, instead of only waiting:
   * work that refers to no Calcite class, so that two threads may run it at once (a class is initialized once, by
   * whichever thread comes first; the other waits for it, and none of these initializers waits for a Calcite class).
   * Avatica's connection properties build the descriptors of Avatica's protocol buffers (about 180 protobuf
   * classes), which the warm-up's Calcite connection needs when it makes its metadata object; then, for a directory
   * database and while Calcite is still not done, the Janino and Chronicle Map parts of the warm-up, which the
   * warm-up thread would otherwise do after Calcite, beside the connection's own first statement (whose planning,
   * compiling and first store read need them). For an in-memory database the Janino part stays on the warm-up
   * thread: a first {@code SELECT 1} needs no compiler, and the connection would wait for it if it outlasted the
   * Calcite part.
   */
  private static void whileWaiting() {
    quietly("Avatica's protobuf descriptors", () -> Class.forName(AVATICA_CONNECTION_PROPERTIES, true,
        DriverWarmUp.class.getClassLoader()));
    if (STORAGE_ASKED.get()) { // a directory database: its first query compiles code and opens a store
      if (CALCITE_DONE.getCount() > 0) {
        JANINO.run();
      }
      if (CALCITE_DONE.getCount() > 0) {
        CHRONICLE.run();
      }
    }
  }

  /** A part of the warm-up that refers to no Calcite class, done once by whichever thread claims it first. */
  private static final class Once {
    private final String what;
    private final Work work;
    private final AtomicBoolean claimed = new AtomicBoolean();

    Once(String what, Work work) {
      this.what = what;
      this.work = work;
    }

    void run() {
      if (claimed.compareAndSet(false, true)) {
        quietly(what, work);
      }
    }
  }

  /** Avatica's class whose static initializer builds its protobuf descriptors (no Calcite class involved). */
  static final String AVATICA_CONNECTION_PROPERTIES = "org.apache.calcite.avatica.ConnectionPropertiesImpl";

  private static final AtomicBoolean WHILE_WAITING = new AtomicBoolean();

  private static void quietly(String what, Work work) {
    try {
      work.run();
    } catch (Throwable e) {
      LOG.debug("warming up {} failed (the first connection will do this work itself)", what, e);
    }
  }

  /** Opens a Calcite connection of the driver that needs no database. */
  @FunctionalInterface
  interface CalciteOpener {
    Connection open() throws Exception;
  }

  @FunctionalInterface
  private interface Work {
    void run() throws Exception;
  }

  /**
   * Waits until the warm-up thread is done with Calcite (at most a minute), unless called on that thread. Returns at
   * once when it is done or there is none.
   */
  static void awaitCalcite() {
    if (CALCITE_DONE.getCount() == 0 || Thread.currentThread() == thread) {
      return;
    }
    if (WHILE_WAITING.compareAndSet(false, true)) {
      whileWaiting();
    }
    boolean interrupted = false;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_WAIT_SECONDS);
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        try {
          if (CALCITE_DONE.await(Math.max(0, left), TimeUnit.NANOSECONDS)) {
            return;
          }
          LOG.warn("streamview-warm-up has not finished with Calcite within {} s; connecting without waiting",
              MAX_WAIT_SECONDS);
          return;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
