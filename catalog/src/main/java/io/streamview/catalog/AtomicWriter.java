package io.streamview.catalog;

import java.io.IOException;
import java.nio.file.Path;

/** Replaces a whole file so that a reader (or a crash) sees either the old or the new content. */
@FunctionalInterface
interface AtomicWriter {

    /** The production writer: {@link PrivateFiles#writeAtomically(Path, byte[])}. */
    AtomicWriter DEFAULT = PrivateFiles::writeAtomically;

    void write(Path target, byte[] content) throws IOException;
}
