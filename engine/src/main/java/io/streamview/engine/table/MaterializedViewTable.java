package io.streamview.engine.table;

import io.streamview.catalog.ColumnDef;
import io.streamview.catalog.MaterializedViewDef;
import io.streamview.engine.aggregate.GroupRows;
import io.streamview.engine.columnar.SnapshotAggregation;
import io.streamview.engine.columnar.SnapshotTopN;
import io.streamview.engine.database.Database;
import io.streamview.engine.storage.ColumnSnapshot;
import io.streamview.engine.storage.ColumnSnapshotCache;
import io.streamview.engine.storage.RowStore;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.function.Function0;
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
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A materialized view's stored rows, as a table. Rows are written only by refresh. An aggregating view stores one
 * row per group holding its shown values, whether it passes HAVING and its merge state ({@link GroupRows}); scans
 * show the values of the groups that pass ({@link #forEachVisibleRow}).
 *
 * <p>Queries read it through a {@link StoredTableScan}: only the projected columns and those the filters test are
 * decoded, the simple filters {@link ScanFilters} handles are evaluated during the scan, and an equality on every
 * GROUP BY column of an aggregating view reads the one group ({@link GroupKeyLookup}). The store is the one the
 * catalog names for the view when the scan starts ({@link ViewStoreResolver}), so a plan kept across a REFRESH that
 * recomputed the view into a new store reads the new one.
 */
public final class MaterializedViewTable extends AbstractTable
    implements DeleteOnlyTable, TranslatableTable, FilteredScanTable {

  private final MaterializedViewDef def;
  /** Finds the view's current store; {@code null} for a table bound to one store for good. */
  private final ViewStoreResolver resolver;
  private volatile ViewStoreBinding binding;
  /** The filters of the last filtered scan, analysed (a cached plan passes the same list each time it runs). */
  private volatile ScanFilters.Prepared lastFilters;

  public MaterializedViewTable(MaterializedViewDef def, RowStore store) {
    this(def, store, () -> null);
  }

  /**
   * A table reading {@code store} for good.
   *
   * @param groupKeyColumns the view's GROUP BY key columns ({@link GroupKeyColumns}), asked for at the first
   *                        filtered scan; {@code null} when groups cannot be found from column values
   */
  public MaterializedViewTable(MaterializedViewDef def, RowStore store, Supplier<int[]> groupKeyColumns) {
    this.def = def;
    this.resolver = null;
    this.binding = new ViewStoreBinding(def, store, groupKeyColumns);
  }

  /**
   * The view {@code def} of {@code database}, reading the store the catalog names for it when each scan, lookup or
   * DELETE starts ({@link ViewStoreResolver}): a plan kept across a REFRESH that recomputed the view into a new
   * store reads the new one.
   */
  public MaterializedViewTable(Database database, MaterializedViewDef def) {
    this.def = def;
    this.resolver = new ViewStoreResolver(database, def);
    this.binding = ViewStoreResolver.bind(database, def);
  }

  /** The view's definition and store now; throws {@link ViewStoreChangedException} if it was dropped or changed. */
  private ViewStoreBinding current() {
    ViewStoreBinding held = binding;
    if (resolver == null) {
      return held;
    }
    ViewStoreBinding now = resolver.resolve(held);
    if (now != held) {
      binding = now;
    }
    return now;
  }

  /** The view's current definition (the one planned, while the view was not dropped or refreshed since). */
  public MaterializedViewDef definition() {
    return current().def();
  }

  @Override public RowStore rowStore() { // DELETE (see DeleteOnlyTable)
    return current().store();
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return RedshiftTypes.toRowType(typeFactory, def.columns());
  }

  @Override public Enumerable<Object[]> scan(DataContext root) {
    return new StoredRowScan(def.columns().size(), null, List.of()).all(current().store());
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
    ViewStoreBinding view = current();
    RowStore store = view.store();
    StoredRowScan scan = new StoredRowScan(def.columns().size(), projects, predicates);
    GroupKeyLookup byKey = predicates.isEmpty() ? null : view.lookup();
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

  /** System property: {@code false} makes aggregates and top-N queries take the row path (to compare). */
  public static final String SNAPSHOT_QUERIES_PROPERTY = "streamview.snapshotQueries";

  /**
   * The rows of {@code aggregation} over the rows passing {@code filters}, computed on the view's column snapshot
   * when it has one at its current write version ({@link ColumnSnapshotCache}); else, or when the snapshot holds
   * values the operator does not take, the rows of {@code rowPath} (Calcite's plan for the same aggregate over the
   * scan, which also builds the snapshot). Evaluated when enumerated. Called by {@link SnapshotQuery}'s code.
   *
   * @param scalar rows of one value are returned bare (Calcite's representation of one-column rows)
   */
  public Enumerable<Object> aggregate(DataContext root, List<RexNode> filters, SnapshotAggregation aggregation,
                                      boolean scalar, Function0<Enumerable<Object>> rowPath) {
    return fromSnapshot(root, filters, aggregation.columns(def.columns().size()), scalar, rowPath,
        (snapshot, rows) -> aggregation.run(snapshot, rows));
  }

  /** Like {@link #aggregate}, for {@code ORDER BY … LIMIT} ({@link SnapshotTopN}). */
  public Enumerable<Object> topN(DataContext root, List<RexNode> filters, SnapshotTopN topN, boolean scalar,
                                 Function0<Enumerable<Object>> rowPath) {
    return fromSnapshot(root, filters, topN.columns(def.columns().size()), scalar, rowPath,
        (snapshot, rows) -> topN.run(snapshot, rows, StoredValues::toInternal));
  }

  /** An operator on a snapshot's selected rows; {@code null} when it leaves them to the row path. */
  private interface SnapshotOperator {
    List<Object[]> run(ColumnSnapshot snapshot, int[] rows);
  }

  private Enumerable<Object> fromSnapshot(DataContext root, List<RexNode> filters, boolean[] columns, boolean scalar,
                                          Function0<Enumerable<Object>> rowPath, SnapshotOperator operator) {
    return new AbstractEnumerable<>() {
      @Override public Enumerator<Object> enumerator() {
        List<Object[]> rows = snapshotRows(root, filters, columns, operator);
        if (rows == null) {
          return rowPath.apply().enumerator();
        }
        Function<Object[], Object> out = scalar ? row -> row[0] : row -> row;
        return Linq4j.enumerator(rows.stream().map(out).toList());
      }
    };
  }

  private List<Object[]> snapshotRows(DataContext root, List<RexNode> filters, boolean[] columns,
                                      SnapshotOperator operator) {
    if (!Boolean.parseBoolean(System.getProperty(SNAPSHOT_QUERIES_PROPERTY, "true"))) {
      return null;
    }
    ScanFilters.Prepared prepared = lastFilters;
    if (prepared == null || !prepared.isOf(filters, def.columns())) {
      prepared = ScanFilters.prepare(filters, def.columns());
      lastFilters = prepared;
    }
    List<ColumnPredicate> predicates = prepared.bind(root);
    boolean[] needed = columns.clone();
    for (ColumnPredicate p : predicates) {
      needed[p.column()] = true;
    }
    ColumnSnapshot snapshot = ColumnSnapshotCache.shared().lookup(current().store(), needed);
    if (snapshot == null) {
      return null;
    }
    return operator.run(snapshot, SnapshotSelection.select(snapshot, predicates));
  }

  @Override public Schema.TableType getJdbcTableType() {
    return Schema.TableType.MATERIALIZED_VIEW;
  }
}
