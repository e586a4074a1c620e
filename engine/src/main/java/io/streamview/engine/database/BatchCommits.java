package io.streamview.engine.database;

import io.streamview.catalog.PositionStore;
import io.streamview.catalog.ShardPositionDef;
import io.streamview.engine.storage.CommitJournal;
import io.streamview.engine.storage.RowCodec;
import io.streamview.engine.storage.RowStore;
import io.streamview.engine.storage.StorageEngine;
import io.streamview.engine.storage.StorageException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Commits a refresh batch of a materialized view as one unit: its rows (for an aggregating view, the groups it
 * changed) and the shard positions it advances. For a file database (docs/crash-consistency.md):
 * <ol>
 *   <li>the whole commit is written to the store's {@link CommitJournal} — from then on it is decided;</li>
 *   <li>the rows are written to the store with one {@link RowStore#putAllEncoded} (scans see all or none);</li>
 *   <li>the positions are written ({@link PositionStore#commitAll}, an atomic file replace);</li>
 *   <li>the journal is cleared.</li>
 * </ol>
 * A crash before step 1 completes leaves a torn journal record, which is ignored: neither rows nor positions were
 * touched. A crash after it leaves a complete record, which {@link #recover} applies again at the next open (rows
 * and positions are absolute values, so applying twice changes nothing). Commits of one view are serialised; a
 * commit that finds an earlier record still in the journal (its apply failed) applies that one first.
 */
public final class BatchCommits {

  private static final Logger LOG = LoggerFactory.getLogger(BatchCommits.class);
  private static final int META_VERSION = 1;

  private final StorageEngine storage;
  private final PositionStore positions;
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  BatchCommits(StorageEngine storage, PositionStore positions) {
    this.storage = storage;
    this.positions = positions;
  }

  /**
   * Stores {@code rows} (keys and {@link RowCodec}-encoded rows) in the store {@code storeName} and commits
   * {@code shardPositions} for the view {@code viewQualifiedName}, as one unit for readers and crashes.
   */
  public void commit(String storeName, String viewQualifiedName, List<Map.Entry<byte[], byte[]>> rows,
                     List<ShardPositionDef> shardPositions) {
    if (rows.isEmpty() && shardPositions.isEmpty()) {
      return;
    }
    ReentrantLock lock = lock(storeName);
    lock.lock();
    try {
      RowStore store = storage.open(storeName);
      CommitJournal journal = storage.journal(storeName);
      if (journal == null) {
        apply(store, viewQualifiedName, rows, shardPositions);
        return;
      }
      if (!journal.isEmpty()) {
        replay(storeName, journal);
      }
      if (rows.isEmpty()) {
        positions.commitAll(viewQualifiedName, shardPositions); // one atomic file replace already
        return;
      }
      journal.write(meta(viewQualifiedName, shardPositions), rows);
      apply(store, viewQualifiedName, rows, shardPositions);
      journal.clear();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Applies the journal records that crashes left behind (at open, before anything reads or refreshes).
   *
   * @return the number of complete records applied
   */
  int recover() {
    int applied = 0;
    for (String storeName : storage.storesWithJournal()) {
      ReentrantLock lock = lock(storeName);
      lock.lock();
      try {
        if (replay(storeName, storage.journal(storeName))) {
          applied++;
        }
      } finally {
        lock.unlock();
      }
    }
    return applied;
  }

  private boolean replay(String storeName, CommitJournal journal) {
    Optional<CommitJournal.Entry> entry = journal.read();
    if (entry.isEmpty()) {
      LOG.warn("Store {}: discarding a commit record cut short by a crash in {}; that batch was never applied "
          + "and will be read again", storeName, journal.file());
      journal.clear();
      return false;
    }
    Object[] meta = RowCodec.decode(entry.get().meta());
    String view = (String) meta[1];
    int n = (Integer) meta[2];
    List<ShardPositionDef> shardPositions = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      shardPositions.add(new ShardPositionDef((String) meta[3 + 3 * i], (String) meta[4 + 3 * i],
          (Boolean) meta[5 + 3 * i]));
    }
    LOG.warn("Store {}: applying again a batch committed before a crash ({} rows, positions of {} shards of {})",
        storeName, entry.get().rows().size(), n, view);
    apply(storage.open(storeName), view, entry.get().rows(), shardPositions);
    journal.clear();
    return true;
  }

  private void apply(RowStore store, String view, List<Map.Entry<byte[], byte[]>> rows,
                     List<ShardPositionDef> shardPositions) {
    if (!rows.isEmpty()) {
      try {
        store.putAllEncoded(rows);
      } catch (StorageException e) {
        if (e.code() != StorageException.Code.SCANS_OPEN) {
          throw e;
        }
        throw new StorageException(StorageException.Code.SCANS_OPEN, "Cannot refresh materialized view " + view
            + ": result sets reading it are still open. Close open result sets on view " + view
            + " (read them to the end, or ResultSet.close()/Statement.close()) and run the refresh again; "
            + "nothing of this batch is visible and it will be read again. (" + e.getMessage() + ")", e);
      }
    }
    if (!shardPositions.isEmpty()) {
      positions.commitAll(view, shardPositions);
    }
  }

  private static byte[] meta(String view, List<ShardPositionDef> shardPositions) {
    Object[] meta = new Object[3 + 3 * shardPositions.size()];
    meta[0] = META_VERSION;
    meta[1] = view;
    meta[2] = shardPositions.size();
    int i = 3;
    for (ShardPositionDef p : shardPositions) {
      meta[i++] = p.shardId();
      meta[i++] = p.afterSequenceNumber();
      meta[i++] = p.ended();
    }
    return RowCodec.encode(meta);
  }

  private ReentrantLock lock(String storeName) {
    return locks.computeIfAbsent(storeName, k -> new ReentrantLock());
  }
}
