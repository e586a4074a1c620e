package io.streamview.engine.source;

import java.util.Objects;

/**
 * The committed state of one shard for one view: where the next read starts, and whether the shard is closed and
 * fully read (an ended shard is never read again, and its children may be read).
 */
public record ShardCheckpoint(String shardId, StartPosition next, boolean ended) {
  public ShardCheckpoint {
    Objects.requireNonNull(shardId, "shardId");
    Objects.requireNonNull(next, "next");
  }
}
