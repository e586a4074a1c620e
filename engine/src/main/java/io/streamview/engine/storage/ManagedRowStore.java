package io.streamview.engine.storage;

/** A {@link RowStore} as {@link StorageEngine} owns it: it can be closed. */
interface ManagedRowStore extends RowStore, AutoCloseable {

    /** Releases the store; further use throws {@link IllegalStateException}. Idempotent. */
    @Override
    void close();
}
