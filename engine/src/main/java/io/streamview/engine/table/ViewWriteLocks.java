package io.streamview.engine.table;

import io.streamview.engine.storage.RowStore;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock a materialized view's refreshes hold, by the view's row store, so that DELETE removes rows between two
 * refreshes (as Redshift's exclusive lock does) and a refresh merging into a group cannot write a deleted group back.
 * Registered by {@link CatalogSchema} whenever it lists the view.
 */
final class ViewWriteLocks {

  private static final Map<RowStore, Lock> LOCKS = Collections.synchronizedMap(new WeakHashMap<>());

  private ViewWriteLocks() {
  }

  static void register(RowStore store, Lock lock) {
    LOCKS.put(store, lock);
  }

  /** The view's lock; a lock of its own for a store no schema listed (nothing else writes it then). */
  static Lock of(RowStore store) {
    return LOCKS.computeIfAbsent(store, s -> new ReentrantLock());
  }
}
