package io.streamview.engine.source;

import java.time.Instant;

/**
 * One record as read from a shard. {@code subSequenceNumber} is 0 for a plain record; it numbers the user records
 * of one aggregated (KPL) record so that (shardId, sequenceNumber, subSequenceNumber) is unique per row.
 * The data array is owned by the record: do not modify it.
 */
public record StreamRecord(
    String shardId,
    String sequenceNumber,
    long subSequenceNumber,
    String partitionKey,
    Instant approximateArrivalTimestamp,
    byte[] data) {

  @Override public String toString() {
    return "StreamRecord[" + shardId + "/" + sequenceNumber + "/" + subSequenceNumber
        + ", key=" + partitionKey + ", " + (data == null ? 0 : data.length) + " bytes]";
  }
}
