package io.streamview.kinesis;

/**
 * Tuning of a read, fixed per source.
 *
 * @param recordsPerCall             GetRecords limit, 1..10000
 * @param minMillisBetweenCalls      least time between two GetRecords calls on one shard (Kinesis allows 5 per second
 *                                   per shard)
 * @param maxEmptyCallsOnClosedShard a closed shard is read until GetRecords returns no next iterator; if it keeps
 *                                   answering "empty and at the tip" this many times instead, the read of that shard
 *                                   stops at parity (and its children wait for a later read)
 * @param maxIteratorRenewals        how many expired iterators in a row (without a GetRecords answer between them)
 *                                   one shard read replaces before giving up
 */
record KinesisReadOptions(int recordsPerCall, long minMillisBetweenCalls, int maxEmptyCallsOnClosedShard,
                          int maxIteratorRenewals) {

  static final KinesisReadOptions DEFAULT = new KinesisReadOptions(10_000, 200, 20, 10);

  KinesisReadOptions {
    if (recordsPerCall < 1 || recordsPerCall > 10_000) {
      throw new IllegalArgumentException("recordsPerCall must be in 1..10000: " + recordsPerCall);
    }
    if (minMillisBetweenCalls < 0 || maxEmptyCallsOnClosedShard < 1 || maxIteratorRenewals < 0) {
      throw new IllegalArgumentException("invalid read options");
    }
  }

  KinesisReadOptions withRecordsPerCall(int limit) {
    return new KinesisReadOptions(limit, minMillisBetweenCalls, maxEmptyCallsOnClosedShard, maxIteratorRenewals);
  }

  KinesisReadOptions withMinMillisBetweenCalls(long millis) {
    return new KinesisReadOptions(recordsPerCall, millis, maxEmptyCallsOnClosedShard, maxIteratorRenewals);
  }
}
