package io.streamview.engine.refresh;

import io.streamview.engine.storage.RowStore;
import io.streamview.engine.storage.RowVisitor;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The store a {@link ViewPipeline} writes one batch to: reads go to the view's store; the one {@link #putAll} of
 * the batch is its commit (handed to the executor, which stores the rows and the shard's position as one unit).
 * Removing or clearing rows is not part of a refresh and is refused.
 */
final class BatchWrite implements RowStore {

  private final RowStore store;
  private final Consumer<List<Map.Entry<byte[], Object[]>>> commit;
  private boolean committed;

  BatchWrite(RowStore store, Consumer<List<Map.Entry<byte[], Object[]>>> commit) {
    this.store = store;
    this.commit = commit;
  }

  /** Whether the pipeline committed the batch (with rows). */
  synchronized boolean committed() {
    return committed;
  }

  @Override public String name() {
    return store.name();
  }

  @Override public void put(byte[] key, Object[] row) {
    putAll(List.of(Map.entry(key, row)));
  }

  @Override public synchronized void putAll(List<Map.Entry<byte[], Object[]>> rows) {
    if (committed) {
      throw new IllegalStateException("a view pipeline stored one batch of " + store.name()
          + " with two writes; a batch must be stored with one putAll, which commits it");
    }
    committed = true;
    commit.accept(rows);
  }

  @Override public void putAllEncoded(List<Map.Entry<byte[], byte[]>> rows) {
    throw new UnsupportedOperationException("a view pipeline stores rows with putAll");
  }

  @Override public Object[] get(byte[] key) {
    return store.get(key);
  }

  @Override public boolean remove(byte[] key) {
    throw new UnsupportedOperationException("a refresh does not remove rows of " + store.name());
  }

  @Override public void forEach(RowVisitor visitor) {
    store.forEach(visitor);
  }

  @Override public List<Object[]> rows() {
    return store.rows();
  }

  @Override public long size() {
    return store.size();
  }

  @Override public void clear() {
    throw new UnsupportedOperationException("a refresh does not clear " + store.name());
  }
}
