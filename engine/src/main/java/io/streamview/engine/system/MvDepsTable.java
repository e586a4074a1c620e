package io.streamview.engine.system;

import static io.streamview.engine.system.SystemColumn.varchar;

import io.streamview.catalog.CatalogSnapshot;
import io.streamview.catalog.MaterializedViewDef;
import io.streamview.engine.database.Database;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code STV_MV_DEPS}: one row per materialized view that another materialized view reads directly (its recorded
 * {@link MaterializedViewDef#dependsOn()}). A streaming view reads a stream, nothing local, and has no rows here.
 */
final class MvDepsTable {

  static final String NAME = "stv_mv_deps";

  static final List<SystemColumn> COLUMNS = List.of(
      varchar("db_name", 128), varchar("schema", 128), varchar("name", 128), varchar("ref_schema", 128),
      varchar("ref_name", 128), varchar("ref_database_name", 128));

  private MvDepsTable() {
  }

  static SystemTable of(Database db) {
    return new SystemTable(NAME, COLUMNS, () -> rows(db));
  }

  private static List<Object[]> rows(Database db) {
    CatalogSnapshot catalog = db.catalog().current();
    List<Object[]> out = new ArrayList<>();
    for (MaterializedViewDef mv : catalog.materializedViews().values()) {
      for (String dependency : mv.dependsOn()) {
        MaterializedViewDef ref = catalog.materializedViews().get(dependency);
        if (ref != null && ref != mv) {
          out.add(new Object[] {db.name(), mv.schema(), mv.name(), ref.schema(), ref.name(), db.name()});
        }
      }
    }
    return out;
  }
}
