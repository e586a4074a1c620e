package io.streamview.engine.source;

import java.util.List;

/**
 * The immutable input of one {@link BatchConsumer} call: the records of one GetRecords answer for one shard.
 *
 * @param shardId            the shard read
 * @param records            records in sequence order, possibly empty
 * @param checkpoint         the checkpoint to commit once these records are stored: AFTER_SEQUENCE_NUMBER of the last
 *                           record (or the previous position when empty), with {@code ended} set when the shard is
 *                           closed and fully read
 * @param millisBehindLatest how far this read was behind the tip of the shard
 * @param recordBytes        payload bytes in {@code records}
 */
public record ShardBatch(
    String shardId,
    List<StreamRecord> records,
    ShardCheckpoint checkpoint,
    long millisBehindLatest,
    long recordBytes) {

  public ShardBatch {
    records = List.copyOf(records);
  }
}
