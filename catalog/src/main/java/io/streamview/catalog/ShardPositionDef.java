package io.streamview.catalog;

import java.util.Objects;

/**
 * How far a materialized view has consumed one shard.
 *
 * @param shardId             the shard
 * @param afterSequenceNumber last sequence number applied to the view; {@code null} means nothing yet
 *                            (start at TRIM_HORIZON)
 * @param ended               the shard is closed and fully consumed
 */
public record ShardPositionDef(String shardId, String afterSequenceNumber, boolean ended) {

    public ShardPositionDef {
        Objects.requireNonNull(shardId, "shardId");
    }
}
