package io.streamview.jdbc.ddl;

import io.streamview.catalog.CatalogSnapshot;
import io.streamview.catalog.ColumnDef;
import io.streamview.catalog.MaterializedViewDef;
import io.streamview.engine.database.Database;
import io.streamview.engine.refresh.RefreshResult;
import io.streamview.engine.storage.RowKeys;
import io.streamview.engine.storage.RowStore;
import io.streamview.jdbc.StreamViewDriver;
import io.streamview.jdbc.error.ErrorCode;
import io.streamview.jdbc.error.InternalSqlException;
import io.streamview.jdbc.error.StreamViewException;
import io.streamview.jdbc.parser.SqlCreateMaterializedView;
import io.streamview.jdbc.pipeline.JdbcStorageValues;
import io.streamview.jdbc.pipeline.ResultColumns;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Materialized views over tables, views and other materialized views (Redshift's nested views): created from their
 * query's result, and on every refresh recomputed from scratch into a new row store that replaces the old one in one
 * catalog update, so that a reader sees the old rows or the new ones, never a mixture, and a failed or interrupted
 * refresh leaves the view as it was.
 */
final class RecomputedViewCommands {

  private static final Logger LOG = LoggerFactory.getLogger(RecomputedViewCommands.class);

  /** Redshift's status text for a full recomputation. */
  static final String RECOMPUTED = "Refresh successfully recomputed MV from scratch";

  /** Rows written to the store per {@code putAll}. */
  private static final int WRITE_BATCH = 1024;

  private RecomputedViewCommands() {
  }

  /** Whether {@code relations} (catalog keys of what a query reads) include a stream of an external schema. */
  static boolean readsStream(CatalogSnapshot catalog, Iterable<String> relations) {
    for (String r : relations) {
      int dot = r.indexOf('.');
      if (dot > 0 && catalog.externalSchemas().containsKey(r.substring(0, dot))) {
        return true;
      }
    }
    return false;
  }

  /** {@code CREATE MATERIALIZED VIEW} over local relations: the view is populated from its query at once. */
  static void create(Database db, SqlCreateMaterializedView node, ObjectNames.Local name, String sql,
                     List<String> relations) {
    CatalogSnapshot catalog = db.catalog().current();
    List<String> dependsOn = new ArrayList<>();
    for (String r : relations) {
      String key = r.toLowerCase(Locale.ROOT);
      if (catalog.tables().containsKey(key) || catalog.views().containsKey(key)
          || catalog.materializedViews().containsKey(key)) {
        dependsOn.add(key);
      }
    }
    String storeName = ObjectNames.newStoreName("mv", name);
    RowStore store = db.storage().open(storeName);
    try {
      List<ColumnDef> columns = fill(db, name.name(), sql, store, null);
      MaterializedViewDef def = new MaterializedViewDef(name.schema(), name.name(), sql, columns, null, null,
          Boolean.TRUE.equals(node.autoRefresh), !Boolean.FALSE.equals(node.backup), node.distStyle,
          MaterializedViewCommands.columnNames(name, "DISTKEY", node.distKey, columns),
          MaterializedViewCommands.columnNames(name, "SORTKEY", node.sortKey, columns),
          storeName, Instant.now(), dependsOn);
      db.catalog().update(c -> c.withMaterializedView(def));
    } catch (RuntimeException e) {
      db.storage().drop(storeName);
      throw e;
    }
  }

  /**
   * Recomputes {@code mv} into a new row store and swaps it in; the old store is dropped. Runs under the view's
   * refresh lock, as an incremental refresh does.
   */
  static RefreshResult refresh(Database db, MaterializedViewDef mv) {
    ReentrantLock lock = db.refreshLock(mv.schema() + "." + mv.name());
    lock.lock();
    try {
      Instant start = Instant.now();
      MaterializedViewDef current = db.catalog().current().materializedViews().get(mv.qualifiedName());
      if (current == null) {
        throw new StreamViewException(ErrorCode.UNDEFINED_TABLE, mv.name());
      }
      String newStore = ObjectNames.newStoreName("mv", new ObjectNames.Local(mv.schema(), mv.name()));
      RowStore store = db.storage().open(newStore);
      long rows;
      try {
        fill(db, mv.name(), current.sql(), store, current.columns());
        rows = store.size();
        store.flush();
        // no DDL lock here (DROP takes it before the refresh lock): the swap checks in the catalog update itself
        // that the view is still the one recomputed
        db.catalog().update(c -> {
          MaterializedViewDef now = c.materializedViews().get(mv.qualifiedName());
          if (now == null || !now.storeName().equals(current.storeName())) {
            throw new StreamViewException(ErrorCode.UNDEFINED_TABLE, mv.name());
          }
          return c.withMaterializedView(now.withStoreName(newStore));
        });
      } catch (RuntimeException e) {
        db.storage().drop(newStore);
        throw e;
      }
      db.storage().drop(current.storeName());
      db.refreshLog().forgetView(current.storeName());
      Duration elapsed = Duration.between(start, Instant.now());
      LOG.info("recomputed {}.{}: {} rows stored, {} ms", mv.schema(), mv.name(), rows, elapsed.toMillis());
      return new RefreshResult(mv.name(), start, elapsed, 0, rows, rows, 0, RECOMPUTED, List.of());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs {@code sql} and writes its rows to {@code store}, keyed by row number; returns the result's columns.
   * {@code columns}, when given, are the view's columns as created: a query whose result no longer has them (a base
   * relation was replaced) is refused rather than stored under the wrong types.
   */
  private static List<ColumnDef> fill(Database db, String viewName, String sql, RowStore store,
                                      List<ColumnDef> columns) {
    try (Connection c = StreamViewDriver.openInternal(db); PreparedStatement ps = c.prepareStatement(sql)) {
      List<ColumnDef> actual = ResultColumns.of(viewName, ps.getMetaData(), ps.getMetaData().getColumnCount());
      if (columns != null && !sameShape(columns, actual)) {
        throw new StreamViewException(ErrorCode.FEATURE_NOT_SUPPORTED, "materialized view " + viewName
            + " cannot be refreshed: its query now gives columns " + describe(actual) + " instead of "
            + describe(columns) + " (a relation it reads was changed); drop the view and create it again");
      }
      List<ColumnDef> target = columns != null ? columns : actual;
      List<Map.Entry<byte[], Object[]>> batch = new ArrayList<>(WRITE_BATCH);
      long n = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Object[] row = new Object[target.size()];
          for (int i = 0; i < row.length; i++) {
            row[i] = JdbcStorageValues.read(rs, i + 1, target.get(i));
          }
          batch.add(new AbstractMap.SimpleImmutableEntry<>(RowKeys.ofLong(n++), row));
          if (batch.size() == WRITE_BATCH) {
            store.putAll(batch);
            batch.clear();
          }
        }
      }
      store.putAll(batch);
      return actual;
    } catch (SQLException e) {
      throw new InternalSqlException("materialized view " + viewName, e);
    }
  }

  private static boolean sameShape(List<ColumnDef> expected, List<ColumnDef> actual) {
    if (expected.size() != actual.size()) {
      return false;
    }
    for (int i = 0; i < expected.size(); i++) {
      if (!expected.get(i).name().equals(actual.get(i).name())
          || !expected.get(i).typeName().equals(actual.get(i).typeName())) {
        return false;
      }
    }
    return true;
  }

  private static String describe(List<ColumnDef> columns) {
    return columns.stream().map(c -> c.name() + " " + c.typeName()).toList().toString();
  }
}
