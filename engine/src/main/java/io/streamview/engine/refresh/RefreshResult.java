package io.streamview.engine.refresh;

import java.time.Duration;
import java.time.Instant;

/**
 * What one refresh of one view did.
 *
 * @param status  Redshift's status text, e.g. {@code Refresh successfully updated MV incrementally}
 * @param shards  what was read from each shard (records, bytes, lag, parity, end)
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
    java.util.List<io.streamview.engine.source.ReadSummary.ShardProgress> shards) {

  public RefreshResult {
    shards = java.util.List.copyOf(shards);
  }

  public static final String UPDATED = "Refresh successfully updated MV incrementally";
  public static final String NO_NEW_DATA = "Refresh successfully updated MV incrementally. Stream returned no new data";
}
