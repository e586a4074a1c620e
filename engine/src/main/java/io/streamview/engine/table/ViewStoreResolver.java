package io.streamview.engine.table;

import io.streamview.catalog.ColumnDef;
import io.streamview.catalog.MaterializedViewDef;
import io.streamview.engine.database.Database;
import io.streamview.engine.storage.RowStore;

import java.util.List;

/**
 * Finds a materialized view's current row store when a scan, lookup or DELETE starts. A REFRESH of a view over
 * tables recomputes it into a new store (a new {@code storeName} in the catalog) and drops the old one, and a plan
 * prepared before then holds the table made when it was planned; so each run asks the current catalog for the view
 * and keeps the binding while its definition is the same. A view dropped since, or created again with other columns
 * than the plan was made for, is refused ({@link ViewStoreChangedException}): a mismatched store is never read.
 */
final class ViewStoreResolver {

  private final Database database;
  private final String qualifiedName;
  private final List<ColumnDef> plannedColumns;

  /** Resolves the view {@code planned} names, whose columns the plan was made for. */
  ViewStoreResolver(Database database, MaterializedViewDef planned) {
    this.database = database;
    this.qualifiedName = planned.qualifiedName();
    this.plannedColumns = List.copyOf(planned.columns());
  }

  /** The binding of the view as the current catalog has it: {@code held} itself while its definition is current. */
  ViewStoreBinding resolve(ViewStoreBinding held) {
    MaterializedViewDef now = database.catalog().current().materializedViews().get(qualifiedName);
    if (now == held.def()) {
      return held;
    }
    MaterializedViewDef planned = held.def();
    if (now == null) {
      throw ViewStoreChangedException.dropped(planned.schema(), planned.name());
    }
    if (!now.columns().equals(plannedColumns)) {
      throw ViewStoreChangedException.columnsChanged(planned.schema(), planned.name());
    }
    return bind(database, now);
  }

  /** {@code mv} with its row store (opened on first use), registering the view's refresh lock for DELETE. */
  static ViewStoreBinding bind(Database database, MaterializedViewDef mv) {
    RowStore store = database.storage().store(mv.storeName());
    ViewWriteLocks.register(store, database.refreshLock(mv.schema() + "." + mv.name())); // for DELETE
    return new ViewStoreBinding(mv, store, () -> GroupKeyColumns.of(mv, database.catalog().current()));
  }
}
