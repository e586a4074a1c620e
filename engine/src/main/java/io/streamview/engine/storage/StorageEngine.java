package io.streamview.engine.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Opens, drops and closes the {@link RowStore}s of one database. Every store is a Chronicle Map, so
 * rows live off the Java heap: {@link #inMemory()} keeps one in-memory map (no file) per store;
 * {@link #persistent(Path)} keeps one Chronicle Map file per store,
 * {@code <dataDir>/<storeName>.cm3}, and holds {@code <dataDir>/stores.lock} so no other process
 * (or engine in this JVM) opens the same files. Dropping a store or closing the engine closes the
 * maps, which frees an in-memory store's off-heap memory.
 *
 * <p>This class must not mention Chronicle types in its fields or signatures: its static
 * initialiser disables Chronicle's analytics before any Chronicle class loads.
 */
public final class StorageEngine implements AutoCloseable {

    /** System property Chronicle reads once, when its analytics class loads. */
    public static final String CHRONICLE_ANALYTICS_PROPERTY = "chronicle.analytics.disable";

    static {
        if (System.getProperty(CHRONICLE_ANALYTICS_PROPERTY) == null) {
            System.setProperty(CHRONICLE_ANALYTICS_PROPERTY, "true");
        }
    }

    /** File name suffix of a store's Chronicle Map file. */
    public static final String STORE_FILE_SUFFIX = ".cm3";
    /** File name suffix of the marker that exists while a store is open. */
    public static final String OPEN_MARKER_SUFFIX = ".open";
    /** Lock file a persistent engine holds in its data directory. */
    public static final String LOCK_FILE_NAME = "stores.lock";

    private static final Pattern STORE_NAME = Pattern.compile("[a-z0-9_.-]{1,200}");

    private final Path dataDir;
    private final StoreSizing sizing;
    private final DatabaseLock lock;
    private final Map<String, ManagedRowStore> open = new LinkedHashMap<>();
    private final Map<String, CommitJournal> journals = new LinkedHashMap<>();
    private boolean closed;

    private StorageEngine(Path dataDir, StoreSizing sizing, DatabaseLock lock) {
        this.dataDir = dataDir;
        this.sizing = sizing;
        this.lock = lock;
    }

    /**
     * Stores in off-heap Chronicle Maps backed by no file, sized and growing like file stores; a
     * store's rows and memory are gone when it is dropped or the engine closes.
     *
     * @throws StorageException JVM_FLAGS_MISSING (checked before any Chronicle class loads) when the
     *                          JVM lacks an option of {@link JvmFlags#REQUIRED_IN_MEMORY}
     */
    public static StorageEngine inMemory() {
        return inMemory(StoreSizing.STANDARD);
    }

    static StorageEngine inMemory(StoreSizing sizing) {
        Objects.requireNonNull(sizing, "sizing");
        JvmFlags.verify(false);
        return new StorageEngine(null, sizing, null);
    }

    /**
     * Stores in {@code dataDir} (created 0700 if missing).
     *
     * @throws StorageException JVM_FLAGS_MISSING (checked before any Chronicle class loads), LOCKED, IO
     */
    public static StorageEngine persistent(Path dataDir) {
        return persistent(dataDir, StoreSizing.STANDARD);
    }

    static StorageEngine persistent(Path dataDir, StoreSizing sizing) {
        Objects.requireNonNull(dataDir, "dataDir");
        JvmFlags.verify(true);
        Path dir = dataDir.toAbsolutePath().normalize();
        DatabaseLock lock = DatabaseLock.acquire(dir, LOCK_FILE_NAME);
        try (DirectoryStream<Path> halfMade = Files.newDirectoryStream(dir, "*" + ChronicleRowStore.NEW_SUFFIX)) {
            for (Path file : halfMade) {
                Files.deleteIfExists(file); // a store file whose creation a crash interrupted
            }
        } catch (IOException e) {
            lock.close();
            throw new StorageException(StorageException.Code.IO, "Cannot list " + dir + ": " + e, e);
        }
        return new StorageEngine(dir, sizing, lock);
    }

    /** The data directory, or {@code null} for an in-memory engine. */
    public Path dataDirectory() {
        return dataDir;
    }

    public boolean isPersistent() {
        return dataDir != null;
    }

    /**
     * Opens the store, creating it if needed; repeated calls return the same instance (the one {@link #store}
     * returns too).
     *
     * @param storeName {@code [a-z0-9_.-]+}, at most 200 characters
     * @throws StorageException IO, or CORRUPT when an unclean file cannot be recovered
     */
    public synchronized RowStore open(String storeName) {
        ManagedRowStore store = handle(storeName);
        if (store instanceof LazyRowStore lazy) {
            lazy.delegate();
        }
        return store;
    }

    /**
     * The store, for a persistent engine not opened yet when its file exists: its file is opened (and recovered,
     * if its last run did not close it) by its first read or write, which also reports a damaged file
     * ({@link StorageException} CORRUPT naming the file, as {@link #open} would). So naming a schema's tables opens
     * only the stores a statement reads or writes. A store without a file is created at once, as {@link #open}
     * does. The same instance as {@link #open} returns.
     *
     * @param storeName {@code [a-z0-9_.-]+}, at most 200 characters
     * @throws StorageException IO when a new store's file cannot be created
     */
    public synchronized RowStore store(String storeName) {
        return handle(storeName);
    }

    private ManagedRowStore handle(String storeName) {
        checkName(storeName);
        checkOpen();
        ManagedRowStore store = open.get(storeName);
        if (store == null) {
            if (dataDir == null) {
                store = ChronicleRowStore.inMemory(storeName, sizing);
            } else {
                Path file = storeFile(storeName);
                Path marker = markerFile(storeName);
                LazyRowStore lazy = new LazyRowStore(storeName,
                        () -> ChronicleRowStore.open(storeName, file, marker, sizing));
                if (!Files.exists(file)) {
                    lazy.delegate(); // a new store: its file is made now, as before
                }
                store = lazy;
            }
            open.put(storeName, store);
        }
        return store;
    }

    /**
     * The commit journal of a store of a persistent engine ({@code <dataDir>/<storeName>.journal}), opened on
     * first use and kept open until the store is dropped or the engine closes; {@code null} for an in-memory
     * engine, which has no crash to survive.
     */
    public synchronized CommitJournal journal(String storeName) {
        checkName(storeName);
        checkOpen();
        if (dataDir == null) {
            return null;
        }
        return journals.computeIfAbsent(storeName, n -> CommitJournal.open(journalFile(n)));
    }

    /** The stores of a persistent engine that have a non-empty journal file (a crash interrupted a commit). */
    public synchronized Set<String> storesWithJournal() {
        checkOpen();
        Set<String> names = new TreeSet<>();
        if (dataDir == null) {
            return names;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dataDir, "*" + CommitJournal.SUFFIX)) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                String name = fileName.substring(0, fileName.length() - CommitJournal.SUFFIX.length());
                if (STORE_NAME.matcher(name).matches() && Files.size(file) > 0) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new StorageException(StorageException.Code.IO, "Cannot list " + dataDir + ": " + e, e);
        }
        return names;
    }

    /** Whether the store is open or, for a persistent engine, has a file. */
    public synchronized boolean exists(String storeName) {
        checkName(storeName);
        checkOpen();
        return open.containsKey(storeName) || (dataDir != null && Files.exists(storeFile(storeName)));
    }

    /** Every store that {@link #exists}, sorted by name. */
    public synchronized Set<String> storeNames() {
        checkOpen();
        Set<String> names = new TreeSet<>(open.keySet());
        if (dataDir != null) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dataDir, "*" + STORE_FILE_SUFFIX)) {
                for (Path file : files) {
                    String fileName = file.getFileName().toString();
                    String name = fileName.substring(0, fileName.length() - STORE_FILE_SUFFIX.length());
                    if (STORE_NAME.matcher(name).matches()) {
                        names.add(name);
                    }
                }
            } catch (IOException e) {
                throw new StorageException(StorageException.Code.IO, "Cannot list " + dataDir + ": " + e, e);
            }
        }
        return names;
    }

    /**
     * Closes the store if open (freeing an in-memory store's memory) and deletes its file, if any. Dropping a
     * store that does not exist does nothing.
     */
    public synchronized void drop(String storeName) {
        checkName(storeName);
        checkOpen();
        ManagedRowStore store = open.remove(storeName);
        if (store != null) {
            store.close();
        }
        CommitJournal journal = journals.remove(storeName);
        if (journal != null) {
            journal.close();
        }
        if (dataDir != null) {
            try {
                Files.deleteIfExists(storeFile(storeName));
                Files.deleteIfExists(markerFile(storeName));
                CommitJournal.delete(journalFile(storeName));
            } catch (IOException e) {
                throw new StorageException(StorageException.Code.IO,
                        "Cannot delete the store file " + storeFile(storeName) + ": " + e, e);
            }
        }
    }

    /** Closes every store, then releases the data directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<RuntimeException> failures = new ArrayList<>();
        for (ManagedRowStore store : open.values()) {
            try {
                store.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        open.clear();
        for (CommitJournal journal : journals.values()) {
            try {
                journal.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        journals.clear();
        if (lock != null) {
            try {
                lock.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    Path storeFile(String storeName) {
        return dataDir.resolve(storeName + STORE_FILE_SUFFIX);
    }

    Path journalFile(String storeName) {
        return dataDir.resolve(storeName + CommitJournal.SUFFIX);
    }

    Path markerFile(String storeName) {
        return dataDir.resolve(storeName + OPEN_MARKER_SUFFIX);
    }

    private static void checkName(String storeName) {
        Objects.requireNonNull(storeName, "storeName");
        if (!STORE_NAME.matcher(storeName).matches()) {
            throw new IllegalArgumentException("Bad store name '" + storeName
                    + "': use 1 to 200 of the characters a-z 0-9 _ . -");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The storage engine is closed");
        }
    }
}
