package io.streamview.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Holds the current {@link CatalogSnapshot} and, when file-backed, persists every change to
 * {@code <databaseDir>/catalog.json} before {@link #update} returns. Readers never block:
 * {@link #current()} returns the last committed snapshot.
 */
public final class CatalogStore implements AutoCloseable {

    /** The catalog's file name inside the database directory. */
    public static final String FILE_NAME = "catalog.json";

    private final Path file;
    private final AtomicWriter writer;
    private volatile CatalogSnapshot current;
    private volatile boolean closed;

    CatalogStore(Path file, AtomicWriter writer, CatalogSnapshot initial) {
        this.file = file;
        this.writer = writer;
        this.current = initial;
    }

    /** A catalog that lives only as long as this object. */
    public static CatalogStore inMemory() {
        return new CatalogStore(null, null, CatalogSnapshot.empty());
    }

    /**
     * Opens {@code <databaseDir>/catalog.json}, creating the directory (0700) and an empty catalog
     * (0600) when missing. A {@code catalog.json.tmp} left by a crash is deleted.
     *
     * @throws CatalogException IO, CORRUPT or UNSUPPORTED_VERSION, naming the file
     */
    public static CatalogStore open(Path databaseDir) {
        return open(databaseDir, AtomicWriter.DEFAULT);
    }

    static CatalogStore open(Path databaseDir, AtomicWriter writer) {
        Objects.requireNonNull(databaseDir, "databaseDir");
        Path file = databaseDir.resolve(FILE_NAME).toAbsolutePath();
        try {
            PrivateFiles.createDirectories(file.getParent());
            Files.deleteIfExists(PrivateFiles.tmpFor(file));
        } catch (IOException e) {
            throw new CatalogException(CatalogException.Code.IO, file,
                    "Cannot prepare the catalog file " + file + ": " + e, e);
        }
        CatalogSnapshot initial = read(file);
        if (initial == null) {
            initial = CatalogSnapshot.empty();
            persist(writer, file, initial);
        }
        return new CatalogStore(file, writer, initial);
    }

    /** The last committed snapshot. */
    public CatalogSnapshot current() {
        return current;
    }

    /** The backing file, or {@code null} for an in-memory store. */
    public Path file() {
        return file;
    }

    /**
     * Applies {@code change} to the current snapshot and commits the result. Changes are serialised;
     * a file-backed store has written the new catalog durably before this returns. If {@code change}
     * throws or writing fails, the current snapshot stays as it was.
     *
     * @return the new current snapshot (the same object when {@code change} returned its argument)
     * @throws CatalogException IO when the catalog cannot be written
     */
    public synchronized CatalogSnapshot update(UnaryOperator<CatalogSnapshot> change) {
        Objects.requireNonNull(change, "change");
        if (closed) {
            throw new IllegalStateException("The catalog store is closed");
        }
        CatalogSnapshot before = current;
        CatalogSnapshot after = Objects.requireNonNull(change.apply(before), "change returned null");
        if (after == before) {
            return before;
        }
        if (file != null) {
            persist(writer, file, after);
        }
        current = after;
        return after;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private static CatalogSnapshot read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new CatalogException(CatalogException.Code.IO, file,
                    "Cannot read the catalog file " + file + ": " + e, e);
        }
        return CatalogJson.readCatalog(file, bytes);
    }

    private static void persist(AtomicWriter writer, Path file, CatalogSnapshot snapshot) {
        byte[] json = CatalogJson.writeCatalog(snapshot);
        try {
            writer.write(file, json);
        } catch (IOException | RuntimeException e) {
            throw new CatalogException(CatalogException.Code.IO, file,
                    "Cannot write the catalog file " + file + ": " + e, e);
        }
    }
}
