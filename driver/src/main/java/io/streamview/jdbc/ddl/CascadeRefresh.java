package io.streamview.jdbc.ddl;

import io.streamview.catalog.CatalogSnapshot;
import io.streamview.catalog.MaterializedViewDef;
import io.streamview.catalog.ViewDef;
import io.streamview.engine.database.Database;
import io.streamview.engine.database.RefreshType;
import io.streamview.jdbc.error.ErrorCode;
import io.streamview.jdbc.error.StreamViewException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code REFRESH MATERIALIZED VIEW name CASCADE}: the materialized views {@code name} reads, directly or through
 * plain views and other materialized views, are refreshed first, deepest first, each once, so that the view is
 * recomputed from current data. A dependency that fails to refresh stops the cascade with Redshift's text
 * ({@code Cascade refresh failed because materialized view s.n was not refreshed.}); the view itself is not
 * refreshed then, and the failure is recorded for it in the refresh system views.
 */
final class CascadeRefresh {

  private CascadeRefresh() {
  }

  /** Refreshes every materialized view {@code mv} depends on, deepest first. */
  static void refreshDependencies(Database db, MaterializedViewDef mv, RefreshType type) {
    for (MaterializedViewDef dep : dependenciesInRefreshOrder(db.catalog().current(), mv)) {
      try {
        RefreshHistory.run(db, dep, type, io.streamview.jdbc.cancel.StatementCancellation.current(),
            cancelled -> MaterializedViewCommands.refresh(db, dep, cancelled));
      } catch (RuntimeException e) {
        StreamViewException failed = new StreamViewException(ErrorCode.CASCADE_REFRESH_FAILED, e,
            dep.schema() + "." + dep.name(), mv.schema() + "." + mv.name(), e.getMessage());
        RefreshHistory.recordFailure(db, mv, type, failed);
        throw failed;
      }
    }
  }

  /** The materialized views {@code mv} reads, transitively, each before the views that read it. */
  static List<MaterializedViewDef> dependenciesInRefreshOrder(CatalogSnapshot catalog, MaterializedViewDef mv) {
    Set<String> done = new LinkedHashSet<>();
    List<MaterializedViewDef> out = new ArrayList<>();
    visit(catalog, relationsOf(catalog, mv.qualifiedName()), done, out);
    out.removeIf(d -> d.qualifiedName().equals(mv.qualifiedName()));
    return out;
  }

  private static void visit(CatalogSnapshot catalog, List<String> relations, Set<String> done,
                            List<MaterializedViewDef> out) {
    for (String r : relations) {
      String key = r.toLowerCase(Locale.ROOT);
      if (!done.add(key)) {
        continue;
      }
      visit(catalog, relationsOf(catalog, key), done, out);
      MaterializedViewDef dep = catalog.materializedViews().get(key);
      if (dep != null) {
        out.add(dep);
      }
    }
  }

  /** What the relation {@code key} reads: a materialized view's recorded dependencies, a view's FROM clauses. */
  private static List<String> relationsOf(CatalogSnapshot catalog, String key) {
    MaterializedViewDef mv = catalog.materializedViews().get(key);
    if (mv != null) {
      return mv.dependsOn();
    }
    ViewDef view = catalog.views().get(key);
    return view == null ? List.of() : new ArrayList<>(ViewReferences.of(view.sql()));
  }
}
