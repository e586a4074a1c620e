package io.streamview.jdbc.ddl;

import io.streamview.catalog.CatalogSnapshot;
import io.streamview.catalog.ColumnDef;
import io.streamview.catalog.MaterializedViewDef;
import io.streamview.engine.table.MaterializedViewWriteException;
import io.streamview.catalog.TableDef;
import io.streamview.engine.database.Database;
import io.streamview.jdbc.StreamViewDriver;
import io.streamview.jdbc.error.ErrorCode;
import io.streamview.jdbc.error.InternalSqlException;
import io.streamview.jdbc.error.StreamViewException;
import io.streamview.jdbc.parser.RedshiftTypeNames;
import io.streamview.jdbc.parser.SqlColumnDecl;
import io.streamview.jdbc.parser.SqlCreateTableStmt;
import io.streamview.jdbc.parser.SqlTruncate;
import io.streamview.jdbc.pipeline.ResultColumns;

import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/** {@code CREATE TABLE}, {@code CREATE TABLE … AS}, {@code TRUNCATE}. */
final class TableCommands {

  private TableCommands() {
  }

  static void create(Database db, SqlCreateTableStmt node) {
    synchronized (db.ddlLock()) {
      CatalogSnapshot catalog = db.catalog().current();
      ObjectNames.Local name = ObjectNames.local(node.name, catalog);
      if (ObjectNames.kindOf(catalog, name) != null) {
        if (node.ifNotExists) {
          return;
        }
        throw new StreamViewException(ErrorCode.DUPLICATE_TABLE, name.name());
      }
      String querySql = node.query == null ? null : node.query.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
      List<ColumnDef> columns = node.query == null ? declaredColumns(name, node) : queryColumns(db, name, querySql);
      List<String> pk = node.primaryKey.stream().map(SqlIdentifier::getSimple).toList();
      Set<String> names = new HashSet<>();
      columns.forEach(c -> names.add(c.name()));
      for (String k : pk) {
        if (!names.contains(k)) {
          throw new StreamViewException(ErrorCode.UNDEFINED_COLUMN, "column \"" + k + "\" named in PRIMARY KEY does "
              + "not exist in table " + name.name());
        }
      }
      TableDef def = new TableDef(name.schema(), name.name(), columns, pk, ObjectNames.newStoreName("t", name));
      db.storage().open(def.storeName());
      try {
        db.catalog().update(c -> c.withTable(def));
      } catch (RuntimeException e) {
        db.storage().drop(def.storeName());
        throw e;
      }
      if (querySql != null) {
        fill(db, def, querySql);
      }
    }
  }

  private static List<ColumnDef> declaredColumns(ObjectNames.Local table, SqlCreateTableStmt node) {
    if (node.columns.isEmpty()) {
      throw new StreamViewException(ErrorCode.VALIDATION_ERROR, "table " + table.name() + " has no columns");
    }
    List<ColumnDef> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (SqlColumnDecl c : node.columns) {
      String col = c.name.getSimple();
      if (!seen.add(col)) {
        throw new StreamViewException(ErrorCode.VALIDATION_ERROR, "column \"" + col + "\" specified more than once "
            + "in table " + table.name());
      }
      if (c.defaultValue != null) {
        throw new StreamViewException(ErrorCode.FEATURE_NOT_SUPPORTED, "column \"" + col + "\" of table "
            + table.name() + ": DEFAULT is not supported yet; give the value in each INSERT");
      }
      out.add(column(col, c.type, !c.notNull));
    }
    return out;
  }

  static ColumnDef column(String name, SqlDataTypeSpec spec, boolean nullable) {
    String type = RedshiftTypeNames.redshiftTypeName(spec);
    int precision = -1;
    int scale = -1;
    if (spec.getTypeNameSpec() instanceof SqlBasicTypeNameSpec b) {
      precision = b.getPrecision();
      scale = b.getScale();
    }
    if (type.equals("TIMESTAMP") || type.equals("TIMESTAMPTZ") || type.equals("TIME") || type.equals("TIMETZ")) {
      precision = -1;
    }
    ColumnDef def = new ColumnDef(name, type, precision, scale, nullable);
    try {
      io.streamview.engine.table.RedshiftTypes.toRelType(
          new org.apache.calcite.sql.type.SqlTypeFactoryImpl(org.apache.calcite.rel.type.RelDataTypeSystem.DEFAULT), def);
    } catch (IllegalArgumentException e) { // a type the storage cannot hold: refused now, not at the first query
      throw new StreamViewException(ErrorCode.FEATURE_NOT_SUPPORTED, "column \"" + name + "\": type " + type
          + " is not supported; use SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE PRECISION, BOOLEAN, CHAR, "
          + "VARCHAR, DATE, TIME, TIMETZ, TIMESTAMP, TIMESTAMPTZ, VARBYTE or SUPER");
    }
    return def;
  }

  private static List<ColumnDef> queryColumns(Database db, ObjectNames.Local name, String querySql) {
    try (Connection c = StreamViewDriver.openInternal(db); PreparedStatement ps = c.prepareStatement(querySql)) {
      return ResultColumns.of(name.name(), ps.getMetaData(), ps.getMetaData().getColumnCount());
    } catch (SQLException e) {
      throw new InternalSqlException("CREATE TABLE " + name.name() + " AS", e);
    }
  }

  private static void fill(Database db, TableDef def, String querySql) {
    try (Connection c = StreamViewDriver.openInternal(db); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO \"" + def.schema() + "\".\"" + def.name().replace("\"", "\"\"") + "\" "
          + querySql);
    } catch (SQLException e) {
      throw new InternalSqlException("CREATE TABLE " + def.name() + " AS", e);
    }
  }

  /** Empties a view between two of its refreshes; its positions stay, so no record already read is read again. */
  private static void truncateView(Database db, MaterializedViewDef mv) {
    if (!mv.isStreaming()) {
      throw MaterializedViewWriteException.recomputed(mv.name(), "TRUNCATE");
    }
    ReentrantLock lock = db.refreshLock(mv.schema() + "." + mv.name());
    lock.lock();
    try {
      db.storage().open(mv.storeName()).clear();
    } finally {
      lock.unlock();
    }
  }

  static void truncate(Database db, SqlTruncate node) {
    synchronized (db.ddlLock()) {
      CatalogSnapshot catalog = db.catalog().current();
      ObjectNames.Local name = ObjectNames.local(node.name, catalog);
      ObjectNames.Kind kind = ObjectNames.kindOf(catalog, name);
      if (kind == null) {
        throw new StreamViewException(ErrorCode.UNDEFINED_TABLE, name.name());
      }
      switch (kind) {
        case TABLE -> db.storage().open(catalog.tables().get(name.qualified()).storeName()).clear();
        case MATERIALIZED_VIEW -> truncateView(db, catalog.materializedViews().get(name.qualified()));
        case VIEW -> throw new StreamViewException(ErrorCode.WRONG_OBJECT_TYPE, name.name(), kind.article,
            "DELETE on its tables instead");
      }
    }
  }
}
