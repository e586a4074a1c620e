package io.streamview.engine.table;

import io.streamview.catalog.MaterializedViewDef;
import io.streamview.engine.aggregate.GroupRows;
import io.streamview.engine.storage.RowStore;
import io.streamview.engine.storage.RowVisitor;

import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.Queryable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ModifiableTable;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractTableQueryable;

import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;

/**
 * A materialized view's table as far as DELETE needs it: Calcite's {@link ModifiableTable} accepting DELETE only
 * (INSERT fails at planning with {@link MaterializedViewWriteException}, as does adding rows to the collection by any
 * other way; the driver refuses UPDATE before planning). DELETE removes the stored
 * entries whose visible rows ({@link #forEachVisibleRow}) equal the rows its WHERE clause matched, through
 * {@link DeleteOnlyRows}. Scans still go through {@link ScannableTable#scan}: the expression Calcite asks for is the
 * scannable one.
 */
public interface DeleteOnlyTable extends ModifiableTable, ScannableTable {

  /** The view. */
  MaterializedViewDef definition();

  /** The view's stored rows. */
  RowStore rowStore();

  /**
   * Each stored entry's key with the row a scan shows for it (Calcite's internal values): a projection view's row
   * as stored, an aggregating view's group as {@link GroupRows#visible} shows it (a group that fails HAVING is not
   * shown, so no DELETE matches it). Deleting a group removes its entry, partial aggregates included: records read
   * later start the group afresh.
   */
  default void forEachVisibleRow(RowVisitor visitor) {
    int columns = definition().columns().size();
    rowStore().forEach((key, row) -> {
      Object[] shown = GroupRows.visible(row, columns);
      if (shown != null) {
        visitor.visit(key, StoredValues.toInternal(shown));
      }
    });
  }

  @Override default Collection getModifiableCollection() {
    if (!definition().isStreaming()) { // DELETE reaches the collection without toModificationRel
      throw MaterializedViewWriteException.recomputed(definition().name(), "DELETE");
    }
    RowStore store = rowStore();
    return new DeleteOnlyRows(definition().name(), store, this::forEachVisibleRow, ViewWriteLocks.of(store));
  }

  @Override default TableModify toModificationRel(RelOptCluster cluster, RelOptTable table,
      Prepare.CatalogReader catalogReader, RelNode child, TableModify.Operation operation,
      List<String> updateColumnList, List<RexNode> sourceExpressionList, boolean flattened) {
    if (operation != TableModify.Operation.DELETE) {
      throw new MaterializedViewWriteException(definition().name(), operation.name());
    }
    if (!definition().isStreaming()) {
      throw MaterializedViewWriteException.recomputed(definition().name(), operation.name());
    }
    return LogicalTableModify.create(table, catalogReader, child, operation, updateColumnList,
        sourceExpressionList, flattened);
  }

  /** Not used by Calcite's plans (see {@link #getExpression}); a scan with no data context. */
  @Override default <T> Queryable<T> asQueryable(QueryProvider queryProvider, SchemaPlus schema, String tableName) {
    return new AbstractTableQueryable<T>(queryProvider, schema, this, tableName) {
      @SuppressWarnings("unchecked")
      @Override public Enumerator<T> enumerator() {
        return (Enumerator<T>) Linq4j.enumerator(DeleteOnlyTable.this.scan(null).toList());
      }
    };
  }

  @Override default Type getElementType() {
    return Object[].class;
  }

  /** The table itself for {@code Table} classes (DELETE's collection); otherwise the rows of {@link #scan}. */
  @Override default Expression getExpression(SchemaPlus schema, String tableName, Class clazz) {
    return Schemas.tableExpression(schema, getElementType(), tableName,
        Table.class.isAssignableFrom(clazz) ? clazz : ScannableTable.class);
  }
}
