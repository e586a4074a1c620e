package io.streamview.engine.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive OS lock on {@code <databaseDir>/streamview.lock}, so only one process opens a
 * database at a time (and, within a process, only one holder). The lock file holds the owner's process id (for the error message) and is
 * never deleted; the lock itself dies with its process.
 */
public final class DatabaseLock implements AutoCloseable {

    /** The lock file's name inside the database directory. */
    public static final String FILE_NAME = "streamview.lock";

    /**
     * Lock files this JVM holds. Checked before a second channel is opened on a held file: on POSIX,
     * closing any descriptor of a file drops every lock the process has on it.
     */
    private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;

    private DatabaseLock(Path directory, Path file, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates {@code databaseDir} (0700) if needed and locks it.
     *
     * @throws StorageException LOCKED naming the directory when another process (or another open
     *                          database in this JVM) holds it; IO if the lock file cannot be used
     */
    public static DatabaseLock acquire(Path databaseDir) {
        return acquire(databaseDir, FILE_NAME);
    }

    static DatabaseLock acquire(Path databaseDir, String fileName) {
        Objects.requireNonNull(databaseDir, "databaseDir");
        Path dir = databaseDir.toAbsolutePath().normalize();
        Path file;
        try {
            PrivateFiles.createDirectories(dir);
            file = dir.toRealPath().resolve(fileName);
        } catch (IOException e) {
            throw new StorageException(StorageException.Code.IO,
                    "Cannot create the database directory " + dir + ": " + e, e);
        }
        if (!HELD_IN_THIS_JVM.add(file)) {
            throw new StorageException(StorageException.Code.LOCKED, "The database directory " + dir
                    + " is already open in this process; close the other connection or engine using it first");
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), PrivateFiles.fileAttributes(file));
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String owner = readOwner(channel);
                throw new StorageException(StorageException.Code.LOCKED, "The database directory " + dir
                        + " is locked: another process" + owner + " has it open (lock file " + file
                        + "). Close that process, or open a different directory.");
            }
            writeOwner(channel);
            return new DatabaseLock(dir, file, channel, lock);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel, e);
            HELD_IN_THIS_JVM.remove(file);
            if (e instanceof StorageException se) {
                throw se;
            }
            throw new StorageException(StorageException.Code.IO,
                    "Cannot lock the database directory " + dir + " (lock file " + file + "): " + e, e);
        }
    }

    /** The locked directory, absolute. */
    public Path directory() {
        return directory;
    }

    public boolean isHeld() {
        return lock.isValid();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            throw new StorageException(StorageException.Code.IO, "Cannot release the lock on " + directory + ": " + e, e);
        } finally {
            HELD_IN_THIS_JVM.remove(file);
        }
    }

    private static void writeOwner(FileChannel channel) throws IOException {
        byte[] text = ("pid=" + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(text), 0);
    }

    /** " (pid 1234)" from the lock file, or "" when it cannot be read (e.g. Windows mandatory locks). */
    private static String readOwner(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(64);
            channel.read(buffer, 0);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
            return text.matches("pid=\\d+") ? " (pid " + text.substring(4) + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel channel, Exception into) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                into.addSuppressed(suppressed);
            }
        }
    }
}
