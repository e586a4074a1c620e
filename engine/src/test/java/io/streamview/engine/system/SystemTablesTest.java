package io.streamview.engine.system;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.catalog.MaterializedViewDef;
import io.streamview.catalog.ShardPositionDef;
import io.streamview.engine.database.Database;
import io.streamview.engine.database.RefreshLog;
import io.streamview.engine.database.RefreshRecord;
import io.streamview.engine.database.RefreshType;
import io.streamview.engine.database.ShardRead;
import io.streamview.engine.database.StreamScanError;
import io.streamview.engine.database.StreamScanState;

import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Table;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

class SystemTablesTest {

  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
  private static final Instant T1 = T0.plusMillis(1_500);

  private Database db;

  @BeforeEach
  void open() {
    db = TestDatabases.open();
  }

  @AfterEach
  void close() {
    db.close();
  }

  private List<Object[]> rows(String table) {
    return ((SystemTable) SystemTables.of(db).get(table)).rows();
  }

  private static List<String> columns(Table t) {
    return ((SystemTable) t).columnNames();
  }

  @Test
  void everySystemTableHasRedshiftsNameAndColumnsAndIsASystemTable() {
    Map<String, Table> tables = SystemTables.of(db);
    assertEquals(List.of("sys_stream_scan_states", "sys_stream_scan_errors", "stv_mv_info", "svv_mv_info",
        "sys_mv_refresh_history", "svl_mv_refresh_status", "stv_mv_deps", "sys_stream_lag"),
        List.copyOf(tables.keySet()));
    assertEquals(List.of("external_schema_name", "stream_name", "mv_name", "transaction_id", "query_id",
        "record_time", "partition_id", "latest_position", "scanned_rows", "skipped_rows", "scanned_bytes",
        "stream_record_time_min", "stream_record_time_max"), columns(tables.get("sys_stream_scan_states")));
    assertEquals(List.of("external_schema_name", "stream_name", "mv_name", "transaction_id", "query_id",
        "stream_timestamp_type", "stream_timestamp", "record_time", "partition_id", "position", "error_code",
        "error_reason"), columns(tables.get("sys_stream_scan_errors")));
    assertEquals(List.of("db_name", "schema", "name", "updated_upto_xid", "is_stale", "owner_user_name", "state",
        "autorewrite", "autorefresh"), columns(tables.get("stv_mv_info")));
    assertEquals(List.of("database_name", "schema_name", "user_name", "name", "is_stale", "state", "autorewrite",
        "autorefresh"), columns(tables.get("svv_mv_info")));
    assertEquals(List.of("user_id", "session_id", "transaction_id", "database_name", "schema_name", "mv_id",
        "mv_name", "refresh_type", "status", "start_time", "end_time", "duration", "consumer_account",
        "consumer_region", "consumer_namespace"), columns(tables.get("sys_mv_refresh_history")));
    assertEquals(List.of("db_name", "userid", "schema_name", "mv_name", "xid", "starttime", "endtime", "status",
        "refresh_type", "consumer_account", "consumer_region", "consumer_namespace"),
        columns(tables.get("svl_mv_refresh_status")));
    assertEquals(List.of("db_name", "schema", "name", "ref_schema", "ref_name", "ref_database_name"),
        columns(tables.get("stv_mv_deps")));
    assertEquals(List.of("schema_name", "mv_name", "external_schema_name", "stream_name", "partition_id",
        "committed_sequence_number", "shard_ended", "millis_behind_latest", "at_parity", "read_time"),
        columns(tables.get("sys_stream_lag")));
    for (Table t : tables.values()) {
      assertEquals(Schema.TableType.SYSTEM_TABLE, t.getJdbcTableType());
      assertEquals(List.of(), ((SystemTable) t).rows(), "an empty database has no rows in " + t);
    }
  }

