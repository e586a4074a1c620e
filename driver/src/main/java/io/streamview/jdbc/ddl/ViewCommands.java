package io.streamview.jdbc.ddl;

import io.streamview.catalog.CatalogSnapshot;
import io.streamview.catalog.ColumnDef;
import io.streamview.catalog.ViewDef;
import io.streamview.engine.database.Database;
import io.streamview.jdbc.StreamViewDriver;
import io.streamview.jdbc.error.ErrorCode;
import io.streamview.jdbc.error.InternalSqlException;
import io.streamview.jdbc.error.StreamViewException;
import io.streamview.jdbc.parser.SqlCreateViewStmt;
import io.streamview.jdbc.pipeline.ResultColumns;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/** {@code CREATE [OR REPLACE] VIEW}. */
final class ViewCommands {

  private ViewCommands() {
  }

  static void create(Database db, SqlCreateViewStmt node) {
    synchronized (db.ddlLock()) {
      CatalogSnapshot catalog = db.catalog().current();
      ObjectNames.Local name = ObjectNames.local(node.name, catalog);
      ObjectNames.Kind existing = ObjectNames.kindOf(catalog, name);
      if (existing != null && !(existing == ObjectNames.Kind.VIEW && node.orReplace)) {
        throw new StreamViewException(ErrorCode.DUPLICATE_TABLE, name.name());
      }
      String sql = node.query.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
      if (node.columnList != null) {
        String cols = node.columnList.getList().stream().map(SqlNode::toString)
            .map(c -> "\"" + c.replace("\"", "\"\"") + "\"").collect(Collectors.joining(", "));
        sql = "SELECT * FROM (" + sql + ") AS \"$v\" (" + cols + ")";
      }
      List<ColumnDef> columns = describe(db, name, sql);
      ViewDef def = new ViewDef(name.schema(), name.name(), sql, columns);
      db.catalog().update(c -> c.withView(def));
    }
  }

  private static List<ColumnDef> describe(Database db, ObjectNames.Local name, String sql) {
    try (Connection c = StreamViewDriver.openInternal(db); PreparedStatement ps = c.prepareStatement(sql)) {
      return ResultColumns.of(name.name(), ps.getMetaData(), ps.getMetaData().getColumnCount());
    } catch (SQLException e) {
      throw new InternalSqlException("CREATE VIEW " + name.name(), e);
    }
  }
}
