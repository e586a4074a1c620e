package io.streamview.kinesis;

import io.streamview.engine.source.ShardCheckpoint;
import io.streamview.engine.source.StartPosition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The shards of one read and the order they may be read in, as the KCL does it: a shard whose parent (or adjacent
 * parent, after a merge) is still listed and not ended waits until that parent has been read to its end during the
 * read; shards whose checkpoint says ended are not read at all. Parents that are no longer listed (trimmed) do not
 * hold anything back. Pure logic over one ListShards answer and the committed checkpoints; not thread-safe.
 */
final class KinesisShardGraph {

  private final Map<String, Shard> listed = new LinkedHashMap<>();
  private final Map<String, ShardCheckpoint> checkpoints;

  /**
   * @param shards      one ListShards answer, all pages, in listing order
   * @param checkpoints committed checkpoints by shard id
   */
  KinesisShardGraph(Collection<Shard> shards, Map<String, ShardCheckpoint> checkpoints) {
    for (Shard shard : shards) {
      listed.putIfAbsent(shard.shardId(), shard);
    }
    this.checkpoints = Map.copyOf(checkpoints);
  }

  /** Every listed shard not ended by its checkpoint, in listing order. */
  List<Shard> shardsToRead() {
    List<Shard> toRead = new ArrayList<>();
    for (Shard shard : listed.values()) {
      if (!endedByCheckpoint(shard.shardId())) {
        toRead.add(shard);
      }
    }
    return toRead;
  }

  /** Where the read of a shard starts: its checkpoint, else TRIM_HORIZON. */
  StartPosition startOf(String shardId) {
    ShardCheckpoint checkpoint = checkpoints.get(shardId);
    return checkpoint == null ? StartPosition.TRIM_HORIZON : checkpoint.next();
  }

  /**
   * Whether the listing says the shard is closed (it has an ending sequence number). Only that it is present counts:
   * some services report a placeholder value.
   */
  static boolean isClosed(Shard shard) {
    return shard.sequenceNumberRange() != null && shard.sequenceNumberRange().endingSequenceNumber() != null;
  }

  /**
   * The parents the shard still waits for: listed, not ended by checkpoint, and not ended during this read.
   *
   * @param endedDuringRead shards read to their end in this read
   */
  List<String> blockingParents(String shardId, Set<String> endedDuringRead) {
    Shard shard = listed.get(shardId);
    if (shard == null) {
      return List.of();
    }
    List<String> blocking = new ArrayList<>(2);
    for (String parent : new String[] {shard.parentShardId(), shard.adjacentParentShardId()}) {
      if (parent != null && listed.containsKey(parent) && !endedByCheckpoint(parent)
          && !endedDuringRead.contains(parent) && !blocking.contains(parent)) {
        blocking.add(parent);
      }
    }
    return blocking;
  }

  /**
   * The shards that may start now: to be read, not started yet, and with no blocking parent; in listing order.
   *
   * @param endedDuringRead shards read to their end in this read
   * @param started         shards already started (or finished) in this read
   */
  List<Shard> readyShards(Set<String> endedDuringRead, Set<String> started) {
    List<Shard> ready = new ArrayList<>();
    for (Shard shard : shardsToRead()) {
      if (!started.contains(shard.shardId()) && blockingParents(shard.shardId(), endedDuringRead).isEmpty()) {
        ready.add(shard);
      }
    }
    return ready;
  }

  private boolean endedByCheckpoint(String shardId) {
    ShardCheckpoint checkpoint = checkpoints.get(shardId);
    return checkpoint != null && checkpoint.ended();
  }
}
