package io.streamview.engine.table;

import io.streamview.engine.storage.RowKeys;
import io.streamview.engine.storage.RowStore;

import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code Collection} face of a plain table's {@link RowStore}, as Calcite's table-modify code wants it:
 * {@code add} inserts under a new row id; {@code removeAll} deletes by value (Calcite hands back copies of the
 * scanned rows, so identity cannot be used), once per occurrence in its argument. Calcite hands a one-column
 * table's rows over as bare values rather than one-element arrays; both are accepted.
 */
public final class StoredRowCollection extends AbstractCollection<Object> {

  private static final Map<RowStore, StoredRowCollection> OPEN = new java.util.WeakHashMap<>();

  private final RowStore store;
  /** Found on the first insert (a scan of the keys), not when the table is named: reading a table needs no ids. */
  private volatile AtomicLong nextId;

  private StoredRowCollection(RowStore store) {
    this.store = store;
  }

  private AtomicLong nextId() {
    AtomicLong ids = nextId;
    if (ids == null) {
      synchronized (this) {
        ids = nextId;
        if (ids == null) {
          long[] max = {0};
          store.forEachEncoded(true, (key, row) -> {
            max[0] = Math.max(max[0], RowKeys.toLong(key));
            return true;
          });
          ids = new AtomicLong(max[0] + 1);
          nextId = ids;
        }
      }
    }
    return ids;
  }

  /** The collection of a plain table's store; one per store, so that row ids are never handed out twice. */
  public static synchronized StoredRowCollection of(RowStore store) {
    return OPEN.computeIfAbsent(store, StoredRowCollection::new);
  }

  /** A copy of the rows in Calcite's internal representation. */
  public List<Object[]> snapshot() {
    List<Object[]> out = new ArrayList<>();
    store.forEach((key, row) -> out.add(StoredValues.toInternal(row)));
    return out;
  }

  @Override public Iterator<Object> iterator() {
    return new ArrayList<Object>(snapshot()).iterator();
  }

  private static Object[] row(Object o) {
    return o instanceof Object[] a ? a : new Object[] {o};
  }

  @Override public int size() {
    return (int) Math.min(Integer.MAX_VALUE, store.size());
  }

  @Override public boolean add(Object row) {
    store.put(RowKeys.ofLong(nextId().getAndIncrement()), StoredValues.toStorage(row(row)));
    return true;
  }

  @Override public boolean addAll(Collection<?> c) {
    List<Map.Entry<byte[], Object[]>> batch = new ArrayList<>(c.size());
    for (Object row : c) {
      batch.add(Map.entry(RowKeys.ofLong(nextId().getAndIncrement()), StoredValues.toStorage(row(row))));
    }
    store.putAll(batch);
    return !batch.isEmpty();
  }

  @Override public boolean removeAll(Collection<?> c) {
    List<byte[]> doomed = new RowsByValue(c).matchingKeys(store::forEach);
    doomed.forEach(store::remove);
    return !doomed.isEmpty();
  }

  /**
   * Replaces rows by value, in storage representation: each old row (one occurrence each) gives way to its new
   * row. Used by UPDATE.
   */
  public synchronized int replaceStored(List<Object[]> oldRows, List<Object[]> newRows) {
    removeAll(oldRows);
    List<Map.Entry<byte[], Object[]>> batch = new ArrayList<>(newRows.size());
    for (Object[] row : newRows) {
      batch.add(Map.entry(RowKeys.ofLong(nextId().getAndIncrement()), row));
    }
    store.putAll(batch);
    return oldRows.size();
  }

  @Override public void clear() {
    store.clear();
  }
}
