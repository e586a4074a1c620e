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

  /**
   * Whether the pipeline can hold batches: merge what they contribute on the heap ({@link #hold}) and store it later,
   * once for many batches ({@link #flush}). The executor then serialises the holds and commits each flush together
   * with the positions of all the batches held since the previous one.
   */
  default boolean holdsBatches() {
    return false;
  }

  /**
   * For a pipeline that {@link #holdsBatches}: evaluates {@code batch} (batches of different shards concurrently)
   * into what {@link #hold} merges.
   */
  default Object evaluate(ShardBatch batch, Instant refreshTime) {
    throw new UnsupportedOperationException("this view pipeline does not hold batches");
  }

  /**
   * For a pipeline that {@link #holdsBatches}: merges an {@link #evaluate evaluated} batch into what the pipeline
   * holds, without storing anything; called for one batch at a time. After a failure nothing held is stored.
   */
  default void hold(ShardBatch batch, Object evaluated, RowStore store) {
    throw new UnsupportedOperationException("this view pipeline does not hold batches");
  }

  /** For a pipeline that {@link #holdsBatches}: how many rows a {@link #flush} would write now. */
  default int heldRows() {
    return 0;
  }

  /**
   * For a pipeline that {@link #holdsBatches}: stores what it holds with at most one {@code putAll} on
   * {@code store}, which commits it together with the positions of the held batches; returns the rows written.
   */
  default long flush(RowStore store) {
    return 0;
  }

  @Override void close();
}
