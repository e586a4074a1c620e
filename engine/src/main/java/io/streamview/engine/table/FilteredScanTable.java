package io.streamview.engine.table;

import io.streamview.catalog.ColumnDef;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.runtime.FlatLists;

import java.util.List;

/**
 * A stored relation that {@link StoredTableScan} reads: it returns the rows passing filters it evaluates itself
 * ({@link ScanFilters#pushable}), with only the projected columns.
 */
public interface FilteredScanTable {

  /** The relation's columns. */
  List<ColumnDef> columns();

  /**
   * The rows passing every filter in {@code filters} (conjuncts over the relation's columns, each
   * {@link ScanFilters#pushable}), projected to {@code projects} ({@code null}: every column), in Calcite's internal
   * representation. Called by the code Calcite generates for a {@link StoredTableScan}.
   */
  Enumerable<Object[]> scan(DataContext root, List<RexNode> filters, int[] projects);

  /** {@link #scan} of one column ({@code projects} has one index, or the relation one column), as bare values. */
  default Enumerable<Object> scanValues(DataContext root, List<RexNode> filters, int[] projects) {
    return scan(root, filters, projects).select(row -> row[0]);
  }

  /**
   * {@link #scan} with no column returned ({@code projects} empty, as for {@code COUNT(*)}): one empty list per
   * passing row, as Calcite represents rows of no columns ({@link FlatLists#of()}).
   */
  default Enumerable<FlatLists.ComparableList<Object>> scanNoValues(DataContext root, List<RexNode> filters,
                                                                   int[] projects) {
    return scan(root, filters, projects).select(row -> FlatLists.of());
  }
}
