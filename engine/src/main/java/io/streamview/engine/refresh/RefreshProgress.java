package io.streamview.engine.refresh;

/**
 * Live progress of the refreshes a thread starts, for a caller that wants to show it (the SQL shell prints shards
 * and records done during a long {@code REFRESH}). The thread that runs a refresh installs a listener with
 * {@link #listen}; the refresh reports to it after every committed batch, from whichever thread read the batch, so a
 * listener must be thread-safe. Without a listener nothing is reported.
 */
public final class RefreshProgress {

  /** Told about each committed batch. */
  @FunctionalInterface
  public interface Listener {

    /**
     * A batch of {@code records} records of shard {@code shardId} of view {@code view} ({@code schema.name}) was
     * committed; {@code shardEnded} when the shard is closed and read to its end.
     */
    void batchCommitted(String view, String shardId, int records, boolean shardEnded);
  }

  private static final ThreadLocal<Listener> CURRENT = new ThreadLocal<>();

  private RefreshProgress() {
  }

  /** Installs {@code listener} for the refreshes this thread starts until the returned handle is closed. */
  public static AutoCloseable listen(Listener listener) {
    Listener previous = CURRENT.get();
    CURRENT.set(listener);
    return () -> {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    };
  }

  /** The listener of the current thread, or one that ignores everything. */
  static Listener current() {
    Listener l = CURRENT.get();
    return l != null ? l : (view, shard, records, ended) -> { };
  }
}
