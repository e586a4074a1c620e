package io.streamview.engine.table;

import io.streamview.catalog.MaterializedViewDef;
import io.streamview.engine.storage.RowStore;

import java.util.function.Supplier;

/**
 * A materialized view's definition with the row store it names, as a scan found them ({@link ViewStoreResolver}),
 * and the view's {@link GroupKeyLookup}, worked out at the first filtered scan that needs it.
 */
final class ViewStoreBinding {

  private final MaterializedViewDef def;
  private final RowStore store;
  private final Supplier<int[]> groupKeyColumns;
  private volatile GroupKeyLookup lookup;
  private volatile boolean lookupResolved;

  /**
   * @param groupKeyColumns the view's GROUP BY key columns ({@link GroupKeyColumns}), asked for at the first
   *                        filtered scan; {@code null} when groups cannot be found from column values
   */
  ViewStoreBinding(MaterializedViewDef def, RowStore store, Supplier<int[]> groupKeyColumns) {
    this.def = def;
    this.store = store;
    this.groupKeyColumns = groupKeyColumns;
  }

  MaterializedViewDef def() {
    return def;
  }

  RowStore store() {
    return store;
  }

  /** How to read one group by its key; {@code null} when the view's groups cannot be found from column values. */
  GroupKeyLookup lookup() {
    if (!lookupResolved) {
      int[] keys = groupKeyColumns.get();
      lookup = keys == null ? null : new GroupKeyLookup(def.columns(), keys);
      lookupResolved = true;
    }
    return lookup;
  }
}
