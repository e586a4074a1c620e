package io.streamview.engine.storage;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JVM's cache of {@link ColumnSnapshot}s, at most one per store: a scan that reads a whole store builds one on the
 * way ({@link #startBuild}), and later scans of the store take their rows from it ({@link #lookup}) for as long as
 * the store's {@link RowStore#writeVersion} is the one it was built at. Any write to the store, clearing, dropping or
 * replacing it changes that stamp, so a snapshot is never handed out after its store changed; stale ones are
 * removed when next looked up or when any snapshot is published. Stores of fewer than {@value #MIN_ROWS} rows are
 * not cached.
 *
 * <p>Memory: all snapshots together, and the builds in progress, stay within a budget of heap bytes
 * ({@value #BUDGET_PROPERTY}, by default an eighth of the maximum heap; 0 turns the cache off). A build reserves its
 * arrays' bytes before it starts and more as it keeps new strings, evicting the least recently used snapshots to make
 * room; a store whose columns do not fit is not cached and its scans read the store as before. A snapshot evicted
 * while a scan still reads it stays reachable until that scan ends.
 */
public final class ColumnSnapshotCache {

    /** System property: the cache's budget in heap bytes (default an eighth of the maximum heap; 0: no cache). */
    public static final String BUDGET_PROPERTY = "streamview.columnCacheBytes";
    /** Bytes a build reserves at a time for the values it keeps beyond its arrays. */
    private static final long RESERVE_STEP = 1 << 20;

    /** Stores of fewer rows than this are not cached: a scan of them costs little, a snapshot as much bookkeeping. */
    public static final int MIN_ROWS = 1024;

    private static final ColumnSnapshotCache SHARED = new ColumnSnapshotCache(MIN_ROWS);

    /** By store, least recently used first. Guarded by {@code this}. */
    private final LinkedHashMap<RowStore, ColumnSnapshot> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long used;
    private long reserved;
    private long hits;
    private long published;

    private final int minRows;

    /** A cache of its own (the JVM's is {@link #shared}) that caches stores of {@code minRows} rows or more. */
    ColumnSnapshotCache(int minRows) {
        this.minRows = minRows;
    }

    /** The cache all scans of this JVM share. */
    public static ColumnSnapshotCache shared() {
        return SHARED;
    }

    /** The budget: {@value #BUDGET_PROPERTY} if set, else an eighth of the maximum heap. */
    public static long budget() {
        Long set = Long.getLong(BUDGET_PROPERTY);
        return set != null ? Math.max(0, set) : Runtime.getRuntime().maxMemory() / 8;
    }

    /**
     * The snapshot of {@code store} at its current write version holding every column {@code needed} marks, or
     * {@code null}. The caller takes the snapshot's rows as the store's rows at this call.
     */
    public synchronized ColumnSnapshot lookup(RowStore store, boolean[] needed) {
        ColumnSnapshot s = entries.get(store);
        if (s == null) {
            return null;
        }
        if (versionOf(store) != s.version()) {
            remove(store);
            return null;
        }
        if (!s.holds(needed)) {
            return null;
        }
        hits++;
        return s;
    }

    /**
     * Starts building a snapshot of {@code store} from a scan of all its rows, which the caller has just opened (so
     * that the store's version read now is the one of the rows the scan will see): the columns {@code needed} marks,
     * plus those the store's current snapshot holds. {@code null} when the store does not track its writes, the
     * cache is off or the columns do not fit the budget.
     */
    public Build startBuild(RowStore store, boolean[] needed) {
        long version;
        long size;
        try {
            version = store.writeVersion();
            if (version < 0 || budget() == 0) {
                return null;
            }
            size = store.size();
        } catch (RuntimeException e) {
            return null; // closed meanwhile: its scan fails or ends on its own
        }
        if (size < minRows || size >= Integer.MAX_VALUE - 64) {
            return null;
        }
        boolean[] columns = needed.clone();
        int count = 0;
        synchronized (this) {
            ColumnSnapshot current = entries.get(store);
            if (current != null && current.version() == version) {
                boolean[] held = current.held();
                for (int c = 0; c < Math.min(held.length, columns.length); c++) {
                    columns[c] |= held[c];
                }
            }
            for (boolean c : columns) {
                count += c ? 1 : 0;
            }
            long fixed = 256 + count * ColumnVector.Builder.arrayBytes((int) size);
            if (!reserve(fixed, store)) {
                return null;
            }
            return new Build(store, version, columns, (int) size, fixed);
        }
    }

    /** Reserves {@code bytes} for a build, evicting snapshots (not {@code keep}'s) as needed; {@code false} if too few. */
    private boolean reserve(long bytes, RowStore keep) {
        long budget = budget();
        if (!makeRoom(bytes, budget, keep)) {
            return false;
        }
        reserved += bytes;
        return true;
    }

    /** Evicts least recently used snapshots (other than {@code keep}'s) until {@code bytes} more fit the budget. */
    private boolean makeRoom(long bytes, long budget, RowStore keep) {
        Iterator<Map.Entry<RowStore, ColumnSnapshot>> it = entries.entrySet().iterator();
        while (used + reserved + bytes > budget && it.hasNext()) {
            Map.Entry<RowStore, ColumnSnapshot> e = it.next();
            if (e.getKey() != keep) {
                used -= e.getValue().bytes();
                it.remove();
            }
        }
        if (used + reserved + bytes <= budget) {
            return true;
        }
        ColumnSnapshot own = keep == null ? null : entries.get(keep);
        if (own != null && used - own.bytes() + reserved + bytes <= budget) {
            remove(keep);
            return true;
        }
        return false;
    }

    private void remove(RowStore store) {
        ColumnSnapshot s = entries.remove(store);
        if (s != null) {
            used -= s.bytes();
        }
    }

    private static long versionOf(RowStore store) {
        try {
            return store.writeVersion();
        } catch (RuntimeException e) {
            return Long.MIN_VALUE; // a closed store: nothing of it is served
        }
    }

    private synchronized void publish(Build b, ColumnSnapshot snapshot) {
        reserved -= b.reservedBytes;
        if (versionOf(b.store) != snapshot.version()) {
            return;
        }
        remove(b.store);
        entries.entrySet().removeIf(e -> {
            boolean stale = versionOf(e.getKey()) != e.getValue().version();
            if (stale) {
                used -= e.getValue().bytes();
            }
            return stale;
        });
        if (!makeRoom(snapshot.bytes(), budget(), null)) {
            return;
        }
        entries.put(b.store, snapshot);
        used += snapshot.bytes();
        published++;
    }

    private synchronized void release(long bytes) {
        reserved -= bytes;
    }

    /** Drops every snapshot (tests). */
    public synchronized void clear() {
        entries.clear();
        used = 0;
    }

    /** Heap bytes the snapshots hold, as the budget counts them. */
    public synchronized long usedBytes() {
        return used;
    }

    /** Bytes builds in progress have reserved. */
    public synchronized long reservedBytes() {
        return reserved;
    }

    /** The snapshot held for {@code store}, whatever its version (tests and diagnostics). */
    public synchronized ColumnSnapshot peek(RowStore store) {
        return entries.get(store);
    }

    /** Lookups that found a snapshot, since the JVM started. */
    public synchronized long hits() {
        return hits;
    }

    /** Snapshots published, since the JVM started. */
    public synchronized long published() {
        return published;
    }

    /**
     * A snapshot being built from one scan of a whole store: the scan hands it each row it visits, and the snapshot
     * is published only if the scan visited as many rows as the store holds and the store's version is still the one
     * read when the build started. A build that runs out of budget gives up (its scan goes on without it).
     */
    public final class Build {
        private final RowStore store;
        private final long version;
        private final boolean[] columns;
        private final ColumnVector.Builder[] builders;
        private final int capacity;
        private long reservedBytes;
        private long extraBytes;
        private long extraAllowance;
        private int visible;
        private long visited;
        private boolean done;

        private Build(RowStore store, long version, boolean[] columns, int capacity, long reservedBytes) {
            this.store = store;
            this.version = version;
            this.columns = columns;
            this.capacity = capacity;
            this.reservedBytes = reservedBytes;
            this.builders = new ColumnVector.Builder[columns.length];
            for (int c = 0; c < columns.length; c++) {
                if (columns[c]) {
                    builders[c] = new ColumnVector.Builder(capacity);
                }
            }
        }

        /** The columns the scan must decode for the build (a copy). */
        public boolean[] columns() {
            return columns.clone();
        }

        /** Whether the build still goes on. */
        public boolean active() {
            return !done;
        }

        /**
         * Takes a visible row's values ({@code values[c]} for each column {@link #columns} marks).
         *
         * @return {@code false} once the build has given up
         */
        public boolean add(Object[] values) {
            if (done) {
                return false;
            }
            visited++;
            if (visible == capacity) {
                abandon(); // more rows than the store held at the start: it is being written
                return false;
            }
            visible++;
            for (int c = 0; c < builders.length; c++) {
                if (builders[c] != null) {
                    extraBytes += builders[c].add(values[c]);
                }
            }
            if (extraBytes > extraAllowance) {
                long more = Math.max(Math.min(RESERVE_STEP, budget() / 16), extraBytes - extraAllowance);
                boolean ok;
                synchronized (ColumnSnapshotCache.this) {
                    ok = reserve(more, store);
                }
                if (!ok) {
                    abandon();
                    return false;
                }
                reservedBytes += more;
                extraAllowance += more;
            }
            return true;
        }

        /** Counts a row the scan visited that is not visible (a group that does not pass HAVING). */
        public void skip() {
            visited++;
        }

        /**
         * Ends the build after its scan read the whole store: publishes the snapshot if the scan saw all the store's
         * rows at one unchanged version.
         */
        public void finish() {
            if (done) {
                return;
            }
            done = true;
            boolean whole;
            try {
                whole = store.writeVersion() == version && visited == store.size();
            } catch (RuntimeException e) {
                whole = false;
            }
            if (!whole) {
                release(reservedBytes);
                return;
            }
            ColumnVector[] vectors = new ColumnVector[builders.length];
            for (int c = 0; c < builders.length; c++) {
                vectors[c] = builders[c] == null ? null : builders[c].build();
            }
            publish(this, new ColumnSnapshot(version, visible, vectors));
        }

        /** Gives the build up and returns its reservation; idempotent. */
        public void abandon() {
            if (!done) {
                done = true;
                release(reservedBytes);
            }
        }
    }
}
