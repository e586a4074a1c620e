package io.streamview.engine.database;

import io.streamview.catalog.MaterializedViewDef;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The auto-refresh threads of an open database. A supervisor thread looks at the catalog every interval and starts
 * one worker thread per view with AUTO REFRESH YES; a worker refreshes its view, pauses for the interval, and
 * repeats until the view is dropped or altered to AUTO REFRESH NO. After a failure (recorded in the refresh system
 * views by the {@link ViewRefresher} and logged here) the pause doubles with each failure in a row, up to
 * {@link #MAX_BACKOFF} or the interval if that is longer. All threads are daemons named
 * {@code streamview-auto-refresh <database>[ <view>]}. {@link #close()} stops them: a refresh in progress is cancelled
 * after the batch in hand, and close returns when every thread has ended.
 */
final class AutoRefresher implements AutoCloseable {

  /** The thread name prefix of every auto-refresh thread. */
  static final String THREAD_PREFIX = "streamview-auto-refresh ";

  static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
  private static final Duration STOP_WAIT = Duration.ofSeconds(60);
  private static final Duration INTERRUPTED_STOP_WAIT = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(AutoRefresher.class);

  private final Database database;
  private final ViewRefresher refresher;
  private final long intervalMillis;
  private final String name;
  private final Object monitor = new Object();
  private final Map<String, Thread> workers = new LinkedHashMap<>(); // guarded by monitor
  private Thread supervisor; // guarded by monitor
  private volatile boolean stopping;

  AutoRefresher(Database database, ViewRefresher refresher, Duration interval) {
    this.database = database;
    this.refresher = refresher;
    this.intervalMillis = interval.toMillis();
    this.name = THREAD_PREFIX + database.location().describe();
  }

  void start() {
    synchronized (monitor) {
      if (supervisor == null && !stopping) {
        supervisor = daemon(name, this::supervise);
        supervisor.start();
      }
    }
  }

  private static Thread daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.setUncaughtExceptionHandler((thread, e) -> LOG.error("{} ended by an unexpected error", thread.getName(), e));
    return t;
  }

  private void supervise() {
    while (!stopping) {
      try {
        for (MaterializedViewDef mv : database.catalog().current().materializedViews().values()) {
          if (mv.autoRefresh()) {
            ensureWorker(mv);
          }
        }
      } catch (RuntimeException | Error e) {
        if (!stopping) {
          LOG.error("auto refresh of {}: cannot read the catalog", database.location().describe(), e);
        }
      }
      pause(intervalMillis);
    }
  }

  private void ensureWorker(MaterializedViewDef mv) {
    String key = mv.qualifiedName();
    synchronized (monitor) {
      if (stopping || workers.containsKey(key)) {
        return;
      }
      Thread worker = daemon(name + " " + mv.schema() + "." + mv.name(), () -> work(key));
      workers.put(key, worker);
      worker.start();
    }
  }

  private void work(String key) {
    int failures = 0;
    try {
      while (!stopping && stillAuto(key)) {
        try {
          refresher.refresh(database, key, () -> stopping);
          failures = 0;
        } catch (RuntimeException | Error e) {
          failures++;
          if (!stopping) {
            LOG.warn("auto refresh of {} in {} failed ({} in a row); next attempt in {} ms", key,
                database.location().describe(), failures, delayAfter(failures), e);
          }
        }
        pause(delayAfter(failures));
      }
    } finally {
      synchronized (monitor) {
        workers.remove(key, Thread.currentThread());
      }
    }
  }

  private boolean stillAuto(String key) {
    MaterializedViewDef mv = database.catalog().current().materializedViews().get(key);
    return mv != null && mv.autoRefresh();
  }

  /** The pause after {@code failures} failed refreshes in a row. */
  private long delayAfter(int failures) {
    if (failures == 0) {
      return intervalMillis;
    }
    long cap = Math.max(intervalMillis, MAX_BACKOFF.toMillis());
    long delay = intervalMillis << Math.min(failures, 20);
    return delay <= 0 ? cap : Math.min(delay, cap);
  }

  private void pause(long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    synchronized (monitor) {
      long left;
      while (!stopping && (left = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(monitor, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Stops every thread and waits until they have ended. */
  @Override public void close() {
    List<Thread> threads = new ArrayList<>();
    synchronized (monitor) {
      stopping = true;
      monitor.notifyAll();
      if (supervisor != null) {
        threads.add(supervisor);
      }
      threads.addAll(workers.values());
    }
    boolean interrupted = false;
    long deadline = System.nanoTime() + STOP_WAIT.toNanos();
    for (Thread t : threads) {
      interrupted |= join(t, deadline);
    }
    for (Thread t : threads) {
      if (t.isAlive()) {
        LOG.warn("{} has not stopped within {} s; interrupting it", t.getName(), STOP_WAIT.toSeconds());
        t.interrupt();
        interrupted |= join(t, System.nanoTime() + INTERRUPTED_STOP_WAIT.toNanos());
        if (t.isAlive()) {
          LOG.error("{} did not stop; the database closes without it", t.getName());
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for {@code t} until {@code deadline}; whether the waiting thread was interrupted meanwhile. */
  private static boolean join(Thread t, long deadline) {
    boolean interrupted = false;
    while (t.isAlive()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        TimeUnit.NANOSECONDS.timedJoin(t, left);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    return interrupted;
  }
}
