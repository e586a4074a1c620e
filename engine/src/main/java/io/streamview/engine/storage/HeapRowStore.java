package io.streamview.engine.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory store: encoded rows in a {@link ConcurrentHashMap}, so it behaves like a file store. */
final class HeapRowStore implements ManagedRowStore {

    /** A byte[] compared by content. */
    private record Key(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    private final String name;
    private final Map<Key, byte[]> rows = new ConcurrentHashMap<>();
    private volatile boolean closed;

    HeapRowStore(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void put(byte[] key, Object[] row) {
        Objects.requireNonNull(key, "key");
        byte[] value = RowCodec.encode(row);
        checkOpen();
        rows.put(new Key(key.clone()), value);
    }

    @Override
    public void putAll(List<Map.Entry<byte[], Object[]>> batch) {
        for (Map.Entry<byte[], Object[]> entry : batch) {
            put(entry.getKey(), entry.getValue());
        }
    }

    @Override
    public Object[] get(byte[] key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        byte[] value = rows.get(new Key(key));
        return value == null ? null : RowCodec.decode(value);
    }

    @Override
    public boolean remove(byte[] key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        return rows.remove(new Key(key)) != null;
    }

    @Override
    public void forEach(RowVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        checkOpen();
        for (Map.Entry<Key, byte[]> entry : rows.entrySet()) {
            visitor.visit(entry.getKey().bytes().clone(), RowCodec.decode(entry.getValue()));
        }
    }

    @Override
    public List<Object[]> rows() {
        checkOpen();
        List<Object[]> copy = new ArrayList<>(rows.size());
        for (byte[] value : rows.values()) {
            copy.add(RowCodec.decode(value));
        }
        return copy;
    }

    @Override
    public long size() {
        checkOpen();
        return rows.size();
    }

    @Override
    public void clear() {
        checkOpen();
        rows.clear();
    }

    @Override
    public void close() {
        closed = true;
        rows.clear();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The row store " + name + " is closed");
        }
    }

    @Override
    public String toString() {
        return "HeapRowStore[" + name + "]";
    }
}
