package io.streamview.catalog;

import java.nio.file.Path;

/** A catalog or position file could not be read or written. The message names the file. */
public class CatalogException extends RuntimeException {

    /** What went wrong. */
    public enum Code {
        /** Reading or writing the file failed (disk full, permissions, …). */
        IO,
        /** The file exists but is not a valid catalog/position file. */
        CORRUPT,
        /** The file was written by a newer StreamView with a format this version cannot read. */
        UNSUPPORTED_VERSION
    }

    private final Code code;
    private final transient Path file;

    public CatalogException(Code code, Path file, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.file = file;
    }

    public CatalogException(Code code, Path file, String message) {
        this(code, file, message, null);
    }

    public Code code() {
        return code;
    }

    /** The file concerned, or {@code null} for in-memory stores. */
    public Path file() {
        return file;
    }
}
