package io.streamview.engine.system;

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
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ModifiableTable;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.schema.impl.AbstractTableQueryable;

import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * A read-only system table ({@code SYSTEM TABLE} to JDBC metadata) whose rows are computed at each scan. It is a
 * {@link ModifiableTable} only so that INSERT, UPDATE, MERGE and DELETE fail at planning with a
 * {@link SystemTableWriteException} instead of a planner error; scans go through {@link #scan}.
 */
public final class SystemTable extends AbstractTable implements ScannableTable, ModifiableTable {

  private final String name;
  private final List<SystemColumn> columns;
  private final Supplier<List<Object[]>> rows;

  SystemTable(String name, List<SystemColumn> columns, Supplier<List<Object[]>> rows) {
    this.name = name;
    this.columns = List.copyOf(columns);
    this.rows = rows;
  }

  /** The table's name, lower case. */
  public String name() {
    return name;
  }

  /** The names of its columns, in order. */
  public List<String> columnNames() {
    return columns.stream().map(SystemColumn::name).toList();
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder b = typeFactory.builder();
    for (SystemColumn c : columns) {
      b.add(c.name(), c.toType(typeFactory));
    }
    return b.build();
  }

  @Override public Enumerable<Object[]> scan(DataContext root) {
    return Linq4j.asEnumerable(rows.get());
  }

  /** The rows a scan would return now. */
  public List<Object[]> rows() {
    return rows.get();
  }

  @Override public Schema.TableType getJdbcTableType() {
    return Schema.TableType.SYSTEM_TABLE;
  }

  @Override public TableModify toModificationRel(RelOptCluster cluster, RelOptTable table,
      Prepare.CatalogReader catalogReader, RelNode child, TableModify.Operation operation,
      List<String> updateColumnList, List<RexNode> sourceExpressionList, boolean flattened) {
    throw new SystemTableWriteException(name, operation.name());
  }

  @Override public Collection getModifiableCollection() {
    throw new SystemTableWriteException(name, "DELETE"); // DELETE reaches the collection without toModificationRel
  }

  @Override public <T> Queryable<T> asQueryable(QueryProvider queryProvider, SchemaPlus schema, String tableName) {
    return new AbstractTableQueryable<T>(queryProvider, schema, this, tableName) {
      @SuppressWarnings("unchecked")
      @Override public Enumerator<T> enumerator() {
        return (Enumerator<T>) Linq4j.enumerator(rows.get());
      }
    };
  }

  @Override public Type getElementType() {
    return Object[].class;
  }

  /** The rows of {@link #scan} for a scan; the table itself when a {@code Table} class is asked for. */
  @Override public Expression getExpression(SchemaPlus schema, String tableName, Class clazz) {
    return Schemas.tableExpression(schema, getElementType(), tableName,
        Table.class.isAssignableFrom(clazz) ? clazz : ScannableTable.class);
  }
}
