package io.streamview.kinesis;

import io.streamview.engine.source.BatchConsumer;
import io.streamview.engine.source.ShardBatch;
import io.streamview.engine.source.ShardCheckpoint;
import io.streamview.engine.source.StreamRecord;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Test consumer: keeps every batch and record in delivery order, and the latest checkpoint of every shard. */
class CollectingConsumer implements BatchConsumer {

  /** A record with its place in the global delivery order. */
  record Delivered(long order, StreamRecord record) {
    String payload() {
      return new String(record.data(), StandardCharsets.UTF_8);
    }
  }

  private final List<ShardBatch> batches = new ArrayList<>();
  private final List<Delivered> records = new ArrayList<>();
  private final Map<String, ShardCheckpoint> checkpoints = new LinkedHashMap<>();

  CollectingConsumer() {
  }

  /** Starts from earlier checkpoints, so that {@link #checkpoints()} is what a committer would hold. */
  CollectingConsumer(Map<String, ShardCheckpoint> earlier) {
    checkpoints.putAll(earlier);
  }

  @Override
  public synchronized void accept(ShardBatch batch) {
    batches.add(batch);
    for (StreamRecord record : batch.records()) {
      records.add(new Delivered(records.size(), record));
    }
    checkpoints.put(batch.shardId(), batch.checkpoint());
  }

  synchronized List<ShardBatch> batches() {
    return List.copyOf(batches);
  }

  synchronized List<Delivered> records() {
    return List.copyOf(records);
  }

  synchronized List<String> payloads() {
    return records.stream().map(Delivered::payload).collect(Collectors.toList());
  }

  synchronized Map<String, ShardCheckpoint> checkpoints() {
    return Map.copyOf(checkpoints);
  }

  /** Records of each shard, in delivery order. */
  synchronized Map<String, List<Delivered>> byShard() {
    Map<String, List<Delivered>> byShard = new HashMap<>();
    for (Delivered d : records) {
      byShard.computeIfAbsent(d.record().shardId(), k -> new ArrayList<>()).add(d);
    }
    return byShard;
  }

  /** Whether each shard's records came with strictly increasing sequence numbers. */
  synchronized boolean inSequenceOrderPerShard() {
    for (List<Delivered> shard : byShard().values()) {
      for (int i = 1; i < shard.size(); i++) {
        BigInteger previous = new BigInteger(shard.get(i - 1).record().sequenceNumber());
        BigInteger current = new BigInteger(shard.get(i).record().sequenceNumber());
        if (current.compareTo(previous) <= 0) {
          return false;
        }
      }
    }
    return true;
  }
}
