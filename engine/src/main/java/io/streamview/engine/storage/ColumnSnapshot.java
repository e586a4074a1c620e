package io.streamview.engine.storage;

/**
 * Some columns of a store's visible rows as they were at one {@link RowStore#writeVersion}, decoded once and held on
 * the heap column by column ({@link ColumnVector}), so that later scans of the unchanged store read them without
 * walking the store or decoding rows again. Built and handed out by {@link ColumnSnapshotCache}; immutable.
 */
public final class ColumnSnapshot {

    private final long version;
    private final int rows;
    /** By column index; {@code null} for a column the snapshot does not hold. */
    private final ColumnVector[] columns;
    private final long bytes;

    ColumnSnapshot(long version, int rows, ColumnVector[] columns) {
        this.version = version;
        this.rows = rows;
        this.columns = columns;
        long b = 64 + 16 + (long) ColumnVector.REF_BYTES * columns.length;
        for (ColumnVector c : columns) {
            b += c == null ? 0 : c.bytes();
        }
        this.bytes = b;
    }

    /** The store's {@link RowStore#writeVersion} the rows are of. */
    public long version() {
        return version;
    }

    /** How many rows. */
    public int rows() {
        return rows;
    }

    /** Column {@code column}'s values; {@code null} if the snapshot does not hold it ({@link #holds}). */
    public ColumnVector column(int column) {
        return column < columns.length ? columns[column] : null;
    }

    /** Whether the snapshot holds every column {@code needed} marks. */
    public boolean holds(boolean[] needed) {
        for (int c = 0; c < needed.length; c++) {
            if (needed[c] && column(c) == null) {
                return false;
            }
        }
        return true;
    }

    /** Which columns it holds. */
    boolean[] held() {
        boolean[] out = new boolean[columns.length];
        for (int c = 0; c < columns.length; c++) {
            out[c] = columns[c] != null;
        }
        return out;
    }

    /** Heap bytes it holds (approximately; what the cache's budget counts). */
    public long bytes() {
        return bytes;
    }
}
