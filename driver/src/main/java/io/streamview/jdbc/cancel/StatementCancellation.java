package io.streamview.jdbc.cancel;

import java.util.function.BooleanSupplier;

/**
 * The cancel request of one statement execution: set by {@code Statement.cancel()} (from any thread) or by the
 * statement's query timeout, polled by long work such as REFRESH between two batches, which then stops having
 * committed the batches before. The boundary makes the execution's token {@link #current() current} on the executing
 * thread while the statement runs.
 */
public final class StatementCancellation implements BooleanSupplier {

  private static final ThreadLocal<StatementCancellation> CURRENT = new ThreadLocal<>();
  /** The token of work run outside any statement (auto refresh threads): never canceled by a statement. */
  private static final StatementCancellation NONE = new StatementCancellation();

  private volatile String reason;

  /** The token of the statement executing on this thread, or one that is never canceled. */
  public static StatementCancellation current() {
    StatementCancellation c = CURRENT.get();
    return c != null ? c : NONE;
  }

  /** Makes {@code token} current on this thread until the returned scope closes. */
  public static Scope enter(StatementCancellation token) {
    StatementCancellation previous = CURRENT.get();
    CURRENT.set(token);
    // restored as null rather than removed: the thread's entry stays for its next statement (removing it made each
    // execution create and drop a thread-local entry)
    return () -> CURRENT.set(previous);
  }

  /** Asks the execution to stop; {@code why} says who asked ("Statement.cancel()", "the query timeout of 5 s"). */
  public void cancel(String why) {
    if (this != NONE && reason == null) {
      reason = why;
    }
  }

  public boolean isCanceled() {
    return reason != null;
  }

  @Override public boolean getAsBoolean() {
    return reason != null;
  }

  /** Who canceled the execution, or null. */
  public String reason() {
    return reason;
  }

  /** The span during which a token is current. */
  public interface Scope extends AutoCloseable {
    @Override void close();
  }
}
