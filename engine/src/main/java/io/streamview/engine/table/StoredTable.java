package io.streamview.engine.table;

import io.streamview.catalog.TableDef;
import io.streamview.engine.storage.RowStore;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
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
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ModifiableTable;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.schema.impl.AbstractTableQueryable;

import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;

/**
 * A plain table ({@code CREATE TABLE}): rows in a {@link RowStore} keyed by a row id, readable by scans and
 * writable by INSERT (whole or not at all, {@link StatementInsert}) and DELETE through {@link StoredRowCollection}.
 */
public final class StoredTable extends AbstractTable implements ModifiableTable, ScannableTable {

  private final TableDef def;
  private final StoredRowCollection rows;

  public StoredTable(TableDef def, RowStore store) {
    this.def = def;
    this.rows = StoredRowCollection.of(store);
  }

  public TableDef definition() {
    return def;
  }

  /** The stored rows, for UPDATE and TRUNCATE. */
  public StoredRowCollection rows() {
    return rows;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return RedshiftTypes.toRowType(typeFactory, def.columns());
  }

  @Override public Enumerable<Object[]> scan(DataContext root) {
    return Linq4j.asEnumerable(rows.snapshot());
  }

  /** A {@link StatementInsert} per statement: an INSERT is stored whole or not at all. */
  @Override public Collection getModifiableCollection() {
    return new StatementInsert(rows);
  }

  @Override public TableModify toModificationRel(RelOptCluster cluster, RelOptTable table,
      Prepare.CatalogReader catalogReader, RelNode child, TableModify.Operation operation,
      List<String> updateColumnList, List<RexNode> sourceExpressionList, boolean flattened) {
    return LogicalTableModify.create(table, catalogReader, child, operation, updateColumnList,
        sourceExpressionList, flattened);
  }

  @Override public <T> Queryable<T> asQueryable(QueryProvider queryProvider, SchemaPlus schema, String tableName) {
    return new AbstractTableQueryable<T>(queryProvider, schema, this, tableName) {
      @SuppressWarnings("unchecked")
      @Override public Enumerator<T> enumerator() {
        return (Enumerator<T>) Linq4j.enumerator(rows.snapshot());
      }
    };
  }

  @Override public Type getElementType() {
    return Object[].class;
  }

  @Override public Expression getExpression(SchemaPlus schema, String tableName, Class clazz) {
    return Schemas.tableExpression(schema, getElementType(), tableName, clazz);
  }
}
