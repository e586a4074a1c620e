package io.streamview.engine.storage;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A store of a persistent engine whose Chronicle Map file is opened on first use: {@link StorageEngine#store} hands
 * it out for a store whose file exists, so that naming a schema's tables (which builds all of them) opens none; the
 * first read or write opens the file (recovering it if its last run did not close it), and a damaged file fails
 * that first use, and every later one, with the {@link StorageException} an eager open would have thrown. The one
 * instance per store name that the engine hands out, whether opened already or not.
 */
final class LazyRowStore implements ManagedRowStore {

    private final String name;
    private final Supplier<ManagedRowStore> opener;
    private volatile ManagedRowStore store;
    private boolean closed; // guarded by this

    LazyRowStore(String name, Supplier<ManagedRowStore> opener) {
        this.name = name;
        this.opener = opener;
    }

    /** The open store, opening it now if it is not yet. */
    ManagedRowStore delegate() {
        ManagedRowStore s = store;
        if (s != null) {
            return s;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("The row store " + name + " is closed");
            }
            if (store == null) {
                store = opener.get();
            }
            return store;
        }
    }

    /** Whether the store's file has been opened (for tests and diagnostics). */
    boolean isOpened() {
        return store != null;
    }

    @Override public String name() {
        return name;
    }

    @Override public void put(byte[] key, Object[] row) {
        delegate().put(key, row);
    }

    @Override public void putAll(List<Map.Entry<byte[], Object[]>> rows) {
        delegate().putAll(rows);
    }

    @Override public void putAllEncoded(List<Map.Entry<byte[], byte[]>> rows) {
        delegate().putAllEncoded(rows);
    }

    @Override public Object[] get(byte[] key) {
        return delegate().get(key);
    }

    @Override public byte[] getEncoded(byte[] key) {
        return delegate().getEncoded(key);
    }

    @Override public boolean remove(byte[] key) {
        return delegate().remove(key);
    }

    @Override public void forEach(RowVisitor visitor) {
        delegate().forEach(visitor);
    }

    @Override public void forEachEncoded(boolean withKeys, EncodedRowVisitor visitor) {
        delegate().forEachEncoded(withKeys, visitor);
    }

    @Override public EncodedRowCursor openScan(boolean withKeys) {
        return delegate().openScan(withKeys); // the Chronicle store's cursor: one segment per part
    }

    @Override public List<Object[]> rows() {
        return delegate().rows();
    }

    @Override public long size() {
        return delegate().size();
    }

    @Override public void clear() {
        delegate().clear();
    }

    @Override public void flush() {
        delegate().flush();
    }

    /** Closes the store if it was opened; an unopened store has nothing to release. Idempotent. */
    @Override public synchronized void close() {
        closed = true;
        if (store != null) {
            store.close();
        }
    }

    @Override public String toString() {
        ManagedRowStore s = store;
        return s != null ? s.toString() : "ChronicleRowStore[" + name + " not opened yet]";
    }
}
