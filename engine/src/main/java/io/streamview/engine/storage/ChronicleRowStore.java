package io.streamview.engine.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.RandomDataInput;
import net.openhft.chronicle.bytes.RandomDataOutput;
import net.openhft.chronicle.hash.AbstractData;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import net.openhft.chronicle.map.MapSegmentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store in one Chronicle Map ({@code byte[]} keys, {@link RowCodec} rows as values): persisted to
 * a file ({@link #open}) or off-heap in this process only ({@link #inMemory}), with the same sizing.
 * The only class that touches Chronicle: load it only after {@link StorageEngine} has disabled
 * Chronicle's analytics and checked {@link JvmFlags}.
 *
 * <p>Closing the store closes the map, which frees its off-heap memory (an in-memory store's rows
 * are gone) or unmaps its file; while scans still read it (an open query over a view being dropped or recomputed),
 * the map is closed when the last of them ends, and new operations are refused at once.
 *
 * <p>Crash handling: a marker file {@code <store>.open} exists while the store is open. If it is
 * there at open, the last run did not close the store cleanly (segment locks may still be held by
 * a dead process), so the file is opened with {@code recoverPersistedTo} rather than waiting for
 * those locks; a normal open that fails is also retried as a recovery.
 */
final class ChronicleRowStore implements ManagedRowStore {

    private static final Logger LOG = LoggerFactory.getLogger(ChronicleRowStore.class);

    private final String name;
    /** {@code null} for an in-memory store. */
    private final Path file;
    /** {@code null} for an in-memory store. */
    private final Path marker;
    private final ChronicleMap<byte[], byte[]> map;
    /**
     * Opened on the first {@link #flush} and closed only after the map: on POSIX, closing any
     * descriptor of the file would drop the file lock Chronicle holds on it.
     */
    private FileChannel syncChannel;
    /**
     * Write side: {@link #putAll}, {@link #putAllEncoded}, {@link #clear}; read side: {@link #forEach},
     * {@link #forEachEncoded}, {@link #rows} and open {@link #openScan} cursors. Fair, so a stream of scans cannot
     * starve a refresh's commits; a write waits for open cursors a bounded time ({@link ScanGate}).
     */
    private final ScanGate scanGate;
    private volatile boolean closed;
    /** Stamps of {@link #writeVersion}, shared by all stores of the JVM so that no two states share one. */
    private static final AtomicLong STAMPS = new AtomicLong();
    private volatile long writeVersion = STAMPS.incrementAndGet();

    private ChronicleRowStore(String name, Path file, Path marker, ChronicleMap<byte[], byte[]> map) {
        this.name = name;
        this.file = file;
        this.marker = marker;
        this.map = map;
        this.scanGate = new ScanGate(name);
    }

    /** Opens (creating if needed) the store in {@code file}; declared as the interface so callers need no Chronicle types. */
    static ManagedRowStore open(String name, Path file, Path marker, StoreSizing sizing) {
        boolean uncleanLastClose = Files.exists(marker);
        boolean hasData;
        ChronicleMapBuilder<byte[], byte[]> builder = builder(name, sizing);
        try {
            hasData = Files.exists(file) && Files.size(file) > 0;
            PrivateFiles.createFileIfMissing(marker);
            if (!hasData) {
                createAtomically(builder, file);
            }
        } catch (IOException e) {
            throw new StorageException(StorageException.Code.IO, "Cannot create the store file " + file + ": " + e, e);
        }
        ChronicleMap<byte[], byte[]> map;
        if (uncleanLastClose && hasData) {
            LOG.warn("Store {} was not closed cleanly; recovering {}", name, file);
            map = recover(builder, file, null);
        } else {
            try {
                map = builder.createPersistedTo(file.toFile());
            } catch (IOException | RuntimeException e) {
                if (!hasData) {
                    throw new StorageException(StorageException.Code.IO,
                            "Cannot create the store file " + file + ": " + e, e);
                }
                LOG.warn("Store {} did not open normally ({}); recovering {}", name, e.toString(), file);
                map = recover(builder, file, e);
            }
        }
        try {
            PrivateFiles.makePrivate(file);
        } catch (IOException e) {
            map.close();
            throw new StorageException(StorageException.Code.IO, "Cannot set permissions on " + file + ": " + e, e);
        }
        return new ChronicleRowStore(name, file, marker, map);
    }

    /**
     * Writes a new, empty map file under a temporary name and renames it into place, so that a process
     * killed while Chronicle writes the file's header never leaves a half-made {@code .cm3} behind.
     */
    private static void createAtomically(ChronicleMapBuilder<byte[], byte[]> builder, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + NEW_SUFFIX);
        Files.deleteIfExists(tmp);
        PrivateFiles.createFileIfMissing(tmp);
        builder.createPersistedTo(tmp.toFile()).close();
        PrivateFiles.makePrivate(tmp);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Suffix of a map file being created (see {@link #createAtomically}); such a file left by a crash is deleted. */
    static final String NEW_SUFFIX = ".new";

    /**
     * Creates an empty store that lives off-heap in this process only (no file), sized like a file
     * store so it grows the same way; declared as the interface so callers need no Chronicle types.
     */
    static ManagedRowStore inMemory(String name, StoreSizing sizing) {
        return new ChronicleRowStore(name, null, null, builder(name, sizing).create());
    }

    static ChronicleMapBuilder<byte[], byte[]> builder(String name, StoreSizing sizing) {
        return ChronicleMapBuilder.of(byte[].class, byte[].class)
                .name(name)
                .entries(sizing.entries())
                .averageKeySize(sizing.averageKeySize())
                .averageValueSize(sizing.averageValueSize())
                .maxBloatFactor(sizing.maxBloatFactor())
                .putReturnsNull(true);
    }

    private static ChronicleMap<byte[], byte[]> recover(ChronicleMapBuilder<byte[], byte[]> builder, Path file,
                                                        Exception openFailure) {
        try {
            return builder.recoverPersistedTo(file.toFile(), true);
        } catch (IOException | RuntimeException e) {
            if (openFailure != null) {
                e.addSuppressed(openFailure);
            }
            throw new StorageException(StorageException.Code.CORRUPT, "The store file " + file
                    + " is damaged and could not be recovered: " + e
                    + ". Restore it from a backup, or drop and rebuild the table or view it belongs to.", e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** The store's file, or {@code null} for an in-memory store. */
    Path file() {
        return file;
    }

    /** The scan gate, for tests. */
    ScanGate scanGate() {
        return scanGate;
    }

    /** The underlying map, for tests that need to hold Chronicle locks. */
    ChronicleMap<byte[], byte[]> chronicleMap() {
        return map;
    }

    /** The Chronicle store behind a store the engine handed out (opening a persistent one not opened yet). */
    static ChronicleRowStore of(RowStore store) {
        return (ChronicleRowStore) (store instanceof LazyRowStore lazy ? lazy.delegate() : store);
    }

    @Override
    public void put(byte[] key, Object[] row) {
        Objects.requireNonNull(key, "key");
        byte[] value = RowCodec.encode(row);
        checkOpen();
        stamp();
        try {
            putEncoded(key, value);
        } finally {
            stamp();
        }
    }

    @Override
    public void putAll(List<Map.Entry<byte[], Object[]>> rows) {
        List<Map.Entry<byte[], byte[]>> encoded = new ArrayList<>(rows.size());
        for (Map.Entry<byte[], Object[]> entry : rows) {
            encoded.add(Map.entry(Objects.requireNonNull(entry.getKey(), "key"), RowCodec.encode(entry.getValue())));
        }
        putAllEncoded(encoded);
    }

    @Override
    public void putAllEncoded(List<Map.Entry<byte[], byte[]>> rows) {
        checkOpen();
        scanGate.enterWrite("putAll");
        stamp();
        try {
            for (Map.Entry<byte[], byte[]> entry : rows) {
                putEncoded(Objects.requireNonNull(entry.getKey(), "key"), entry.getValue());
            }
        } finally {
            stamp();
            scanGate.exitWrite();
        }
    }

    /**
     * What {@code map.put(key, value)} does (Chronicle's default {@code MapMethods.put}: under the entry's update
     * lock, replace the value or insert the entry), with the value handed over as {@link ValueBytes}, which Chronicle
     * copies into the entry in one block rather than through a wrapper read 8 bytes at a time.
     */
    private void putEncoded(byte[] key, byte[] value) {
        Objects.requireNonNull(value, "value");
        try (ExternalMapQueryContext<byte[], byte[], ?> q = map.queryContext(key)) {
            q.updateLock().lock();
            Data<byte[]> data = new ValueBytes(value);
            MapEntry<byte[], byte[]> entry = q.entry();
            if (entry != null) {
                q.replaceValue(entry, data);
            } else {
                q.insert(q.absentEntry(), data);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot store a row of " + value.length + " encoded bytes with a "
                    + key.length + "-byte key in " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Object[] get(byte[] key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        byte[] value = map.get(key);
        return value == null ? null : RowCodec.decode(value);
    }

    @Override
    public boolean remove(byte[] key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        stamp();
        try {
            return map.remove(key) != null;
        } finally {
            stamp();
        }
    }

    /**
     * Copies one segment at a time under its Chronicle lock, then visits outside it, so the visitor may
     * {@code put} and {@code remove}; the whole visit holds the read side of the scan lock.
     */
    @Override
    public void forEach(RowVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        checkOpen();
        ScanGate.Read read = scanGate.enterVisit();
        try {
            visitAll(visitor);
        } finally {
            scanGate.exitVisit(read);
        }
    }

    private void visitAll(RowVisitor visitor) {
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (int segment = 0; segment < map.segments(); segment++) {
            keys.clear();
            values.clear();
            try (MapSegmentContext<byte[], byte[], ?> context = map.segmentContext(segment)) {
                context.forEachSegmentEntry(entry -> {
                    // getUsing(null): get() may hand back one reused array per context
                    keys.add(entry.key().getUsing(null));
                    values.add(entry.value().getUsing(null));
                });
            }
            for (int i = 0; i < keys.size(); i++) {
                visitor.visit(keys.get(i), RowCodec.decode(values.get(i)));
            }
        }
    }

    /**
     * Visits each segment's entries under its Chronicle lock (the visitor must not write to this store, which
     * {@link RowStore#forEachEncoded} forbids), handing out copies of the stored bytes; the whole visit holds the
     * read side of the scan lock, as {@link #forEach} does.
     */
    @Override
    public void forEachEncoded(boolean withKeys, EncodedRowVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        checkOpen();
        ScanGate.Read read = scanGate.enterVisit();
        try {
            for (int segment = 0; segment < map.segments(); segment++) {
                if (!visitSegment(segment, withKeys, visitor)) {
                    break;
                }
            }
        } finally {
            scanGate.exitVisit(read);
        }
    }

    /** Visits one segment's entries under its Chronicle lock; {@code false} if the visitor asked to stop. */
    private boolean visitSegment(int segment, boolean withKeys, EncodedRowVisitor visitor) {
        boolean[] more = {true};
        try (MapSegmentContext<byte[], byte[], ?> context = map.segmentContext(segment)) {
            context.forEachSegmentEntryWhile(entry -> {
                more[0] = visitor.visit(withKeys ? entry.key().getUsing(null) : null, entry.value().getUsing(null));
                return more[0];
            });
        }
        return more[0];
    }

    /**
     * A cursor over the map's segments, one per {@link EncodedRowCursor#nextPart}, each visited under its Chronicle
     * segment lock; the read side of the scan gate is held from here until the cursor is closed or has visited the
     * last segment.
     */
    @Override
    public EncodedRowCursor openScan(boolean withKeys) {
        checkOpen();
        return new SegmentCursor(scanGate.enterRead(), withKeys);
    }

    private final class SegmentCursor implements EncodedRowCursor {
        private final ScanGate.Read read;
        private final boolean withKeys;
        private int segment;
        private boolean done;

        SegmentCursor(ScanGate.Read read, boolean withKeys) {
            this.read = read;
            this.withKeys = withKeys;
        }

        @Override
        public synchronized boolean nextPart(EncodedRowVisitor visitor) {
            if (done) {
                return false;
            }
            boolean ok = false;
            try {
                // no checkOpen(): a store closed meanwhile keeps its map until this read ends (ScanGate.closeWhenIdle)
                if (segment >= map.segments()) {
                    close();
                    return false;
                }
                boolean more = visitSegment(segment++, withKeys, visitor);
                if (!more || segment >= map.segments()) {
                    close();
                }
                ok = true;
                return true;
            } finally {
                if (!ok) {
                    close();
                }
            }
        }

        @Override
        public synchronized void close() {
            if (!done) {
                done = true;
                read.close();
            }
        }
    }

    @Override
    public byte[] getEncoded(byte[] key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        return map.get(key);
    }

    @Override
    public List<Object[]> rows() {
        checkOpen();
        ScanGate.Read read = scanGate.enterVisit();
        try {
            List<Object[]> rows = new ArrayList<>((int) Math.min(Integer.MAX_VALUE - 8, map.longSize()));
            for (int segment = 0; segment < map.segments(); segment++) {
                try (MapSegmentContext<byte[], byte[], ?> context = map.segmentContext(segment)) {
                    context.forEachSegmentEntry(entry -> rows.add(RowCodec.decode(entry.value().getUsing(null))));
                }
            }
            return rows;
        } finally {
            scanGate.exitVisit(read);
        }
    }

    @Override
    public long size() {
        checkOpen();
        return map.longSize();
    }

    @Override
    public void clear() {
        checkOpen();
        scanGate.enterWrite("clear");
        stamp();
        try {
            map.clear();
        } finally {
            stamp();
            scanGate.exitWrite();
        }
    }

    /** Stamped before and after every write and at close (see {@link RowStore#writeVersion}). */
    @Override
    public long writeVersion() {
        return writeVersion;
    }

    private void stamp() {
        writeVersion = STAMPS.incrementAndGet();
    }

    @Override
    public synchronized void flush() {
        checkOpen();
        if (file == null) {
            return; // nothing to force to a device
        }
        try {
            if (syncChannel == null) {
                syncChannel = FileChannel.open(file, StandardOpenOption.WRITE);
            }
            syncChannel.force(true);
        } catch (IOException e) {
            throw new StorageException(StorageException.Code.IO, "Cannot flush the store file " + file + ": " + e, e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stamp();
        boolean idle = scanGate.closeWhenIdle(() -> {
            try {
                closeMap();
            } catch (RuntimeException e) {
                LOG.warn("Store {}: closing it after its last scan ended failed: {}", name, e.toString());
            }
        });
        if (idle) {
            closeMap();
        } else {
            LOG.info("Store {} closed while scans still read it; the map is closed when the last one ends", name);
        }
    }

    /** Closes the map (no scan reads it any more), its sync channel and its marker. */
    private synchronized void closeMap() {
        map.close();
        if (file == null) {
            return;
        }
        try {
            if (syncChannel != null) {
                syncChannel.close();
            }
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            throw new StorageException(StorageException.Code.IO,
                    "Closed " + file + " but cannot delete its marker " + marker + ": " + e, e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The row store " + name + " is closed");
        }
    }

    /** An encoded row as Chronicle {@link Data}: written into an entry with one bulk copy of the array. */
    private static final class ValueBytes extends AbstractData<byte[]> {
        private final byte[] bytes;
        private BytesStore<?, ?> wrapped;

        ValueBytes(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public RandomDataInput bytes() {
            if (wrapped == null) {
                wrapped = BytesStore.wrap(bytes);
            }
            return wrapped;
        }

        @Override
        public long offset() {
            return 0;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        @SuppressWarnings("rawtypes") // Data declares the raw type
        public void writeTo(RandomDataOutput target, long targetOffset) {
            target.write(targetOffset, bytes, 0, bytes.length);
        }

        @Override
        public byte[] get() {
            return bytes;
        }

        @Override
        public byte[] getUsing(byte[] using) {
            return bytes.clone();
        }
    }

    @Override
    public String toString() {
        return "ChronicleRowStore[" + name + (file == null ? " in memory]" : " at " + file + "]");
    }
}
