package io.streamview.engine.storage;

import java.util.List;
import java.util.Map;

/**
 * The rows of one table or materialized view, keyed by bytes. Rows hold only the value classes
 * {@link RowCodec} supports and are stored as copies: changing an array after {@code put}, or one
 * returned by {@code get}, never changes the store. Iteration order is unspecified. All methods are
 * thread-safe; a visitor may write to the store it is visiting.
 */
public interface RowStore {

    /** The store's name, {@code [a-z0-9_.-]+}. */
    String name();

    /** Inserts or replaces the row under {@code key}. */
    void put(byte[] key, Object[] row);

    /** {@link #put} for each entry, in order. Not atomic: a failure part-way leaves the earlier rows written. */
    void putAll(List<Map.Entry<byte[], Object[]>> rows);

    /** The row under {@code key}, or {@code null}. */
    Object[] get(byte[] key);

    /** Removes the row under {@code key}; {@code true} if there was one. */
    boolean remove(byte[] key);

    /** Calls {@code visitor} for every row. Rows written during the visit may or may not be seen. */
    void forEach(RowVisitor visitor);

    /** A snapshot copy of all rows (for scans). */
    List<Object[]> rows();

    /** The number of rows. */
    long size();

    /** Removes every row. */
    void clear();

    /**
     * Forces rows written so far to the storage device (a no-op for in-memory stores). Without it,
     * written rows survive a crash of the process but not necessarily of the operating system.
     */
    default void flush() {
    }
}
