package io.streamview.engine.refresh;

import java.time.Duration;
import java.time.Instant;

/**
 * What one refresh of one view did.
 *
 * @param status Redshift's status text, e.g. {@code Refresh successfully updated MV incrementally}
 */
public record RefreshResult(
    String viewName,
    Instant startTime,
    Duration elapsed,
    int shardsRead,
    long recordsRead,
    long rowsWritten,
    long bytesRead,
    String status) {

  public static final String UPDATED = "Refresh successfully updated MV incrementally";
  public static final String NO_NEW_DATA = "Refresh successfully updated MV incrementally. Stream returned no new data";
}
