package io.streamview.jdbc.boundary;

import io.streamview.jdbc.cancel.StatementCancellation;
import io.streamview.jdbc.error.ErrorCode;
import io.streamview.jdbc.error.StreamViewException;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The executions of one statement: each gets a fresh {@link StatementCancellation}, which {@code Statement.cancel()}
 * (from any thread) and the statement's query timeout set. REFRESH polls it between batches; the result set of a
 * canceled query refuses its next row. Avatica's own cancel flag is not used: it never resets, so a canceled
 * Avatica statement could not run again.
 */
final class Executions {

  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "streamview-query-timeout");
    t.setDaemon(true);
    return t;
  });

  private volatile StatementCancellation running;
  private ScheduledFuture<?> timer;

  /** A new execution with the statement's query timeout ({@code timeoutSeconds}, 0 for none). */
  synchronized StatementCancellation start(int timeoutSeconds) {
    stopTimer();
    StatementCancellation token = new StatementCancellation();
    running = token;
    if (timeoutSeconds > 0) {
      timer = TIMER.schedule(() -> token.cancel("its query timeout of " + timeoutSeconds + " s"), timeoutSeconds,
          TimeUnit.SECONDS);
    }
    return token;
  }

  /** The current (or last) execution's token, or null before the first. */
  StatementCancellation running() {
    return running;
  }

  /** {@code Statement.cancel()}: the execution in progress, if any, stops at its next check. */
  void cancel() {
    StatementCancellation t = running;
    if (t != null) {
      t.cancel("Statement.cancel()");
    }
  }

  synchronized void close() {
    stopTimer();
  }

  private void stopTimer() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  /** The error for work of {@code description} stopped by {@code token}. */
  static StreamViewException canceled(StatementCancellation token, String description) {
    return new StreamViewException(ErrorCode.QUERY_CANCELED, "canceling statement due to user request: "
        + description + " was canceled by " + token.reason());
  }
}
