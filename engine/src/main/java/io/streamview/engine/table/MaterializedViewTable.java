package io.streamview.engine.table;

import io.streamview.catalog.ColumnDef;
import io.streamview.catalog.MaterializedViewDef;
import io.streamview.engine.aggregate.GroupRows;
import io.streamview.engine.storage.RowStore;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A materialized view's stored rows, as a table. Rows are written only by refresh. An aggregating view stores one
 * row per group holding its shown values, whether it passes HAVING and its merge state ({@link GroupRows}); scans
 * show the values of the groups that pass ({@link #forEachVisibleRow}).
 *
 * <p>Queries read it through a {@link StoredTableScan}: only the projected columns and those the filters test are
 * decoded, the simple filters {@link ScanFilters} handles are evaluated during the scan, and an equality on every
 * GROUP BY column of an aggregating view reads the one group ({@link GroupKeyLookup}).
 */
public final class MaterializedViewTable extends AbstractTable
    implements DeleteOnlyTable, TranslatableTable, FilteredScanTable {

  private final MaterializedViewDef def;
  private final RowStore store;
  private final Supplier<int[]> groupKeyColumns;
  /** The filters of the last filtered scan, analysed (a cached plan passes the same list each time it runs). */
  private volatile ScanFilters.Prepared lastFilters;
  private volatile GroupKeyLookup lookup;
  private volatile boolean lookupResolved;

  public MaterializedViewTable(MaterializedViewDef def, RowStore store) {
    this(def, store, () -> null);
  }

  /**
   * @param groupKeyColumns the view's GROUP BY key columns ({@link GroupKeyColumns}), asked for at the first
   *                        filtered scan; {@code null} when groups cannot be found from column values
   */
  public MaterializedViewTable(MaterializedViewDef def, RowStore store, Supplier<int[]> groupKeyColumns) {
    this.def = def;
    this.store = store;
    this.groupKeyColumns = groupKeyColumns;
  }

  public MaterializedViewDef definition() {
    return def;
  }

  @Override public RowStore rowStore() { // DELETE (see DeleteOnlyTable)
    return store;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return RedshiftTypes.toRowType(typeFactory, def.columns());
  }

  @Override public Enumerable<Object[]> scan(DataContext root) {
    return new StoredRowScan(def.columns().size(), null, List.of()).all(store);
  }

  @Override public List<ColumnDef> columns() {
    return def.columns();
  }

  @Override public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return StoredTableScan.of(context.getCluster(), relOptTable, this);
  }

  @Override public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters, int[] projects) {
    return rows(root, filters, projects);
  }

  /**
   * The rows of a scan with {@code projects} and {@code filters} (each {@link ScanFilters#pushable}): one group read
   * by its key, or the store read part by part as the rows are enumerated ({@link StoredRowEnumerator}).
   */
  Enumerable<Object[]> rows(DataContext root, List<RexNode> filters, int[] projects) {
    ScanFilters.Prepared prepared = lastFilters;
    if (prepared == null || !prepared.isOf(filters, def.columns())) {
      prepared = ScanFilters.prepare(filters, def.columns());
      lastFilters = prepared;
    }
    List<ColumnPredicate> predicates = prepared.bind(root);
    StoredRowScan scan = new StoredRowScan(def.columns().size(), projects, predicates);
    GroupKeyLookup byKey = predicates.isEmpty() ? null : lookup();
    if (byKey != null) {
      GroupKeyLookup.Key key = byKey.key(predicates);
      if (key.usable() && byKey.matchesStore(store)) {
        List<Object[]> rows = new ArrayList<>(1);
        byte[] encoded = key.bytes() == null ? null : store.getEncoded(key.bytes());
        Object[] row = encoded == null ? null : scan.row(encoded, scan.buffer());
        if (row != null) {
          rows.add(row);
        }
        return Linq4j.asEnumerable(rows);
      }
    }
    return scan.all(store);
  }

  private GroupKeyLookup lookup() {
    if (!lookupResolved) {
      int[] keys = groupKeyColumns.get();
      lookup = keys == null ? null : new GroupKeyLookup(def.columns(), keys);
      lookupResolved = true;
    }
    return lookup;
  }

  @Override public Schema.TableType getJdbcTableType() {
    return Schema.TableType.MATERIALIZED_VIEW;
  }
}