  @Test
  void columnTypesFollowRedshift() {
    RelDataType history = SystemTables.of(db).get("sys_mv_refresh_history").getRowType(new JavaTypeFactoryImpl());
    assertEquals(SqlTypeName.INTEGER, history.getField("user_id", true, false).getType().getSqlTypeName());
    assertEquals(SqlTypeName.BIGINT, history.getField("duration", true, false).getType().getSqlTypeName());
    assertEquals(SqlTypeName.TIMESTAMP, history.getField("start_time", true, false).getType().getSqlTypeName());
    assertEquals(SqlTypeName.VARCHAR, history.getField("status", true, false).getType().getSqlTypeName());
    RelDataType name = history.getField("mv_name", true, false).getType();
    assertEquals(SqlTypeName.VARCHAR, name.getSqlTypeName());
    assertEquals(128, name.getPrecision());
    RelDataType stale = SystemTables.of(db).get("stv_mv_info").getRowType(new JavaTypeFactoryImpl())
        .getField("is_stale", true, false).getType();
    assertEquals(SqlTypeName.CHAR, stale.getSqlTypeName());
    assertEquals(1, stale.getPrecision());
  }

  @Test
  void viewsAreListedWithStalenessAndAutoRefresh() {
    MaterializedViewDef manual = TestDatabases.view("manual_view", false);
    MaterializedViewDef auto = TestDatabases.view("auto_view", true);
    TestDatabases.put(db, manual);
    TestDatabases.put(db, auto);
    assertArrayEquals(new Object[] {db.name(), "public", "manual_view", null, "t", "sa", 1, "f", "f"},
        rows("stv_mv_info").get(0));
    assertArrayEquals(new Object[] {db.name(), "public", "auto_view", null, "t", "sa", 1, "f", "t"},
        rows("stv_mv_info").get(1));
    assertArrayEquals(new Object[] {db.name(), "public", "sa", "auto_view", "t", 1, "f", "t"},
        rows("svv_mv_info").get(1));

    RefreshLog log = db.refreshLog();
    long first = log.nextRefreshId();
    log.record(new RefreshRecord(first, "public", "manual_view", manual.storeName(), RefreshType.MANUAL,
        "Refresh successfully updated MV incrementally", T0, T1, true, true), List.of(), List.of());
    assertEquals("f", rows("stv_mv_info").get(0)[4], "a refresh that reached parity leaves the view fresh");
    assertEquals(first, rows("stv_mv_info").get(0)[3]);

    long second = log.nextRefreshId();
    log.record(new RefreshRecord(second, "public", "manual_view", manual.storeName(), RefreshType.AUTO,
        "Refresh failed. stream gone (SQLSTATE 42704)", T1, T1.plusMillis(3), false, false), List.of(), List.of());
    assertEquals("t", rows("stv_mv_info").get(0)[4], "a failed refresh leaves the view stale");
    assertEquals(first, rows("stv_mv_info").get(0)[3], "updated_upto_xid is the last successful refresh");
  }

  @Test
  void refreshesShowInTheHistoryAndStatusViews() {
    MaterializedViewDef mv = TestDatabases.view("v", false);
    TestDatabases.put(db, mv);
    long id = db.refreshLog().nextRefreshId();
    db.refreshLog().record(new RefreshRecord(id, "public", "v", mv.storeName(), RefreshType.MANUAL,
        "Refresh successfully updated MV incrementally", T0, T1, true, true), List.of(), List.of());
    assertArrayEquals(new Object[] {1, null, id, db.name(), "public", RefreshRecord.viewIdOf(mv.storeName()), "v",
        "Manual", "Refresh successfully updated MV incrementally", T0.toEpochMilli(), T1.toEpochMilli(), 1_500_000L,
        null, null, null}, rows("sys_mv_refresh_history").get(0));
    assertArrayEquals(new Object[] {db.name(), 1L, "public", "v", id, T0.toEpochMilli(), T1.toEpochMilli(),
        "Refresh successfully updated MV incrementally", "Manual", null, null, null},
        rows("svl_mv_refresh_status").get(0));
  }

