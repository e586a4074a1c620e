package io.streamview.engine.storage;

/** The storage layer cannot do what was asked; {@link #code()} says why, the message says what to do. */
public class StorageException extends RuntimeException {

    /** Why storage failed. */
    public enum Code {
        /** The JVM lacks the {@code --add-opens}/{@code --add-exports} options, or a module, Chronicle Map needs. */
        JVM_FLAGS_MISSING,
        /** Another process (or another engine in this process) has the database open. */
        LOCKED,
        /** Reading or writing a file failed. */
        IO,
        /** Stored bytes cannot be decoded, or a store file cannot be recovered. */
        CORRUPT,
        /**
         * A whole-batch write (a refresh's commit, an INSERT) found scans of the store still open (result sets neither
         * read to the end nor closed) after waiting for them, or on its own thread.
         */
        SCANS_OPEN
    }

    private final Code code;

    public StorageException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public StorageException(Code code, String message) {
        this(code, message, null);
    }

    public Code code() {
        return code;
    }
}
