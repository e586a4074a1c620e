package io.streamview.engine.storage;

import java.util.List;
import java.util.Map;

/**
 * A {@link RowStore} that hands every call to another one, {@link #delegate()}: the base of stores that add one thing
 * to a store (opening it on first use, counting reads, failing on purpose in tests). Every method of the interface is
 * forwarded, the ones with default bodies too, so a wrapper never falls back to a slower or non-streaming default.
 */
public abstract class ForwardingRowStore implements RowStore {

    /** The store calls go to. */
    protected abstract RowStore delegate();

    @Override public String name() {
        return delegate().name();
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
        return delegate().openScan(withKeys);
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

    @Override public long writeVersion() {
        return delegate().writeVersion();
    }

    @Override public void flush() {
        delegate().flush();
    }
}
