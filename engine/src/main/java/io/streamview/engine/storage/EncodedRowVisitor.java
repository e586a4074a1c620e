package io.streamview.engine.storage;

/** Receives a {@link RowStore}'s rows still encoded ({@link RowCodec}), one call per row, until it asks to stop. */
@FunctionalInterface
public interface EncodedRowVisitor {

    /**
     * @param key the row's key (a fresh copy), or {@code null} when the scan was asked for values only
     * @param row the row's {@link RowCodec} bytes (a fresh copy the visitor may keep)
     * @return {@code false} to end the scan after this row
     */
    boolean visit(byte[] key, byte[] row);
}
