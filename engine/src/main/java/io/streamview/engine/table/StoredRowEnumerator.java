package io.streamview.engine.table;

import io.streamview.engine.storage.ColumnSnapshot;
import io.streamview.engine.storage.ColumnSnapshotCache;
import io.streamview.engine.storage.EncodedRowCursor;
import io.streamview.engine.storage.RowStore;

import org.apache.calcite.linq4j.Enumerator;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The rows of a {@link StoredRowScan} handed to Calcite one at a time, read from the store part by part
 * ({@link RowStore#openScan}: one Chronicle Map segment at a time), so the heap holds the passing rows of a few parts
 * rather than of the whole store.
 *
 * <p>Snapshot reads: the store's cursor is opened at the first {@link #moveNext} and keeps whole-batch writes out
 * until it is closed. A scan that ends within its first {@link #bufferRows} passing rows is read whole at the first
 * move and its cursor closed at once, so queries that a heap can hold never keep writers back (a result set left open
 * in a GUI does not stall a refresh); a longer one keeps the cursor open until its last part is read or the enumerator
 * is closed (Calcite closes it when the result set closes), and from then on holds one part's rows at a time.
 *
 * <p>Column snapshots ({@link ColumnSnapshotCache}): a scan that reads the whole store also builds a snapshot of the
 * columns it decodes (if they fit the cache's budget), published once its last part is read if the store was not
 * written meanwhile; a later scan of the unchanged store that needs no other column takes its rows from the snapshot
 * at its first move, without opening a cursor (so it holds no writer back) and without decoding a row.
 */
final class StoredRowEnumerator implements Enumerator<Object[]> {

  /** System property overriding {@link #bufferRows}: a row count. */
  static final String BUFFER_ROWS_PROPERTY = "streamview.scanBufferRows";
  /** The fewest and most rows a scan buffers at its first move, whatever the heap. */
  static final int MIN_BUFFER_ROWS = 4096;
  static final int MAX_BUFFER_ROWS = 1_000_000;

  /**
   * Passing rows a scan may buffer at its first move before it keeps its cursor open and streams: as many rows of
   * {@code width} values as fit in a sixteenth of the maximum heap (about 24 bytes per row and 32 per value, the
   * boxed values Calcite gets), between {@value #MIN_BUFFER_ROWS} and {@value #MAX_BUFFER_ROWS}; with
   * {@code -Xmx256m} about 90k rows of five values. {@code -Dstreamview.scanBufferRows=<rows>} sets it instead.
   */
  static int bufferRows(int width) {
    Integer set = Integer.getInteger(BUFFER_ROWS_PROPERTY);
    if (set != null) {
      return Math.max(1, set);
    }
    long rows = Runtime.getRuntime().maxMemory() / 16 / (24 + 32L * width);
    return (int) Math.max(MIN_BUFFER_ROWS, Math.min(MAX_BUFFER_ROWS, rows));
  }

  private final StoredRowScan scan;
  private final RowStore store;
  private final Object[] values;
  private final List<Object[]> buffer = new ArrayList<>();
  private final ColumnSnapshotCache cache = ColumnSnapshotCache.shared();
  /** The columns (and HAVING flag) decoded from the store: the scan's, or more when a snapshot is being built. */
  private boolean[] decoded;
  /** The snapshot being built from this scan, or {@code null}. */
  private ColumnSnapshotCache.Build build;
  /** The snapshot the rows come from, or {@code null} when they come from the store. */
  private ColumnSnapshot snapshot;
  private StoredRowScan.SnapshotRows snapshotRows;
  private int snapshotRow;
  /** Set by {@link #close} before it closes the cursor, so that a cursor ended by a close never publishes a build. */
  private volatile boolean closing;
  private int next;
  private Object[] current;
  /** Open while parts remain to be read; {@code null} before the first move and once all parts are read. */
  private EncodedRowCursor cursor;
  private boolean started;
  /** The most rows this enumerator has held at once, for tests. */
  private int peakBuffered;

  StoredRowEnumerator(StoredRowScan scan, RowStore store) {
    this.scan = scan;
    this.store = store;
    this.values = scan.buffer();
  }

  @Override public Object[] current() {
    if (current == null) {
      throw new NoSuchElementException();
    }
    return current;
  }

  @Override public boolean moveNext() {
    if (!started) {
      started = true;
      closing = false;
      snapshot = cache.lookup(store, scan.needed());
      startedStore = snapshot != null; // rows from the snapshot: the store is not read
      snapshotRows = snapshot == null ? null : scan.rows(snapshot);
    }
    if (snapshot != null) {
      return nextFromSnapshot();
    }
    if (cursor == null && !startedStore) {
      startedStore = true;
      cursor = store.openScan(false);
      build = cache.startBuild(store, scan.needed()); // after opening: the version of the rows the cursor sees
      decoded = scan.withHavingFlag(build == null ? scan.needed() : build.columns());
      int bufferRows = bufferRows(scan.width());
      boolean more = true;
      while (more && buffer.size() < bufferRows) {
        more = readPart();
      }
    }
    while (next >= buffer.size()) {
      buffer.clear();
      next = 0;
      if (cursor == null || !readPart()) {
        current = null;
        return false;
      }
    }
    current = buffer.get(next);
    buffer.set(next++, null); // handed over: the buffer keeps only the rows not yet returned
    return true;
  }

  private boolean startedStore;

  private boolean nextFromSnapshot() {
    int rows = snapshot.rows();
    while (snapshotRow < rows) {
      Object[] row = snapshotRows.row(snapshotRow++);
      if (row != null) {
        current = row;
        return true;
      }
    }
    current = null;
    return false;
  }

  /** Adds the passing rows of the cursor's next part to the buffer; {@code false} once no part is left. */
  private boolean readPart() {
    boolean read;
    try {
      read = cursor.nextPart((key, encoded) -> {
        if (!scan.decodeVisible(encoded, decoded, values)) {
          if (build != null) {
            build.skip();
          }
          return true;
        }
        if (build != null && !build.add(values)) {
          build = null;
        }
        Object[] row = scan.project(values);
        if (row != null) {
          buffer.add(row);
        }
        return true;
      });
    } catch (RuntimeException | Error e) {
      abandonBuild();
      closeCursor();
      throw e;
    }
    peakBuffered = Math.max(peakBuffered, buffer.size() - next);
    if (!read) {
      if (build != null && !closing) {
        build.finish(); // the last part was read: publishes if the scan saw the whole store at one version
        build = null;
      }
      abandonBuild();
      closeCursor();
    }
    return read;
  }

  private void abandonBuild() {
    if (build != null) {
      build.abandon();
      build = null;
    }
  }

  private void closeCursor() {
    if (cursor != null) {
      cursor.close();
      cursor = null;
    }
  }

  /** Starts over: a new scan at the next move, which sees the store as it is then. */
  @Override public void reset() {
    close();
    started = false;
    startedStore = false;
  }

  @Override public void close() {
    closing = true;
    abandonBuild();
    snapshot = null;
    snapshotRows = null;
    snapshotRow = 0;
    closeCursor();
    buffer.clear();
    next = 0;
    current = null;
  }

  /** Whether the rows come from a column snapshot rather than the store, for tests. */
  boolean readsSnapshot() {
    return snapshot != null;
  }

  /** Whether the store's cursor is open (the scan still holds whole-batch writes back), for tests. */
  boolean holdsCursor() {
    return cursor != null;
  }

  /** The most rows held at once, for tests. */
  int peakBuffered() {
    return peakBuffered;
  }
}
