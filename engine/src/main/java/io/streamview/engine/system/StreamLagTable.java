package io.streamview.engine.system;

import static io.streamview.engine.system.SystemColumn.bigint;
import static io.streamview.engine.system.SystemColumn.flag;
import static io.streamview.engine.system.SystemColumn.timestamp;
import static io.streamview.engine.system.SystemColumn.varchar;

import io.streamview.catalog.MaterializedViewDef;
import io.streamview.catalog.ShardPositionDef;
import io.streamview.engine.database.Database;
import io.streamview.engine.database.ShardRead;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code SYS_STREAM_LAG} (StreamView's own): one row per materialized view and shard it has committed a position for
 * or read since the database opened: the committed position, whether the shard is finished, and, from the view's
 * last read of the shard, Kinesis's {@code MillisBehindLatest}, whether the read reached the tip and when it ended
 * (NULL when the shard was not read since the database opened).
 */
final class StreamLagTable {

  static final String NAME = "sys_stream_lag";

  static final List<SystemColumn> COLUMNS = List.of(
      varchar("schema_name", 128), varchar("mv_name", 128), varchar("external_schema_name", 128),
      varchar("stream_name", 255), varchar("partition_id", 128), varchar("committed_sequence_number", 128),
      flag("shard_ended"), bigint("millis_behind_latest"), flag("at_parity"), timestamp("read_time"));

  private StreamLagTable() {
  }

  static SystemTable of(Database db) {
    return new SystemTable(NAME, COLUMNS, () -> rows(db));
  }

  private static List<Object[]> rows(Database db) {
    List<Object[]> out = new ArrayList<>();
    for (MaterializedViewDef mv : db.catalog().current().materializedViews().values()) {
      Map<String, ShardPositionDef> positions = db.positions().load(mv.schema() + "." + mv.name());
      Map<String, ShardRead> reads = db.refreshLog().lastReads(mv.storeName());
      Set<String> shards = new LinkedHashSet<>(positions.keySet());
      shards.addAll(reads.keySet());
      for (String shard : shards) {
        ShardPositionDef p = positions.get(shard);
        ShardRead r = reads.get(shard);
        boolean ended = p != null ? p.ended() : r.ended();
        out.add(new Object[] {mv.schema(), mv.name(), mv.sourceSchema(), mv.streamName(), shard,
            p == null ? null : p.afterSequenceNumber(), SystemValues.flag(ended),
            r == null ? null : r.millisBehindLatest(), r == null ? null : SystemValues.flag(r.atParity()),
            r == null ? null : SystemValues.timestamp(r.readTime())});
      }
    }
    return out;
  }
}
