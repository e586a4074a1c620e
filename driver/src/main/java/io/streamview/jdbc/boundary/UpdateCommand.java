package io.streamview.jdbc.boundary;

import io.streamview.catalog.CatalogSnapshot;
import io.streamview.catalog.ColumnDef;
import io.streamview.catalog.TableDef;
import io.streamview.engine.database.Database;
import io.streamview.engine.table.StoredRowCollection;
import io.streamview.jdbc.error.ErrorCode;
import io.streamview.jdbc.error.StreamViewException;
import io.streamview.jdbc.pipeline.JdbcStorageValues;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code UPDATE table SET c = e, … [WHERE cond]} on a plain table. Calcite's enumerable engine has no UPDATE, so the
 * statement becomes a query for the matching rows and their new values ({@code SELECT t.*, CAST(e AS type) … FROM t
 * WHERE cond}, with the same {@code ?} parameters in the same order), and the table replaces each matched row.
 */
final class UpdateCommand {

  private final String selectSql;
  private final TableDef table;
  private final int[] targets;

  private UpdateCommand(String selectSql, TableDef table, int[] targets) {
    this.selectSql = selectSql;
    this.table = table;
    this.targets = targets;
  }

  /** The command for {@code node}; fails for anything that is not a plain table. */
  static UpdateCommand of(SqlUpdate node, Database db) {
    CatalogSnapshot catalog = db.catalog().current();
    SqlIdentifier id = (SqlIdentifier) node.getTargetTable();
    String name = id.names.get(id.names.size() - 1);
    String schema = id.names.size() > 1 ? id.names.get(id.names.size() - 2) : "public";
    String qualified = schema + "." + name;
    TableDef table = catalog.tables().get(qualified);
    if (table == null) {
      if (catalog.materializedViews().containsKey(qualified)) {
        throw new StreamViewException(ErrorCode.FEATURE_NOT_SUPPORTED, "materialized view " + name
            + " cannot be updated: its rows come from REFRESH");
      }
      if (catalog.views().containsKey(qualified)) {
        throw new StreamViewException(ErrorCode.WRONG_OBJECT_TYPE, name, "a view", "UPDATE on its tables");
      }
      throw new StreamViewException(ErrorCode.UNDEFINED_TABLE, name);
    }
    String alias = node.getAlias() != null ? node.getAlias().getSimple() : name;
    String q = quote(alias);
    List<String> items = new ArrayList<>();
    for (ColumnDef c : table.columns()) {
      items.add(q + "." + quote(c.name()));
    }
    int[] targets = new int[node.getTargetColumnList().size()];
    for (int i = 0; i < targets.length; i++) {
      String col = ((SqlIdentifier) node.getTargetColumnList().get(i)).getSimple();
      int index = -1;
      for (int j = 0; j < table.columns().size(); j++) {
        if (table.columns().get(j).name().equals(col)) {
          index = j;
        }
      }
      if (index < 0) {
        throw new StreamViewException(ErrorCode.UNDEFINED_COLUMN, "column \"" + col + "\" of table " + name
            + " does not exist");
      }
      targets[i] = index;
      SqlNode expr = node.getSourceExpressionList().get(i);
      items.add("CAST((" + sql(expr) + ") AS " + JdbcStorageValues.castType(table.columns().get(index)) + ")");
    }
    String select = "SELECT " + String.join(", ", items) + " FROM " + quote(schema) + "." + quote(name) + " AS " + q
        + (node.getCondition() != null ? " WHERE " + sql(node.getCondition()) : "");
    return new UpdateCommand(select, table, targets);
  }

  String selectSql() {
    return selectSql;
  }

  /** Runs the prepared select (parameters already bound) and replaces the matched rows; the update count. */
  long apply(PreparedStatement select, Database db) throws SQLException {
    List<Object[]> oldRows = new ArrayList<>();
    List<Object[]> newRows = new ArrayList<>();
    int n = table.columns().size();
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        Object[] old = new Object[n];
        for (int i = 0; i < n; i++) {
          old[i] = JdbcStorageValues.read(rs, i + 1, table.columns().get(i));
        }
        Object[] updated = old.clone();
        for (int t = 0; t < targets.length; t++) {
          ColumnDef c = table.columns().get(targets[t]);
          Object v = JdbcStorageValues.read(rs, n + t + 1, c);
          if (v == null && !c.nullable()) {
            throw new StreamViewException(ErrorCode.NOT_NULL_VIOLATION, "null value in column \"" + c.name()
                + "\" of table " + table.name() + " violates its NOT NULL constraint");
          }
          updated[targets[t]] = v;
        }
        oldRows.add(old);
        newRows.add(updated);
      }
    }
    StoredRowCollection rows = StoredRowCollection.of(db.storage().open(table.storeName()));
    return rows.replaceStored(oldRows, newRows);
  }

  private static String sql(SqlNode node) {
    return node.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
