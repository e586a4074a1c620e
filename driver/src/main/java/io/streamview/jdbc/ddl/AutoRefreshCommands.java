package io.streamview.jdbc.ddl;

import io.streamview.catalog.CatalogSnapshot;
import io.streamview.catalog.MaterializedViewDef;
import io.streamview.engine.database.Database;
import io.streamview.engine.database.RefreshType;
import io.streamview.engine.database.ViewRefresher;
import io.streamview.jdbc.StreamViewDriver;
import io.streamview.jdbc.error.ErrorCode;
import io.streamview.jdbc.error.StreamViewException;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;

import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * AUTO REFRESH: the checks of {@code CREATE MATERIALIZED VIEW … AUTO REFRESH YES}, {@code ALTER MATERIALIZED VIEW …
 * AUTO REFRESH {YES | NO}}, and the {@link ViewRefresher} through which a database's auto-refresh threads run the
 * same refresh as {@code REFRESH MATERIALIZED VIEW}, recorded as {@code Auto} in the refresh system views.
 */
public final class AutoRefreshCommands {

  /** Redshift's text for AUTO REFRESH YES on a view that reads another materialized view. */
  static final String NESTED_VIEW_REFUSED =
      "Auto-refresh is not supported for materialized views defined on other materialized views.";

  private AutoRefreshCommands() {
  }

  /** How the database's auto-refresh threads refresh a view. */
  public static ViewRefresher refresher() {
    return (db, viewKey, cancelled) -> {
      StreamViewDriver.awaitWarmUp(); // the first refresh of a new JVM may come before its first connection's query
      refresh(db, viewKey, cancelled);
    };
  }

  private static void refresh(Database db, String viewKey, BooleanSupplier cancelled) {
    MaterializedViewDef mv = db.catalog().current().materializedViews().get(viewKey);
    if (mv == null || !mv.autoRefresh()) {
      return;
    }
    // a DROP of the view cancels the refresh after the batch in hand, so that the DROP need not wait for parity
    BooleanSupplier stop = () -> cancelled.getAsBoolean() || !stillExists(db, viewKey, mv);
    RefreshHistory.run(db, mv, RefreshType.AUTO, stop, c -> MaterializedViewCommands.refresh(db, mv, c));
  }

  private static boolean stillExists(Database db, String viewKey, MaterializedViewDef mv) {
    MaterializedViewDef now = db.catalog().current().materializedViews().get(viewKey);
    return now != null && now.storeName().equals(mv.storeName());
  }

  /** {@code CREATE … AUTO REFRESH YES AS query}: refused when the query reads a materialized view. */
  static void checkCreate(CatalogSnapshot catalog, SqlNode query, boolean autoRefresh) {
    if (autoRefresh && readsMaterializedView(catalog, query.toSqlString(CalciteSqlDialect.DEFAULT).getSql())) {
      throw new StreamViewException(ErrorCode.FEATURE_NOT_SUPPORTED, NESTED_VIEW_REFUSED);
    }
  }

  /** {@code ALTER MATERIALIZED VIEW name AUTO REFRESH {YES | NO}}: records the setting in the catalog. */
  static void alter(Database db, MaterializedViewDef view, boolean autoRefresh) {
    synchronized (db.ddlLock()) {
      CatalogSnapshot catalog = db.catalog().current();
      MaterializedViewDef mv = catalog.materializedViews().get(view.qualifiedName());
      if (mv == null) {
        throw new StreamViewException(ErrorCode.UNDEFINED_TABLE, view.name());
      }
      if (autoRefresh && readsMaterializedView(catalog, mv)) {
        throw new StreamViewException(ErrorCode.FEATURE_NOT_SUPPORTED, NESTED_VIEW_REFUSED);
      }
      if (mv.autoRefresh() != autoRefresh) {
        MaterializedViewDef altered = mv.withAutoRefresh(autoRefresh);
        db.catalog().update(c -> c.withMaterializedView(altered));
      }
    }
  }

  /** Whether {@code mv} reads another materialized view: as its source relation or in its query's FROM clauses. */
  private static boolean readsMaterializedView(CatalogSnapshot catalog, MaterializedViewDef mv) {
    return mv.dependsOn().stream().anyMatch(catalog.materializedViews()::containsKey)
        || readsMaterializedView(catalog, mv.sql());
  }

  private static boolean readsMaterializedView(CatalogSnapshot catalog, String sql) {
    for (String relation : ViewReferences.of(sql)) {
      if (catalog.materializedViews().containsKey(relation.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }
}
