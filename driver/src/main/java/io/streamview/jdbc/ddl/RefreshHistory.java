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
import io.streamview.jdbc.error.StreamViewException;
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
        recordQuietly(db, mv, () -> recordSkipped(db, mv, id, tally));
        recordFailure(db, mv, type, id, start, e);
        throw e;
      }
      boolean stopped = cancelled.getAsBoolean();
      recordQuietly(db, mv, () -> recordSkipped(db, mv, id, tally));
      recordQuietly(db, mv, () -> recordSuccess(db, mv, type, id, result, tally, stopped));
    }
    return result;
  }

  /** Records a refresh of {@code mv} that failed before it started (a cascade whose dependency failed). */
  static void recordFailure(Database db, MaterializedViewDef mv, RefreshType type, Throwable e) {
    recordFailure(db, mv, type, db.refreshLog().nextRefreshId(), Instant.now(), e);
  }

  private static void recordFailure(Database db, MaterializedViewDef mv, RefreshType type, long id, Instant start,
                                    Throwable e) {
    String status = failureStatus(e);
    recordQuietly(db, mv, () -> db.refreshLog().record(new RefreshRecord(id, mv.schema(), mv.name(),
        storeNameNow(db, mv), type, status, start, Instant.now(), false, false), List.of(), List.of()));
    LOG.warn("{} refresh of {}.{} failed: {}", type.text(), mv.schema(), mv.name(), status);
  }

  /** The view's row store now: a recomputed view's refresh swaps in a new one. */
  private static String storeNameNow(Database db, MaterializedViewDef mv) {
    MaterializedViewDef now = db.catalog().current().materializedViews().get(mv.qualifiedName());
    return now != null ? now.storeName() : mv.storeName();
  }

  /** The records the refresh skipped, as SYS_STREAM_SCAN_ERRORS rows. */
  private static void recordSkipped(Database db, MaterializedViewDef mv, long id, ScanTally tally) {
    tally.scanErrors(id, mv.sourceSchema(), mv.streamName(), mv.name()).forEach(db.refreshLog()::recordScanError);
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
          p.records(), s == null ? 0 : s.skippedRows(), p.bytes(), s == null ? null : s.earliestArrival(), s == null ? null : s.latestArrival()));
      reads.add(new ShardRead(p.shardId(), p.millisBehindLatest(), p.atParity(), p.ended(), end));
    }
    db.refreshLog().record(new RefreshRecord(id, mv.schema(), mv.name(), storeNameNow(db, mv), type, status,
        result.startTime(), end, true, parity), scans, reads);
  }

  /** The status text of a failed refresh: Redshift's wording, then the error's message and SQLState. */
  static String failureStatus(Throwable e) {
    if (e instanceof StreamViewException sv && sv.code() == ErrorCode.CASCADE_REFRESH_FAILED) {
      String m = sv.getMessage();
      return m.substring(0, m.indexOf(" was not refreshed.") + " was not refreshed.".length());
    }
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
