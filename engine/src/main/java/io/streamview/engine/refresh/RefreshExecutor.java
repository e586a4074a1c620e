package io.streamview.engine.refresh;

import io.streamview.catalog.ExternalSchemaDef;
import io.streamview.catalog.MaterializedViewDef;
import io.streamview.catalog.ShardPositionDef;
import io.streamview.engine.database.Database;
import io.streamview.engine.source.ReadRequest;
import io.streamview.engine.source.ReadSummary;
import io.streamview.engine.source.ShardBatch;
import io.streamview.engine.source.ShardCheckpoint;
import io.streamview.engine.source.StartPosition;
import io.streamview.engine.source.StreamSource;
import io.streamview.engine.storage.RowStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Refreshes a streaming materialized view incrementally. For every batch a shard yields: the pipeline writes what
 * the batch contributes to the view's row store, then the shard's position is committed. If the process dies
 * between the two steps, the next refresh re-reads the batch and writing it again changes nothing: projection rows
 * are keyed by the record they came from, and aggregating views' groups skip records they already include (see
 * {@link ViewPipeline}).
 */
public final class RefreshExecutor {

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
      ReadRequest request = new ReadRequest(view.streamName(), checkpoints,
          database.options().refreshParallelism(), cancelled);
      pipeline.begin(store);
      ReadSummary summary = source.readToParity(request, batch -> {
        rows.addAndGet(pipeline.write(batch, start, store));
        commit(qualified, batch);
      });
      long records = summary.records();
      long bytes = summary.shards().stream().mapToLong(ReadSummary.ShardProgress::bytes).sum();
      RefreshResult result = new RefreshResult(qualified, start, Duration.between(start, Instant.now()),
          summary.shards().size(), records, rows.get(), bytes,
          records == 0 ? RefreshResult.NO_NEW_DATA : RefreshResult.UPDATED, summary.shards(), summary.gaps());
      for (var gap : summary.gaps()) {
        LOG.warn("refresh of {}: shard {}: {}", qualified, gap.shardId(), gap.reason());
      }
      LOG.info("refreshed {}: {} records from {} shards, {} rows stored, {} bytes, {} ms", qualified, records,
          result.shardsRead(), result.rowsWritten(), bytes, result.elapsed().toMillis());
      return result;
    } finally {
      lock.unlock();
    }
  }

  private void commit(String qualified, ShardBatch batch) {
    ShardCheckpoint cp = batch.checkpoint();
    String after = cp.next() instanceof StartPosition.AfterSequenceNumber a ? a.sequenceNumber() : null;
    database.positions().commit(qualified, new ShardPositionDef(cp.shardId(), after, cp.ended()));
  }
}
