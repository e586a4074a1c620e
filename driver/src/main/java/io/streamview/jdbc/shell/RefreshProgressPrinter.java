package io.streamview.jdbc.shell;

import io.streamview.engine.refresh.RefreshProgress;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shows the progress of the shell's {@code REFRESH} statements: while one runs longer than a second, a line every
 * second with the shards read and the records committed so far; when it ends, one line with the totals. Fed by
 * the engine's {@link RefreshProgress} from the threads that read the shards.
 */
final class RefreshProgressPrinter implements RefreshProgress.Listener, AutoCloseable {

  private static final long PERIOD_MILLIS = 1000;

  private final PrintStream err;
  private final Set<String> shards = ConcurrentHashMap.newKeySet();
  private final Set<String> endedShards = ConcurrentHashMap.newKeySet();
  private final Set<String> views = ConcurrentHashMap.newKeySet();
  private final AtomicLong records = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final long start = System.nanoTime();
  private final ScheduledExecutorService ticker;
  private final AutoCloseable registration;

  private RefreshProgressPrinter(PrintStream err) {
    this.err = err;
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "streamview-shell-progress");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleAtFixedRate(() -> err.println("… " + summary()), PERIOD_MILLIS, PERIOD_MILLIS,
        TimeUnit.MILLISECONDS);
    this.registration = RefreshProgress.listen(this);
  }

  /** Starts showing the progress of the refreshes this thread runs until {@link #close()}. */
  static RefreshProgressPrinter start(PrintStream err) {
    return new RefreshProgressPrinter(err);
  }

  /** Whether {@code statement} is one whose progress the shell shows. */
  static boolean shows(String statement) {
    return statement.regionMatches(true, 0, "REFRESH", 0, "REFRESH".length());
  }

  @Override public void batchCommitted(String view, String shardId, int n, boolean shardEnded) {
    views.add(view);
    shards.add(view + "/" + shardId);
    if (shardEnded) {
      endedShards.add(view + "/" + shardId);
    }
    records.addAndGet(n);
    batches.incrementAndGet();
  }

  String summary() {
    return "refresh " + String.join(", ", views) + ": " + records.get() + " records in " + batches.get()
        + " batches from " + shards.size() + " shards (" + endedShards.size() + " closed and done), "
        + (System.nanoTime() - start) / 1_000_000 + " ms";
  }

  @Override public void close() {
    ticker.shutdownNow();
    try {
      registration.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    if (!views.isEmpty()) {
      err.println(summary());
    }
  }
}
