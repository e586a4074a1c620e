package io.streamview.engine.table;

import io.streamview.catalog.CatalogSnapshot;
import io.streamview.catalog.MaterializedViewDef;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.BiFunction;

/**
 * Which of an aggregating view's columns show its GROUP BY key values as they are, so that an equality on all of
 * them can be answered by reading one group ({@link GroupKeyLookup}). Only the query layer that analyses view
 * queries knows this; it installs its analysis with {@link #resolveWith} (the JDBC driver does, when it loads).
 * Without one, or for a view it cannot map, every query scans.
 */
public final class GroupKeyColumns {

  /** Stands for "this view's key cannot be mapped" in the cache. */
  private static final int[] NONE = new int[0];

  private static volatile BiFunction<MaterializedViewDef, CatalogSnapshot, int[]> resolver;
  private static final Map<MaterializedViewDef, int[]> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

  private GroupKeyColumns() {
  }

  /**
   * Installs the analysis: for a materialized view, per GROUP BY expression in the order its groups are keyed, the
   * view column that shows the expression's value unchanged (same type, no cast), or {@code -1}; {@code null} for a
   * view that is not an aggregating streaming view or has no GROUP BY.
   */
  public static void resolveWith(BiFunction<MaterializedViewDef, CatalogSnapshot, int[]> analysis) {
    resolver = analysis;
    CACHE.clear();
  }

  /** The view's key columns, or {@code null} when a group cannot be found from column values. */
  static int[] of(MaterializedViewDef view, CatalogSnapshot catalog) {
    BiFunction<MaterializedViewDef, CatalogSnapshot, int[]> r = resolver;
    if (r == null || !view.isStreaming()) {
      return null;
    }
    int[] columns = CACHE.get(view);
    if (columns == null) {
      columns = mapped(r.apply(view, catalog));
      CACHE.put(view, columns);
    }
    return columns == NONE ? null : columns;
  }

  private static int[] mapped(int[] columns) {
    if (columns == null || columns.length == 0) {
      return NONE;
    }
    for (int c : columns) {
      if (c < 0) {
        return NONE;
      }
    }
    return columns.clone();
  }
}
