package io.streamview.kinesis;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one source saw itself: per stream and shard, the last record it delivered and when that record arrived.
 * Kinesis keeps records for at least 24 hours, so a checkpoint at that record is certainly still retained within
 * {@link #CERTAINLY_RETAINED} of its arrival (an hour less, for clock skew), and the trim-horizon look-up of a read
 * starting there can be skipped: a view refreshed often looks the trim horizon up once per shard and process. Kept in
 * memory, one entry per shard. Thread-safe.
 */
final class KinesisRetainedPositions {

  static final Duration CERTAINLY_RETAINED = Duration.ofHours(23);

  private record Seen(String sequenceNumber, Instant arrival) {
  }

  private final Map<String, Seen> seen = new ConcurrentHashMap<>();

  /** Notes that {@code sequenceNumber} of the shard, which arrived at {@code arrival}, was delivered. */
  void delivered(String stream, String shardId, String sequenceNumber, Instant arrival) {
    if (arrival != null) {
      seen.put(key(stream, shardId), new Seen(sequenceNumber, arrival));
    }
  }

  /** Whether the record is certainly still in the shard: this source delivered it, and recently enough. */
  boolean certainlyRetained(String stream, String shardId, String sequenceNumber, Instant now) {
    Seen s = seen.get(key(stream, shardId));
    return s != null && s.sequenceNumber().equals(sequenceNumber) && s.arrival().plus(CERTAINLY_RETAINED).isAfter(now);
  }

  private static String key(String stream, String shardId) {
    return stream + '\n' + shardId;
  }
}
