package io.streamview.engine.storage;

import java.util.function.Supplier;

/**
 * A store of a persistent engine whose Chronicle Map file is opened on first use: {@link StorageEngine#store} hands
 * it out for a store whose file exists, so that naming a schema's tables (which builds all of them) opens none; the
 * first read or write opens the file (recovering it if its last run did not close it), and a damaged file fails
 * that first use, and every later one, with the {@link StorageException} an eager open would have thrown. The one
 * instance per store name that the engine hands out, whether opened already or not.
 */
final class LazyRowStore extends ForwardingRowStore implements ManagedRowStore {

    private final String name;
    private final Supplier<ManagedRowStore> opener;
    private volatile ManagedRowStore store;
    private boolean closed; // guarded by this

    LazyRowStore(String name, Supplier<ManagedRowStore> opener) {
        this.name = name;
        this.opener = opener;
    }

    /** The open store, opening it now if it is not yet. */
    @Override protected ManagedRowStore delegate() {
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
