package io.streamview.jdbc.pipeline;

import io.streamview.catalog.ColumnDef;
import io.streamview.engine.table.RedshiftTypes;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;

import java.util.List;

/**
 * The stored groups an aggregating view's final-values query reads, on the pipeline's internal connection: its scan
 * yields the rows the current thread handed over with {@link #holding} (in Calcite's internal representation).
 */
final class GroupStateTable extends AbstractTable implements ScannableTable {

  private final List<ColumnDef> columns;
  private final ThreadLocal<List<Object[]>> rows = new ThreadLocal<>();

  GroupStateTable(List<ColumnDef> columns) {
    this.columns = List.copyOf(columns);
  }

  /** Makes {@code content} the table's rows on this thread until the returned scope is closed. */
  AutoCloseable holding(List<Object[]> content) {
    rows.set(content);
    return rows::remove;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return RedshiftTypes.toRowType(typeFactory, columns);
  }

  @Override public Enumerable<Object[]> scan(DataContext root) {
    List<Object[]> content = rows.get();
    if (content == null) {
      throw new IllegalStateException("the stored groups are read only while a refresh merges them");
    }
    return Linq4j.asEnumerable(content);
  }
}
