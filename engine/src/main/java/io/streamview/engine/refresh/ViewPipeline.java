package io.streamview.engine.refresh;

import io.streamview.engine.source.ShardBatch;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A materialized view's query, compiled once per refresh and applied to each batch of stream records. Each output
 * row is keyed by the identity of the record it came from, so that applying a batch twice (after a crash between
 * storing rows and committing the position) stores each row once. Thread-safe: batches of different shards may be
 * applied concurrently.
 */
public interface ViewPipeline extends AutoCloseable {

  /** The rows that {@code batch} contributes to the view, keyed by record identity. */
  List<Map.Entry<byte[], Object[]>> apply(ShardBatch batch, Instant refreshTime);

  @Override void close();
}
