package io.streamview.engine.storage;

import java.util.List;
import java.util.Map;

/**
 * The rows of one table or materialized view, keyed by bytes. Rows hold only the value classes
 * {@link RowCodec} supports and are stored as copies: changing an array after {@code put}, or one
 * returned by {@code get}, never changes the store. Iteration order is unspecified. All methods are
 * thread-safe; a visitor may write to the store it is visiting with {@code put} and {@code remove}.
 *
 * <p>Snapshot reads: {@link #putAll}, {@link #putAllEncoded} and {@link #clear} on one side and
 * {@link #forEach}, {@link #forEachEncoded}, {@link #rows} and open {@link #openScan} cursors on the other exclude
 * each other, so a scan sees all of a {@code putAll}'s rows or none of them (a refresh stores each committed batch
 * with one call). A whole-batch write waits for open scans a bounded time, then fails with
 * {@link StorageException.Code#SCANS_OPEN}.
 */
public interface RowStore {

    /**
     * The largest entry a store accepts, key and {@link RowCodec} encoded row together: 2 MiB
     * (Chronicle's own limit with the standard sizing is about 2.3 MiB, docs/storage-format.md).
     */
    int MAX_ENTRY_BYTES = 2 * 1024 * 1024;

    /** The store's name, {@code [a-z0-9_.-]+}. */
    String name();

    /** Inserts or replaces the row under {@code key}. */
    void put(byte[] key, Object[] row);

    /**
     * {@link #put} for each entry, in order, as one unit for scans (see above). Not atomic against a
     * failure: one part-way leaves the earlier rows written. Must not be called by a {@link #forEach}
     * visitor ({@link IllegalStateException}).
     */
    void putAll(List<Map.Entry<byte[], Object[]>> rows);

    /** {@link #putAll} of rows already encoded by {@link RowCodec#encode}. */
    default void putAllEncoded(List<Map.Entry<byte[], byte[]>> rows) {
        List<Map.Entry<byte[], Object[]>> decoded = new java.util.ArrayList<>(rows.size());
        for (Map.Entry<byte[], byte[]> e : rows) {
            decoded.add(Map.entry(e.getKey(), RowCodec.decode(e.getValue())));
        }
        putAll(decoded);
    }

    /** The row under {@code key}, or {@code null}. */
    Object[] get(byte[] key);

    /** Removes the row under {@code key}; {@code true} if there was one. */
    boolean remove(byte[] key);

    /** Calls {@code visitor} for every row. Rows written during the visit may or may not be seen. */
    void forEach(RowVisitor visitor);

    /**
     * Like {@link #forEach}, with the rows still {@link RowCodec} encoded so that a scan decodes only the values it
     * needs, and with the same snapshot guarantee (a {@code putAll} is seen whole or not at all). The visitor must
     * not write to this store. Keys are passed only if {@code withKeys}.
     */
    default void forEachEncoded(boolean withKeys, EncodedRowVisitor visitor) {
        boolean[] more = {true};
        forEach((key, row) -> {
            if (more[0]) {
                more[0] = visitor.visit(withKeys ? key : null, RowCodec.encode(row));
            }
        });
    }

    /**
     * Opens a pull-style scan of the rows, still {@link RowCodec} encoded, one part at a time, with the snapshot
     * guarantee of {@link #forEachEncoded} held from opening to closing (see {@link EncodedRowCursor}). This default
     * visits the whole store as one part through {@link #forEachEncoded}.
     */
    default EncodedRowCursor openScan(boolean withKeys) {
        return new EncodedRowCursor() {
            private boolean done;

            @Override
            public synchronized boolean nextPart(EncodedRowVisitor visitor) {
                if (done) {
                    return false;
                }
                done = true;
                forEachEncoded(withKeys, visitor);
                return true;
            }

            @Override
            public synchronized void close() {
                done = true;
            }
        };
    }

    /** The {@link RowCodec} bytes of the row under {@code key}, or {@code null}. */
    default byte[] getEncoded(byte[] key) {
        Object[] row = get(key);
        return row == null ? null : RowCodec.encode(row);
    }

    /** A snapshot copy of all rows (for scans). */
    List<Object[]> rows();

    /** The number of rows. */
    long size();

    /** Removes every row. */
    void clear();

    /**
     * A stamp of the store's current rows, for caches of them ({@link ColumnSnapshotCache}): unique in this JVM
     * across all stores, and changed by every write ({@code put}, {@code putAll}, {@code putAllEncoded},
     * {@code remove}, {@code clear}) and by closing the store, before the write starts and again once it is done, so
     * that a stamp read before a scan and again after it is equal only if no write touched the store meanwhile.
     * {@code -1} (this default) for a store that does not track its writes: nothing of it is cached.
     */
    default long writeVersion() {
        return -1;
    }

    /**
     * Forces rows written so far to the storage device (a no-op for in-memory stores). Without it,
     * written rows survive a crash of the process but not necessarily of the operating system.
     */
    default void flush() {
    }
}
