package io.streamview.engine.refresh;

import io.streamview.catalog.ExternalSchemaDef;
import io.streamview.catalog.MaterializedViewDef;
import io.streamview.catalog.ShardPositionDef;
import io.streamview.engine.database.BatchCommits;
import io.streamview.engine.database.Database;
import io.streamview.engine.database.ScanTally;
import io.streamview.engine.source.ReadRequest;
import io.streamview.engine.source.ReadSummary;
import io.streamview.engine.source.ShardBatch;
import io.streamview.engine.source.ShardCheckpoint;
import io.streamview.engine.source.StartPosition;
import io.streamview.engine.source.StreamRecord;
import io.streamview.engine.source.StreamSource;
import io.streamview.engine.storage.RowCodec;
import io.streamview.engine.storage.RowKeys;
import io.streamview.engine.storage.RowStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Refreshes a streaming materialized view incrementally. For every batch a shard yields, the pipeline computes
 * what the batch contributes (rows, or the groups it changes) and hands it over with one {@code putAll}; the
 * executor then commits those rows and the shard's new position as one unit ({@link BatchCommits}: a journal
 * record, the rows in one {@link RowStore#putAllEncoded}, the position file, docs/crash-consistency.md). Readers
 * see a view as of whole committed batches; after a crash, reopening the database completes or discards the batch
 * in flight. Records that cannot be stored are skipped, recorded in the {@link ScanTally} of the refresh (hence
 * {@code SYS_STREAM_SCAN_ERRORS} and {@code skipped_rows}) and committed past, so the batch's good records are kept.
 */
public final class RefreshExecutor {

  /**
   * The largest record data a view ingests, in bytes: the length of the {@code kinesis_data} column,
   * {@code VARBYTE(1048576)}. Larger records are skipped with {@link #RECORD_TOO_LARGE}.
   */
  public static final int MAX_RECORD_BYTES = 1_048_576;
  /** {@code error_code} of a record whose data is over {@link #MAX_RECORD_BYTES}. */
  public static final int RECORD_TOO_LARGE = 1001;
  /** {@code error_code} of a record whose row is over {@link RowStore#MAX_ENTRY_BYTES} (key and encoded row). */
  public static final int ROW_TOO_LARGE = 1002;

  /** Redshift's qualifier when some of the records read were skipped. */
  public static final String SOME_SKIPPED = "Some stream records were skipped";
  /** Redshift's qualifier when every record read was skipped. */
  public static final String ALL_SKIPPED = "All records received from the stream were skipped";

  /**
   * The most rows (groups of an aggregating view) a pipeline that {@link ViewPipeline#holdsBatches holds batches}
   * may hold before they are committed; a refresh commits what is held when it reaches this, and at its end.
   */
  public static final int MAX_HELD_ROWS = 50_000;

  /**
   * The longest a pipeline that {@link ViewPipeline#holdsBatches holds batches} keeps its first uncommitted batch: a
   * batch held this long is committed with the others when the next batch is held, so a long refresh of a view with
   * few groups still commits (and shows) its progress about once a second, and a crash loses at most that much work.
   */
  public static final long MAX_HOLD_MILLIS = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(RefreshExecutor.class);

  private final Database database;

  public RefreshExecutor(Database database) {
    this.database = database;
  }

  /** Reads the view's stream to parity and stores what the pipeline makes of it. */
  public RefreshResult refresh(MaterializedViewDef view, ExternalSchemaDef schema, ViewPipeline pipeline,
                               BooleanSupplier cancelled) {
    String qualified = view.schema() + "." + view.name();
    ReentrantLock lock = database.refreshLock(qualified);
    lock.lock();
    try {
      Instant start = Instant.now();
      RowStore store = database.storage().open(view.storeName());
      Map<String, ShardCheckpoint> checkpoints = new HashMap<>();
      for (ShardPositionDef p : database.positions().load(qualified).values()) {
        StartPosition next = p.afterSequenceNumber() == null ? StartPosition.TRIM_HORIZON
            : StartPosition.afterSequenceNumber(p.afterSequenceNumber());
        checkpoints.put(p.shardId(), new ShardCheckpoint(p.shardId(), next, p.ended()));
      }
      StreamSource source = database.sourceFor(schema);
      AtomicLong rows = new AtomicLong();
      AtomicLong skipped = new AtomicLong();
      ScanTally tally = ScanTally.current();
      RefreshProgress.Listener progress = RefreshProgress.current();
      ReadRequest request = new ReadRequest(view.streamName(), checkpoints,
          database.options().refreshParallelism(), cancelled);
      ReadSummary summary;
      try {
        pipeline.begin(new BatchWrite(store, begun -> database.commits().commit(view.storeName(), qualified,
            encode(begun, null, view, tally, skipped), List.of())));
        Held held = pipeline.holdsBatches() ? new Held(view, qualified, pipeline, store, tally, rows, skipped,
            progress) : null;
        summary = source.readToParity(request, batch -> {
          ShardBatch kept = withoutOversizeRecords(batch, view, tally, skipped);
          if (held != null) {
            held.add(kept, pipeline.evaluate(kept, start), batch.records().size());
            return;
          }
          AtomicLong rowsSkipped = new AtomicLong();
          BatchWrite write = new BatchWrite(store, batchRows -> commit(view, qualified, kept,
              encode(batchRows, kept, view, tally, rowsSkipped)));
          long written = pipeline.write(kept, start, write);
          if (!write.committed()) {
            commit(view, qualified, kept, List.of());
          }
          skipped.addAndGet(rowsSkipped.get());
          rows.addAndGet(written - rowsSkipped.get());
          progress.batchCommitted(qualified, batch.shardId(), batch.records().size(), batch.checkpoint().ended());
        });
        if (held != null) {
          held.commit();
        }
      } finally {
        pipeline.end();
      }
      long records = summary.records();
      long bytes = summary.shards().stream().mapToLong(ReadSummary.ShardProgress::bytes).sum();
      String status = records == 0 ? RefreshResult.NO_NEW_DATA
          : skipped.get() == 0 ? RefreshResult.UPDATED
          : RefreshResult.UPDATED + ". " + (skipped.get() >= records ? ALL_SKIPPED : SOME_SKIPPED);
      RefreshResult result = new RefreshResult(qualified, start, Duration.between(start, Instant.now()),
          summary.shards().size(), records, rows.get(), bytes, status, summary.shards(), summary.gaps());
      for (var gap : summary.gaps()) {
        LOG.warn("refresh of {}: shard {}: {}", qualified, gap.shardId(), gap.reason());
      }
      LOG.info("refreshed {}: {} records from {} shards, {} rows stored, {} skipped, {} bytes, {} ms", qualified,
          records, result.shardsRead(), result.rowsWritten(), skipped.get(), bytes, result.elapsed().toMillis());
      return result;
    } finally {
      lock.unlock();
    }
  }

  private void commit(MaterializedViewDef view, String qualified, ShardBatch batch,
                      List<Map.Entry<byte[], byte[]>> rows) {
    database.commits().commit(view.storeName(), qualified, rows, List.of(position(batch)));
  }

  private static ShardPositionDef position(ShardBatch batch) {
    ShardCheckpoint cp = batch.checkpoint();
    String after = cp.next() instanceof StartPosition.AfterSequenceNumber a ? a.sequenceNumber() : null;
    return new ShardPositionDef(cp.shardId(), after, cp.ended());
  }

  /**
   * The batches a refresh has handed to a pipeline that {@link ViewPipeline#holdsBatches holds} them and not yet
   * committed. Batches are evaluated concurrently, then held one at a time; a commit stores what the pipeline holds
   * with one {@code putAll} and, in the same {@link BatchCommits} unit, the positions of every batch held since the
   * previous commit (the latest of each shard). It happens when the pipeline holds {@link #MAX_HELD_ROWS} rows, when
   * a batch is held {@link #MAX_HOLD_MILLIS} or more after the first batch held since the previous commit, and
   * at the end of a refresh that read to parity; a failed refresh commits nothing of what it held (those batches are
   * read again by the next refresh).
   */
  private final class Held {
    private final MaterializedViewDef view;
    private final String qualified;
    private final ViewPipeline pipeline;
    private final RowStore store;
    private final ScanTally tally;
    private final AtomicLong rows;
    private final AtomicLong skipped;
    private final RefreshProgress.Listener progress;
    private final Map<String, ShardPositionDef> positions = new LinkedHashMap<>();
    /** Per held batch, what {@link RefreshProgress} is told when it is committed (not the records). */
    private final List<HeldBatch> batches = new ArrayList<>();
    /** {@link System#nanoTime} when the first batch since the previous commit was held. */
    private long firstHeldNanos;

    Held(MaterializedViewDef view, String qualified, ViewPipeline pipeline, RowStore store, ScanTally tally,
         AtomicLong rows, AtomicLong skipped, RefreshProgress.Listener progress) {
      this.view = view;
      this.qualified = qualified;
      this.pipeline = pipeline;
      this.store = store;
      this.tally = tally;
      this.rows = rows;
      this.skipped = skipped;
      this.progress = progress;
    }

    synchronized void add(ShardBatch batch, Object evaluated, int recordsRead) {
      pipeline.hold(batch, evaluated, store);
      long now = System.nanoTime();
      if (batches.isEmpty()) {
        firstHeldNanos = now;
      }
      positions.put(batch.shardId(), position(batch));
      batches.add(new HeldBatch(batch.shardId(), recordsRead, batch.checkpoint().ended()));
      if (pipeline.heldRows() >= MAX_HELD_ROWS || now - firstHeldNanos >= MAX_HOLD_MILLIS * 1_000_000L) {
        commit();
      }
    }

    synchronized void commit() {
      if (positions.isEmpty()) {
        return;
      }
      List<ShardPositionDef> committed = List.copyOf(positions.values());
      AtomicLong rowsSkipped = new AtomicLong();
      BatchWrite write = new BatchWrite(store, held -> database.commits().commit(view.storeName(), qualified,
          encode(held, null, view, tally, rowsSkipped), committed));
      long written = pipeline.flush(write);
      if (!write.committed()) {
        database.commits().commit(view.storeName(), qualified, List.of(), committed);
      }
      skipped.addAndGet(rowsSkipped.get());
      rows.addAndGet(written - rowsSkipped.get());
      for (HeldBatch b : batches) {
        progress.batchCommitted(qualified, b.shardId(), b.records(), b.ended());
      }
      positions.clear();
      batches.clear();
    }
  }

  private record HeldBatch(String shardId, int records, boolean ended) {
  }

  /** The batch without the records over {@link #MAX_RECORD_BYTES}, which are skipped. */
  private static ShardBatch withoutOversizeRecords(ShardBatch batch, MaterializedViewDef view, ScanTally tally,
                                                   AtomicLong skipped) {
    List<StreamRecord> kept = null;
    for (int i = 0; i < batch.records().size(); i++) {
      StreamRecord r = batch.records().get(i);
      if (r.data() != null && r.data().length > MAX_RECORD_BYTES) {
        if (kept == null) {
          kept = new ArrayList<>(batch.records().subList(0, i));
        }
        skip(view, tally, skipped, r, RECORD_TOO_LARGE, "Record of " + r.data().length
            + " bytes exceeds the maximum of " + MAX_RECORD_BYTES + " bytes (VARBYTE(" + MAX_RECORD_BYTES + "))");
      } else if (kept != null) {
        kept.add(r);
      }
    }
    return kept == null ? batch
        : new ShardBatch(batch.shardId(), kept, batch.checkpoint(), batch.millisBehindLatest(), batch.recordBytes());
  }

  /**
   * The rows encoded for storage. A row keyed by a record of {@code batch} whose key and encoded row exceed
   * {@link RowStore#MAX_ENTRY_BYTES} is skipped; any other row that large (a group of an aggregating view) fails
   * the refresh, as skipping it would drop many records' contributions.
   */
  private static List<Map.Entry<byte[], byte[]>> encode(List<Map.Entry<byte[], Object[]>> rows, ShardBatch batch,
                                                        MaterializedViewDef view, ScanTally tally,
                                                        AtomicLong skipped) {
    List<Map.Entry<byte[], byte[]>> out = new ArrayList<>(rows.size());
    Map<ByteBuffer, StreamRecord> byKey = null;
    for (Map.Entry<byte[], Object[]> row : rows) {
      byte[] key = row.getKey();
      byte[] value = RowCodec.encode(row.getValue());
      long size = (long) key.length + value.length;
      if (size <= RowStore.MAX_ENTRY_BYTES) {
        out.add(Map.entry(key, value));
        continue;
      }
      if (byKey == null) {
        byKey = recordsByKey(batch);
      }
      StreamRecord record = byKey.get(ByteBuffer.wrap(key));
      if (record == null) {
        throw new IllegalArgumentException("materialized view " + view.schema() + "." + view.name() + ": a stored "
            + "row of " + size + " bytes exceeds the maximum of " + RowStore.MAX_ENTRY_BYTES + " bytes; group by "
            + "shorter keys or aggregate shorter values");
      }
      skip(view, tally, skipped, record, ROW_TOO_LARGE, "Row of " + size + " bytes exceeds the maximum of "
          + RowStore.MAX_ENTRY_BYTES + " bytes a view row may have");
    }
    return out;
  }

  private static Map<ByteBuffer, StreamRecord> recordsByKey(ShardBatch batch) {
    Map<ByteBuffer, StreamRecord> out = new HashMap<>();
    if (batch != null) {
      for (StreamRecord r : batch.records()) {
        out.put(ByteBuffer.wrap(RowKeys.ofRecord(r.shardId(), r.sequenceNumber(), r.subSequenceNumber())), r);
      }
    }
    return out;
  }

  private static void skip(MaterializedViewDef view, ScanTally tally, AtomicLong skipped, StreamRecord r, int code,
                           String reason) {
    skipped.incrementAndGet();
    LOG.warn("{}.{}: skipping record {} of shard {}: {}", view.schema(), view.name(), r.sequenceNumber(),
        r.shardId(), reason);
    if (tally != null) {
      tally.skip(new ScanTally.SkippedRecord(r.shardId(), r.sequenceNumber(), r.approximateArrivalTimestamp(),
          Instant.now(), code, reason));
    }
  }
}
