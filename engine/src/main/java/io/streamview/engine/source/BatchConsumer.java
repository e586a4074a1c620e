package io.streamview.engine.source;

/**
 * Receives the batches of a read. Called from the source's reader threads, at most once at a time per shard but
 * possibly concurrently for different shards; it returns only when the batch's rows and checkpoint are committed.
 * A batch is delivered when it has records or when it ends its shard. If it throws, the read stops and rethrows.
 */
@FunctionalInterface
public interface BatchConsumer {
  void accept(ShardBatch batch);
}
