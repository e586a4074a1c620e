package io.streamview.engine.source;

import java.time.Instant;
import java.util.Objects;

/**
 * Records of a shard that expired before they were read: the committed position is older than the shard's trim
 * horizon (or the shard is no longer retained at all), so the read went on from {@code TRIM_HORIZON}. Records after
 * {@code afterSequenceNumber} and before {@code firstRetainedSequenceNumber} may be lost.
 *
 * @param shardId                      the shard
 * @param afterSequenceNumber          the committed position the read should have continued after, or null when the
 *                                     shard was never read (its checkpoint is TRIM_HORIZON)
 * @param firstRetainedSequenceNumber  the oldest record still in the shard, or null when none is retained
 * @param firstRetainedArrival         when that record arrived, or null
 * @param shardListed                  false when the shard is no longer listed at all (its checkpoint is then ended)
 */
public record ShardGap(String shardId, String afterSequenceNumber, String firstRetainedSequenceNumber,
                       Instant firstRetainedArrival, boolean shardListed) {

  /** {@code SYS_STREAM_SCAN_ERRORS.error_code} of a gap (StreamView's own code; Redshift has no such row). */
  public static final int ERROR_CODE = 7001;

  public ShardGap {
    Objects.requireNonNull(shardId, "shardId");
  }

  /** One line for logs, statuses and {@code SYS_STREAM_SCAN_ERRORS.error_reason} (at most 128 characters there). */
  public String reason() {
    if (!shardListed) {
      return "Shard no longer in the stream: records after the stored position expired unread";
    }
    return firstRetainedSequenceNumber == null
        ? "Stored position older than the trim horizon (no record retained); continued from TRIM_HORIZON"
        : "Stored position older than the trim horizon; continued from TRIM_HORIZON";
  }
}
