package io.streamview.engine.database;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One finished refresh of one materialized view, as the refresh system views show it.
 *
 * @param refreshId     the refresh's number in this open database (its transaction and query id)
 * @param schemaName    the view's schema
 * @param viewName      the view's name
 * @param storeName     the view's row store: identifies this view, not an earlier one of the same name
 * @param type          what started the refresh
 * @param status        Redshift's status text, e.g. {@code Refresh successfully updated MV incrementally}
 * @param startTime     when it started
 * @param endTime       when it ended
 * @param succeeded     whether the refresh succeeded
 * @param reachedParity it succeeded, was not cancelled and every shard it read is at parity or ended
 */
public record RefreshRecord(long refreshId, String schemaName, String viewName, String storeName, RefreshType type,
                            String status, Instant startTime, Instant endTime, boolean succeeded,
                            boolean reachedParity) {

  public RefreshRecord {
    Objects.requireNonNull(schemaName, "schemaName");
    Objects.requireNonNull(viewName, "viewName");
    Objects.requireNonNull(storeName, "storeName");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(endTime, "endTime");
  }

  /** How long it took, in microseconds. */
  public long durationMicros() {
    return Duration.between(startTime, endTime).toNanos() / 1_000;
  }

  /** The view's id ({@code mv_id}): derived from its row store's name, so stable across reopening the database. */
  public long viewId() {
    return viewIdOf(storeName);
  }

  /** The {@code mv_id} of the view whose row store is {@code storeName}. */
  public static long viewIdOf(String storeName) {
    return UUID.nameUUIDFromBytes(storeName.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits()
        & Long.MAX_VALUE;
  }
}
