package io.streamview.engine.table;

import io.streamview.catalog.MaterializedViewDef;
import io.streamview.engine.storage.RowStore;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.impl.AbstractTable;

import java.util.ArrayList;
import java.util.List;

/** A materialized view's stored rows, as a scannable table. Rows are written only by refresh. */
public final class MaterializedViewTable extends AbstractTable implements ScannableTable {

  private final MaterializedViewDef def;
  private final RowStore store;

  public MaterializedViewTable(MaterializedViewDef def, RowStore store) {
    this.def = def;
    this.store = store;
  }

  public MaterializedViewDef definition() {
    return def;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return RedshiftTypes.toRowType(typeFactory, def.columns());
  }

  @Override public Enumerable<Object[]> scan(DataContext root) {
    List<Object[]> rows = new ArrayList<>();
    store.forEach((key, row) -> rows.add(StoredValues.toInternal(row)));
    return Linq4j.asEnumerable(rows);
  }

  @Override public Schema.TableType getJdbcTableType() {
    return Schema.TableType.MATERIALIZED_VIEW;
  }
}
