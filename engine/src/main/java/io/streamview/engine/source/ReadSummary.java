package io.streamview.engine.source;

import java.util.List;

/**
 * What a read did, per shard.
 *
 * @param shards one entry per shard that was read (shards already ended are not listed)
 */
public record ReadSummary(List<ShardProgress> shards) {
  public ReadSummary {
    shards = List.copyOf(shards);
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
