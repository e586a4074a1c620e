package io.streamview.engine.refresh;

import io.streamview.engine.source.ShardBatch;
import io.streamview.engine.storage.RowStore;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A materialized view's query, compiled once per refresh and applied to each batch of stream records. Writing a
 * batch twice (after a crash between storing it and committing the shard's position) must store its effect once: a
 * projection view keys each row by the identity of the record it came from; an aggregating view merges records
 * into groups that remember, per shard, the sequence number they include (see
 * {@link io.streamview.engine.aggregate.GroupMerger}). Thread-safe: batches of different shards may be written
 * concurrently.
 */
public interface ViewPipeline extends AutoCloseable {

  /** The rows that {@code batch} contributes to a projection view, keyed by record identity. */
  List<Map.Entry<byte[], Object[]>> apply(ShardBatch batch, Instant refreshTime);

  /**
   * Called once per refresh, before any batch, with the view's store; rows it stores (with one {@code putAll}) are
   * committed as one unit.
   */
  default void begin(RowStore store) {
  }

  /**
   * Called once per refresh after its last batch, also when the refresh failed or was cancelled: the pipeline drops
   * whatever it kept about the view's rows during the refresh (the next refresh starts from the store).
   */
  default void end() {
  }

  /**
   * Stores what {@code batch} contributes to the view with at most one {@code putAll} on {@code store}, which
   * commits the rows together with the shard's position (a second write to {@code store} is refused); returns
   * the number of rows written. Reads of {@code store} see the committed rows.
   */
  default long write(ShardBatch batch, Instant refreshTime, RowStore store) {
    List<Map.Entry<byte[], Object[]>> rows = apply(batch, refreshTime);
    if (!rows.isEmpty()) {
      store.putAll(rows);
    }
    return rows.size();
  }

  @Override void close();
}
