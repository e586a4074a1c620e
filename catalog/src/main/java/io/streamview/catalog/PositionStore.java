package io.streamview.catalog;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-materialized-view shard positions. File-backed stores keep one file per view,
 * {@code <databaseDir>/positions/<qualifiedName>.json} (see {@link PositionFileNames}), replaced
 * atomically on every commit ({@link AtomicWriter#POSITIONS}: one fsync per commit, of the new file). Commits for one view are serialised (so concurrent commits for
 * different shards never lose each other); different views commit in parallel.
 */
public final class PositionStore implements AutoCloseable {

    /** The positions directory inside the database directory. */
    public static final String DIRECTORY_NAME = "positions";

    private final Path dir;
    private final AtomicWriter writer;
    private final Map<String, ViewPositions> views = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Positions of one view; guarded by its own monitor. */
    private static final class ViewPositions {
        private Map<String, ShardPositionDef> shards;
    }

    PositionStore(Path dir, AtomicWriter writer) {
        this.dir = dir;
        this.writer = writer;
    }

    /** Positions that live only as long as this object. */
    public static PositionStore inMemory() {
        return new PositionStore(null, null);
    }

    /**
     * Opens (creating, 0700) {@code <databaseDir>/positions/} and deletes {@code *.tmp} files left
     * there by a crash.
     */
    public static PositionStore open(Path databaseDir) {
        return open(databaseDir, AtomicWriter.POSITIONS);
    }

    static PositionStore open(Path databaseDir, AtomicWriter writer) {
        Objects.requireNonNull(databaseDir, "databaseDir");
        Path dir = databaseDir.resolve(DIRECTORY_NAME).toAbsolutePath();
        try {
            PrivateFiles.createDirectories(dir);
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, "*" + PrivateFiles.TMP_SUFFIX)) {
                for (Path leftover : leftovers) {
                    Files.deleteIfExists(leftover);
                }
            }
        } catch (IOException e) {
            throw new CatalogException(CatalogException.Code.IO, dir,
                    "Cannot prepare the positions directory " + dir + ": " + e, e);
        }
        return new PositionStore(dir, writer);
    }

    /** The committed positions of a view by shard id, in first-commit order; empty if none. */
    public Map<String, ShardPositionDef> load(String mvQualifiedName) {
        ViewPositions view = view(mvQualifiedName);
        synchronized (view) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(loaded(mvQualifiedName, view)));
        }
    }

    /** Durably records one shard's position (replacing that shard's previous one). */
    public void commit(String mvQualifiedName, ShardPositionDef position) {
        Objects.requireNonNull(position, "position");
        commitAll(mvQualifiedName, List.of(position));
    }

    /** Durably records several shards' positions in one atomic file replacement. */
    public void commitAll(String mvQualifiedName, Collection<ShardPositionDef> positions) {
        Objects.requireNonNull(positions, "positions");
        ViewPositions view = view(mvQualifiedName);
        synchronized (view) {
            Map<String, ShardPositionDef> next = new LinkedHashMap<>(loaded(mvQualifiedName, view));
            for (ShardPositionDef position : positions) {
                next.put(position.shardId(), position);
            }
            if (dir != null) {
                Path file = fileFor(mvQualifiedName);
                try {
                    writer.write(file, CatalogJson.writePositions(mvQualifiedName, next));
                } catch (IOException | RuntimeException e) {
                    throw new CatalogException(CatalogException.Code.IO, file,
                            "Cannot write the position file " + file + ": " + e, e);
                }
            }
            view.shards = next;
        }
    }

    /** Forgets every position of a view and deletes its file. */
    public void drop(String mvQualifiedName) {
        ViewPositions view = view(mvQualifiedName);
        synchronized (view) {
            if (dir != null) {
                Path file = fileFor(mvQualifiedName);
                try {
                    if (Files.deleteIfExists(file)) {
                        PrivateFiles.fsyncDirectory(dir);
                    }
                } catch (IOException e) {
                    throw new CatalogException(CatalogException.Code.IO, file,
                            "Cannot delete the position file " + file + ": " + e, e);
                }
            }
            view.shards = new LinkedHashMap<>();
        }
    }

    /** The file a view's positions live in, or {@code null} for an in-memory store. */
    public Path fileFor(String mvQualifiedName) {
        return dir == null ? null : dir.resolve(PositionFileNames.forView(mvQualifiedName));
    }

    @Override
    public void close() {
        closed = true;
    }

    private ViewPositions view(String mvQualifiedName) {
        Objects.requireNonNull(mvQualifiedName, "mvQualifiedName");
        if (closed) {
            throw new IllegalStateException("The position store is closed");
        }
        return views.computeIfAbsent(mvQualifiedName, k -> new ViewPositions());
    }

    private Map<String, ShardPositionDef> loaded(String mvQualifiedName, ViewPositions view) {
        if (view.shards == null) {
            view.shards = dir == null ? new LinkedHashMap<>() : read(mvQualifiedName);
        }
        return view.shards;
    }

    private Map<String, ShardPositionDef> read(String mvQualifiedName) {
        Path file = fileFor(mvQualifiedName);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new LinkedHashMap<>();
        } catch (IOException e) {
            throw new CatalogException(CatalogException.Code.IO, file,
                    "Cannot read the position file " + file + ": " + e, e);
        }
        return CatalogJson.readPositions(file, bytes, mvQualifiedName);
    }
}
