package io.streamview.engine.storage;

/**
 * A pull-style scan of a {@link RowStore} ({@link RowStore#openScan}): each {@link #nextPart} visits the next part
 * of the store (a Chronicle Map segment), so a reader can take the rows in steps and hold only one part's rows at a
 * time. The whole scan is one snapshot: from opening to {@link #close} (or the last part) no {@code putAll} or
 * {@code clear} of the store runs, so it sees each of them whole or not at all. Close it as soon as it is no longer
 * read: until then such writes wait (and fail after a while, {@link StorageException.Code#SCANS_OPEN}). It may be
 * closed from any thread; closing twice does nothing.
 */
public interface EncodedRowCursor extends AutoCloseable {

    /**
     * Visits the rows of the next part, still {@link RowCodec} encoded, as {@link RowStore#forEachEncoded} does (the
     * visitor must not write to the store; keys only if the scan was opened with keys). A visitor returning
     * {@code false} ends the scan.
     *
     * @return {@code false} if the scan had ended (no part was left, a visitor stopped it, or it was closed); the
     *         cursor is then closed
     */
    boolean nextPart(EncodedRowVisitor visitor);

    /** Ends the scan and lets writers in; safe from any thread and more than once. */
    @Override
    void close();
}
