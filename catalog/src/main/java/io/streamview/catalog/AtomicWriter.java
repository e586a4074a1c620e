package io.streamview.catalog;

import java.io.IOException;
import java.nio.file.Path;

/** Replaces a whole file so that a reader (or a crash) sees either the old or the new content. */
@FunctionalInterface
interface AtomicWriter {

    /** The production writer: {@link PrivateFiles#writeAtomically(Path, byte[])}. */
    AtomicWriter DEFAULT = PrivateFiles::writeAtomically;

    /**
     * The writer of position files, committed once per refresh batch: the new file is whole on the device before it
     * replaces the old one, but the rename is not forced, so after a power loss a view's positions may be those of
     * an earlier batch (never ahead of it), whose records are then read again (docs/crash-consistency.md).
     */
    AtomicWriter POSITIONS = (target, content) -> PrivateFiles.writeAtomically(target, content, false);

    void write(Path target, byte[] content) throws IOException;
}
