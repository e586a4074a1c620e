package io.streamview.engine.system;

import static io.streamview.engine.system.SystemColumn.bigint;
import static io.streamview.engine.system.SystemColumn.timestamp;
import static io.streamview.engine.system.SystemColumn.varchar;

import io.streamview.engine.database.Database;
import io.streamview.engine.database.StreamScanState;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code SYS_STREAM_SCAN_STATES}: one row per refresh and shard read (Redshift logs one per batch; StreamView sums a
 * refresh's batches of a shard into one row), oldest first.
 */
final class StreamScanStatesTable {

  static final String NAME = "sys_stream_scan_states";

  static final List<SystemColumn> COLUMNS = List.of(
      varchar("external_schema_name", 128), varchar("stream_name", 255), varchar("mv_name", 128),
      bigint("transaction_id"), bigint("query_id"), timestamp("record_time"), varchar("partition_id", 128),
      varchar("latest_position", 128), bigint("scanned_rows"), bigint("skipped_rows"), bigint("scanned_bytes"),
      timestamp("stream_record_time_min"), timestamp("stream_record_time_max"));

  private StreamScanStatesTable() {
  }

  static SystemTable of(Database db) {
    return new SystemTable(NAME, COLUMNS, () -> rows(db));
  }

  private static List<Object[]> rows(Database db) {
    List<Object[]> out = new ArrayList<>();
    for (StreamScanState s : db.refreshLog().scanStates()) {
      out.add(new Object[] {s.externalSchemaName(), s.streamName(), s.viewName(), s.refreshId(), s.refreshId(),
          SystemValues.timestamp(s.recordTime()), s.shardId(), s.latestPosition(), s.scannedRows(), s.skippedRows(),
          s.scannedBytes(), SystemValues.timestamp(s.streamRecordTimeMin()),
          SystemValues.timestamp(s.streamRecordTimeMax())});
    }
    return out;
  }
}
