package io.streamview.engine.system;

import static io.streamview.engine.system.SystemColumn.bigint;
import static io.streamview.engine.system.SystemColumn.flag;
import static io.streamview.engine.system.SystemColumn.integer;
import static io.streamview.engine.system.SystemColumn.timestamp;
import static io.streamview.engine.system.SystemColumn.varchar;

import io.streamview.engine.database.Database;
import io.streamview.engine.database.StreamScanError;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code SYS_STREAM_SCAN_ERRORS}: records a refresh could not ingest, oldest first. Empty until refreshes record
 * record-level errors ({@link io.streamview.engine.database.RefreshLog#recordScanError}); today a record a view
 * cannot use yields no row or NULLs, and a failing refresh is reported in the refresh views.
 */
final class StreamScanErrorsTable {

  static final String NAME = "sys_stream_scan_errors";

  static final List<SystemColumn> COLUMNS = List.of(
      varchar("external_schema_name", 128), varchar("stream_name", 255), varchar("mv_name", 128),
      bigint("transaction_id"), bigint("query_id"), flag("stream_timestamp_type"), timestamp("stream_timestamp"),
      timestamp("record_time"), varchar("partition_id", 128), varchar("position", 128), integer("error_code"),
      varchar("error_reason", 128));

  private StreamScanErrorsTable() {
  }

  static SystemTable of(Database db) {
    return new SystemTable(NAME, COLUMNS, () -> rows(db));
  }

  private static List<Object[]> rows(Database db) {
    List<Object[]> out = new ArrayList<>();
    for (StreamScanError e : db.refreshLog().scanErrors()) {
      out.add(new Object[] {e.externalSchemaName(), e.streamName(), e.viewName(), e.refreshId(), e.refreshId(),
          e.streamTimestampType(), SystemValues.timestamp(e.streamTimestamp()), SystemValues.timestamp(e.recordTime()),
          e.shardId(), e.position(), e.errorCode(), e.errorReason()});
    }
    return out;
  }
}
