package io.streamview.engine.system;

import static io.streamview.engine.system.SystemColumn.bigint;
import static io.streamview.engine.system.SystemColumn.flag;
import static io.streamview.engine.system.SystemColumn.integer;
import static io.streamview.engine.system.SystemColumn.varchar;

import io.streamview.catalog.MaterializedViewDef;
import io.streamview.engine.database.Database;

import java.util.ArrayList;
import java.util.List;

/** {@code STV_MV_INFO} and {@code SVV_MV_INFO}: one row per materialized view, in catalog order. */
final class MvInfoTables {

  static final String STV_NAME = "stv_mv_info";
  static final String SVV_NAME = "svv_mv_info";

  static final List<SystemColumn> STV_COLUMNS = List.of(
      varchar("db_name", 128), varchar("schema", 128), varchar("name", 128), bigint("updated_upto_xid"),
      flag("is_stale"), varchar("owner_user_name", 128), integer("state"), flag("autorewrite"), flag("autorefresh"));

  static final List<SystemColumn> SVV_COLUMNS = List.of(
      varchar("database_name", 128), varchar("schema_name", 128), varchar("user_name", 128), varchar("name", 128),
      flag("is_stale"), integer("state"), flag("autorewrite"), flag("autorefresh"));

  private MvInfoTables() {
  }

  static SystemTable stv(Database db) {
    return new SystemTable(STV_NAME, STV_COLUMNS, () -> {
      List<Object[]> out = new ArrayList<>();
      for (MaterializedViewDef mv : db.catalog().current().materializedViews().values()) {
        out.add(new Object[] {db.name(), mv.schema(), mv.name(), MvState.updatedUpTo(db, mv), MvState.isStale(db, mv),
            SystemTables.USER_NAME, MvState.INCREMENTAL, "f", SystemValues.flag(mv.autoRefresh())});
      }
      return out;
    });
  }

  static SystemTable svv(Database db) {
    return new SystemTable(SVV_NAME, SVV_COLUMNS, () -> {
      List<Object[]> out = new ArrayList<>();
      for (MaterializedViewDef mv : db.catalog().current().materializedViews().values()) {
        out.add(new Object[] {db.name(), mv.schema(), SystemTables.USER_NAME, mv.name(), MvState.isStale(db, mv),
            MvState.INCREMENTAL, "f", SystemValues.flag(mv.autoRefresh())});
      }
      return out;
    });
  }
}
