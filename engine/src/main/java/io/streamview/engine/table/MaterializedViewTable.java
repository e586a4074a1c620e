package io.streamview.engine.table;

import io.streamview.catalog.MaterializedViewDef;
import io.streamview.engine.aggregate.GroupRows;
import io.streamview.engine.storage.RowStore;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.impl.AbstractTable;

import java.util.ArrayList;
import java.util.List;

/**
 * A materialized view's stored rows, as a scannable table. Rows are written only by refresh. An aggregating view
 * stores one row per group holding its shown values, whether it passes HAVING and its merge state
 * ({@link GroupRows}); the scan shows the values of the groups that pass ({@link #forEachVisibleRow}).
 */
public final class MaterializedViewTable extends AbstractTable implements DeleteOnlyTable {

  private final MaterializedViewDef def;
  private final RowStore store;

  public MaterializedViewTable(MaterializedViewDef def, RowStore store) {
    this.def = def;
    this.store = store;
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
    List<Object[]> rows = new ArrayList<>();
    forEachVisibleRow((key, row) -> rows.add(row));
    return Linq4j.asEnumerable(rows);
  }

  @Override public Schema.TableType getJdbcTableType() {
    return Schema.TableType.MATERIALIZED_VIEW;
  }
}
