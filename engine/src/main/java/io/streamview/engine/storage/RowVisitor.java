package io.streamview.engine.storage;

/** Receives the rows of a {@link RowStore}, one call per row. */
@FunctionalInterface
public interface RowVisitor {

    /**
     * @param key the row's key (a fresh copy the visitor may keep)
     * @param row the row's values (a fresh copy the visitor may keep or change)
     */
    void visit(byte[] key, Object[] row);
}
