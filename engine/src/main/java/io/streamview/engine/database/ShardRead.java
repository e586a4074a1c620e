package io.streamview.engine.database;

import java.time.Instant;

/**
 * How far behind the tip of a shard the last read of a view was.
 *
 * @param shardId            the shard
 * @param millisBehindLatest Kinesis's {@code MillisBehindLatest} at the read's last GetRecords call
 * @param atParity           the read stopped at the tip of the shard
 * @param ended              the shard is closed and was read to its end
 * @param readTime           when the refresh that read it ended
 */
public record ShardRead(String shardId, long millisBehindLatest, boolean atParity, boolean ended, Instant readTime) {
}
