package io.streamview.engine.system;

import static io.streamview.engine.system.SystemColumn.bigint;
import static io.streamview.engine.system.SystemColumn.integer;
import static io.streamview.engine.system.SystemColumn.text;
import static io.streamview.engine.system.SystemColumn.timestamp;
import static io.streamview.engine.system.SystemColumn.varchar;

import io.streamview.engine.database.Database;
import io.streamview.engine.database.RefreshRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code SYS_MV_REFRESH_HISTORY} and {@code SVL_MV_REFRESH_STATUS}: one row per finished refresh (manual or auto,
 * successful or failed) since the database opened, oldest first, the last
 * {@link io.streamview.engine.database.RefreshLog#MAX_REFRESHES} kept. The data-sharing consumer columns are NULL.
 */
final class MvRefreshTables {

  static final String HISTORY_NAME = "sys_mv_refresh_history";
  static final String STATUS_NAME = "svl_mv_refresh_status";

  static final List<SystemColumn> HISTORY_COLUMNS = List.of(
      integer("user_id"), integer("session_id"), bigint("transaction_id"), varchar("database_name", 128),
      varchar("schema_name", 128), bigint("mv_id"), varchar("mv_name", 128), varchar("refresh_type", 32),
      text("status"), timestamp("start_time"), timestamp("end_time"), bigint("duration"),
      varchar("consumer_account", 12), varchar("consumer_region", 32), varchar("consumer_namespace", 36));

  static final List<SystemColumn> STATUS_COLUMNS = List.of(
      varchar("db_name", 128), bigint("userid"), varchar("schema_name", 128), varchar("mv_name", 128), bigint("xid"),
      timestamp("starttime"), timestamp("endtime"), text("status"), varchar("refresh_type", 32),
      varchar("consumer_account", 12), varchar("consumer_region", 32), varchar("consumer_namespace", 36));

  private MvRefreshTables() {
  }

  static SystemTable history(Database db) {
    return new SystemTable(HISTORY_NAME, HISTORY_COLUMNS, () -> {
      List<Object[]> out = new ArrayList<>();
      for (RefreshRecord r : db.refreshLog().refreshes()) {
        out.add(new Object[] {SystemTables.USER_ID, null, r.refreshId(), db.name(), r.schemaName(), r.viewId(),
            r.viewName(), r.type().text(), r.status(), SystemValues.timestamp(r.startTime()),
            SystemValues.timestamp(r.endTime()), r.durationMicros(), null, null, null});
      }
      return out;
    });
  }

  static SystemTable status(Database db) {
    return new SystemTable(STATUS_NAME, STATUS_COLUMNS, () -> {
      List<Object[]> out = new ArrayList<>();
      for (RefreshRecord r : db.refreshLog().refreshes()) {
        out.add(new Object[] {db.name(), (long) SystemTables.USER_ID, r.schemaName(), r.viewName(), r.refreshId(),
            SystemValues.timestamp(r.startTime()), SystemValues.timestamp(r.endTime()), r.status(), r.type().text(),
            null, null, null});
      }
      return out;
    });
  }
}