  @Test
  void scanStatesErrorsAndLagPerShard() {
    MaterializedViewDef mv = TestDatabases.view("v", false);
    TestDatabases.put(db, mv);
    db.positions().commit("public.v", new ShardPositionDef("shardId-000000000000", "49000", false));
    db.positions().commit("public.v", new ShardPositionDef("shardId-000000000001", "49111", true));
    long id = db.refreshLog().nextRefreshId();
    db.refreshLog().record(new RefreshRecord(id, "public", "v", mv.storeName(), RefreshType.AUTO,
            "Refresh successfully updated MV incrementally", T0, T1, true, true),
        List.of(new StreamScanState(id, "kds", "s", "v", T1, "shardId-000000000000", "49000", 7, 0, 700, T0, T1)),
        List.of(new ShardRead("shardId-000000000000", 0, true, false, T1)));
    assertArrayEquals(new Object[] {"kds", "s", "v", id, id, T1.toEpochMilli(), "shardId-000000000000", "49000", 7L,
        0L, 700L, T0.toEpochMilli(), T1.toEpochMilli()}, rows("sys_stream_scan_states").get(0));
    List<Object[]> lag = rows("sys_stream_lag");
    assertEquals(2, lag.size());
    assertArrayEquals(new Object[] {"public", "v", "kds", "s", "shardId-000000000000", "49000", "f", 0L, "t",
        T1.toEpochMilli()}, lag.get(0));
    assertArrayEquals(new Object[] {"public", "v", "kds", "s", "shardId-000000000001", "49111", "t", null, null,
        null}, lag.get(1), "a shard not read since the database opened has only its committed position");

    db.refreshLog().recordScanError(new StreamScanError(id, "kds", "s", "v", "A", T0, T1, "shardId-000000000000",
        "49001", 1, "record too large"));
    assertArrayEquals(new Object[] {"kds", "s", "v", id, id, "A", T0.toEpochMilli(), T1.toEpochMilli(),
        "shardId-000000000000", "49001", 1, "record too large"}, rows("sys_stream_scan_errors").get(0));

    db.refreshLog().forgetView(mv.storeName());
    assertNull(rows("sys_stream_lag").get(0)[7], "a dropped view's reads are forgotten");
  }

  @Test
  void aViewReadingAnotherViewIsADependency() {
    MaterializedViewDef base = TestDatabases.view("base", false);
    TestDatabases.put(db, base);
    MaterializedViewDef nested = new MaterializedViewDef("public", "nested", "SELECT * FROM base", base.columns(),
        null, null, false, true, null, List.of(), List.of(), "mv_nested", Instant.now(),
        List.of("public.base", "public.t"));
    TestDatabases.put(db, nested);
    List<Object[]> deps = rows("stv_mv_deps");
    assertEquals(1, deps.size());
    assertArrayEquals(new Object[] {db.name(), "public", "nested", "public", "base", db.name()}, deps.get(0));
  }

  @Test
  void theHistoryIsBounded() {
    MaterializedViewDef mv = TestDatabases.view("v", false);
    RefreshLog log = db.refreshLog();
    for (int i = 0; i < RefreshLog.MAX_REFRESHES + 5; i++) {
      long id = log.nextRefreshId();
      log.record(new RefreshRecord(id, "public", "v", mv.storeName(), RefreshType.AUTO, "s", T0, T1, true, true),
          List.of(new StreamScanState(id, "kds", "s", "v", T1, "sh", null, 0, 0, 0, null, null)), List.of());
    }
    List<RefreshRecord> kept = log.refreshes();
    assertEquals(RefreshLog.MAX_REFRESHES, kept.size());
    assertEquals(6, kept.get(0).refreshId(), "the oldest refreshes go first");
    assertTrue(log.scanStates().size() <= RefreshLog.MAX_SCAN_STATES);
  }
}
