package io.streamview.engine.source;

import java.util.List;

/**
 * What a read did, per shard.
 *
 * @param shards one entry per shard that was read (shards already ended are not listed)
 * @param gaps   shards whose committed position had expired: the read continued from TRIM_HORIZON (or, for a shard
 *               no longer in the stream, ended it), and records may be missing
 */
public record ReadSummary(List<ShardProgress> shards, List<ShardGap> gaps) {
  public ReadSummary {
    shards = List.copyOf(shards);
    gaps = List.copyOf(gaps);
  }

  /** A read without gaps. */
  public ReadSummary(List<ShardProgress> shards) {
    this(shards, List.of());
  }

  public long records() {
    return shards.stream().mapToLong(ShardProgress::records).sum();
  }

  /**
   * One shard's figures.
   *
   * @param atParity           the read stopped because the shard had no more records and was at the tip
   * @param ended              the shard is closed and was read to its end
   */
  public record ShardProgress(String shardId, long records, long bytes, long millisBehindLatest,
                              boolean atParity, boolean ended) {
  }
}
