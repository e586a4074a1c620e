package io.streamview.engine.refresh;

import java.time.Duration;
import java.time.Instant;

/**
 * What one refresh of one view did.
 *
 * @param status  Redshift's status text, e.g. {@code Refresh successfully updated MV incrementally}
 * @param shards  what was read from each shard (records, bytes, lag, parity, end)
 * @param gaps    shards whose stored position had expired (records may be missing); see {@link #GAP}
 */
public record RefreshResult(
    String viewName,
    Instant startTime,
    Duration elapsed,
    int shardsRead,
    long recordsRead,
    long rowsWritten,
    long bytesRead,
    String status,
    java.util.List<io.streamview.engine.source.ReadSummary.ShardProgress> shards,
    java.util.List<io.streamview.engine.source.ShardGap> gaps) {

  public RefreshResult {
    shards = java.util.List.copyOf(shards);
    gaps = java.util.List.copyOf(gaps);
  }

  /** A result without gaps. */
  public RefreshResult(String viewName, Instant startTime, Duration elapsed, int shardsRead, long recordsRead,
                       long rowsWritten, long bytesRead, String status,
                       java.util.List<io.streamview.engine.source.ReadSummary.ShardProgress> shards) {
    this(viewName, startTime, elapsed, shardsRead, recordsRead, rowsWritten, bytesRead, status, shards,
        java.util.List.of());
  }

  /** Appended to the status when records expired before they were read (the shards are in {@link #gaps}). */
  public static final String GAP = ". Records expired before they were read (see SYS_STREAM_SCAN_ERRORS)";

  public static final String UPDATED = "Refresh successfully updated MV incrementally";
  public static final String NO_NEW_DATA = "Refresh successfully updated MV incrementally. Stream returned no new data";
}
