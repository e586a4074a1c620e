package io.streamview.jdbc.ddl;

import io.streamview.catalog.MaterializedViewDef;
import io.streamview.catalog.ShardPositionDef;
import io.streamview.engine.database.Database;
import io.streamview.engine.database.RefreshRecord;
import io.streamview.engine.database.RefreshType;
import io.streamview.engine.database.ScanTally;
import io.streamview.engine.database.ShardRead;
import io.streamview.engine.database.StreamScanError;
import io.streamview.engine.database.StreamScanState;
import io.streamview.engine.refresh.RefreshResult;
import io.streamview.engine.source.ReadSummary.ShardProgress;
import io.streamview.engine.source.ShardGap;
import io.streamview.jdbc.error.ErrorCode;
import io.streamview.jdbc.error.SqlExceptionMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Runs a refresh and records its outcome in the database's {@link io.streamview.engine.database.RefreshLog}, which
 * the refresh system views show: the status text, times and type of every refresh, successful or failed, what it
 * read from each shard and how far behind each shard's tip it was.
 */
public final class RefreshHistory {

  /** Redshift's qualifier for a refresh that stopped before every shard was at parity. */
  static final String MAY_CONTAIN_MORE_DATA = ". The stream may contain more data";

  private static final Logger LOG = LoggerFactory.getLogger(RefreshHistory.class);

  private RefreshHistory() {
  }

  /**
   * Runs {@code refresh} (given {@code cancelled}) and records its outcome; a failure is recorded and rethrown as
   * it was thrown.
   */
  static RefreshResult run(Database db, MaterializedViewDef mv, RefreshType type, BooleanSupplier cancelled,
                           Function<BooleanSupplier, RefreshResult> refresh) {
    long id = db.refreshLog().nextRefreshId();
    Instant start = Instant.now();
    RefreshResult result;
    try (ScanTally tally = ScanTally.open()) {
      try {
        result = refresh.apply(cancelled);
      } catch (RuntimeException | Error e) {
        recordQuietly(db, mv, () -> db.refreshLog().record(new RefreshRecord(id, mv.schema(), mv.name(),
            mv.storeName(), type, failureStatus(e), start, Instant.now(), false, false), List.of(), List.of()));
        throw e;
      }
      boolean stopped = cancelled.getAsBoolean();
      recordQuietly(db, mv, () -> recordSuccess(db, mv, type, id, result, tally, stopped));
    }
    return result;
  }

  private static void recordSuccess(Database db, MaterializedViewDef mv, RefreshType type, long id,
                                    RefreshResult result, ScanTally tally, boolean cancelled) {
    Instant end = result.startTime().plus(result.elapsed());
    boolean parity = !cancelled && result.shards().stream().allMatch(p -> p.atParity() || p.ended());
    String status = RefreshResult.UPDATED.equals(result.status()) && !parity
        ? result.status() + MAY_CONTAIN_MORE_DATA : result.status();
    if (!result.gaps().isEmpty()) {
      status += RefreshResult.GAP;
      for (ShardGap gap : result.gaps()) {
        db.refreshLog().recordScanError(new StreamScanError(id, mv.sourceSchema(), mv.streamName(), mv.name(), "A",
            gap.firstRetainedArrival(), end, gap.shardId(),
            gap.afterSequenceNumber() == null ? "TRIM_HORIZON" : gap.afterSequenceNumber(), ShardGap.ERROR_CODE,
            gap.reason()));
      }
    }
    Map<String, ShardPositionDef> positions = db.positions().load(mv.schema() + "." + mv.name());
    List<StreamScanState> scans = new ArrayList<>();
    List<ShardRead> reads = new ArrayList<>();
    for (ShardProgress p : result.shards()) {
      ScanTally.ShardScan s = tally.shard(p.shardId());
      ShardPositionDef committed = positions.get(p.shardId());
      String latest = s != null && s.lastSequenceNumber() != null ? s.lastSequenceNumber()
          : committed != null ? committed.afterSequenceNumber() : null;
      scans.add(new StreamScanState(id, mv.sourceSchema(), mv.streamName(), mv.name(), end, p.shardId(), latest,
          p.records(), 0, p.bytes(), s == null ? null : s.earliestArrival(), s == null ? null : s.latestArrival()));
      reads.add(new ShardRead(p.shardId(), p.millisBehindLatest(), p.atParity(), p.ended(), end));
    }
    db.refreshLog().record(new RefreshRecord(id, mv.schema(), mv.name(), mv.storeName(), type, status,
        result.startTime(), end, true, parity), scans, reads);
  }

  /** The status text of a failed refresh: Redshift's wording, then the error's message and SQLState. */
  static String failureStatus(Throwable e) {
    SQLException s = SqlExceptionMapper.toSqlException(e);
    if (ErrorCode.INTERNAL_ERROR.sqlState().equals(s.getSQLState())) {
      return "Refresh failed due to an internal error (" + s.getMessage() + ")";
    }
    return "Refresh failed. " + s.getMessage() + " (SQLSTATE " + s.getSQLState() + ")";
  }

  private static void recordQuietly(Database db, MaterializedViewDef mv, Runnable record) {
    try {
      record.run();
    } catch (RuntimeException e) {
      LOG.warn("cannot record the refresh of {}.{} in {}", mv.schema(), mv.name(), db.location().describe(), e);
    }
  }
}
