package io.streamview.engine.table;

import io.streamview.engine.storage.RowStore;
import io.streamview.engine.storage.RowVisitor;

import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;

/**
 * The {@code Collection} face of a materialized view's {@link RowStore} for Calcite's DELETE: {@code removeAll}
 * removes the entries whose visible rows equal the given ones by value (Calcite hands over copies of the scanned
 * rows), once per occurrence in its argument; adding is refused. A streaming view's rows are keyed by the stream
 * record they came from and its shard positions are not touched, so a later refresh does not read a deleted row's
 * record again. Rows are removed under the view's refresh lock, between two refreshes. A one-column view's rows may
 * arrive as bare values; both forms are accepted.
 */
final class DeleteOnlyRows extends AbstractCollection<Object> {

  private final String viewName;
  private final RowStore store;
  private final Consumer<RowVisitor> visibleRows;
  private final Lock lock;
  private final long baseline;
  private final AtomicLong removed = new AtomicLong();

  /**
   * @param visibleRows hands each stored key with the row a scan shows for it to a visitor
   * @param lock        held while rows are removed: the view's refresh lock
   */
  DeleteOnlyRows(String viewName, RowStore store, Consumer<RowVisitor> visibleRows, Lock lock) {
    this.viewName = viewName;
    this.store = store;
    this.visibleRows = visibleRows;
    this.lock = lock;
    this.baseline = store.size();
  }

  @Override public Iterator<Object> iterator() {
    List<Object> rows = new ArrayList<>();
    visibleRows.accept((key, row) -> rows.add(row));
    return rows.iterator();
  }

  /**
   * The number of entries when this collection was made (at the start of the DELETE), less those it removed: Calcite
   * counts a DELETE's rows as the difference of two sizes, which must not include rows a refresh adds meanwhile.
   */
  @Override public int size() {
    return (int) Math.min(Integer.MAX_VALUE, baseline - removed.get());
  }

  @Override public boolean add(Object row) {
    throw new MaterializedViewWriteException(viewName, "INSERT");
  }

  @Override public boolean addAll(Collection<?> c) {
    throw new MaterializedViewWriteException(viewName, "INSERT");
  }

  @Override public boolean removeAll(Collection<?> c) {
    RowsByValue wanted = new RowsByValue(c);
    if (wanted.isEmpty()) {
      return false;
    }
    lock.lock();
    try {
      return removeMatching(wanted);
    } finally {
      lock.unlock();
    }
  }

  private boolean removeMatching(RowsByValue wanted) {
    List<byte[]> doomed = wanted.matchingKeys(visibleRows);
    for (byte[] key : doomed) {
      if (store.remove(key)) {
        removed.incrementAndGet();
      }
    }
    return !doomed.isEmpty();
  }

  @Override public void clear() {
    lock.lock();
    try {
      removed.addAndGet(store.size());
      store.clear();
    } finally {
      lock.unlock();
    }
  }
}
