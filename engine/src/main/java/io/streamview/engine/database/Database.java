package io.streamview.engine.database;

import io.streamview.catalog.CatalogStore;
import io.streamview.catalog.ExternalSchemaDef;
import io.streamview.catalog.PositionStore;
import io.streamview.engine.source.SourceConfig;
import io.streamview.engine.source.StreamSource;
import io.streamview.engine.source.StreamSourceFactory;
import io.streamview.engine.storage.DatabaseLock;
import io.streamview.engine.storage.StorageEngine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One open database: catalog, shard positions, row stores, the log of its refreshes, the threads that refresh its
 * AUTO REFRESH YES views and, for a directory, the lock that keeps other processes out. Thread-safe; shared by the
 * connections of a JVM through {@link DatabaseRegistry}.
 */
public final class Database implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final DatabaseLocation location;
  private final DatabaseOptions options;
  private final DatabaseLock lock;
  private final CatalogStore catalog;
  private final PositionStore positions;
  private final StorageEngine storage;
  private final Map<String, StreamSource> sources = new ConcurrentHashMap<>();
  private final Map<String, ReentrantLock> refreshLocks = new ConcurrentHashMap<>();
  private final Object ddlLock = new Object();
  private final Map<String, java.util.Set<String>> notedStreams = new ConcurrentHashMap<>();
  private final RefreshLog refreshLog = new RefreshLog();
  private final BatchCommits commits;
  private final AutoRefresher autoRefresher;
  private final Map<Class<?>, AutoCloseable> attachments = new LinkedHashMap<>(); // guarded by itself
  private volatile boolean closed;

  private Database(DatabaseLocation location, DatabaseOptions options, DatabaseLock lock, CatalogStore catalog,
                   PositionStore positions, StorageEngine storage) {
    this.location = location;
    this.options = options;
    this.lock = lock;
    this.catalog = catalog;
    this.positions = positions;
    this.storage = storage;
    this.commits = new BatchCommits(storage, positions);
    this.autoRefresher = options.viewRefresher() == null ? null
        : new AutoRefresher(this, options.viewRefresher(), options.autoRefreshInterval());
  }

  /** Applies the commits a crash interrupted, then starts the auto-refresh threads, once the database is open. */
  private Database started() {
    commits.recover();
    if (autoRefresher != null) {
      autoRefresher.start();
    }
    return this;
  }

  /** Opens (creating if needed) the database at {@code location}. */
  static Database open(DatabaseLocation location, DatabaseOptions options) {
    if (location instanceof DatabaseLocation.Directory d) {
      Path dir = d.path();
      createOwnerOnlyDirectory(dir);
      DatabaseLock lock = DatabaseLock.acquire(dir);
      StorageEngine storage = null;
      CatalogStore catalog = null;
      PositionStore positions = null;
      try {
        storage = StorageEngine.persistent(dir.resolve("data"));
        catalog = CatalogStore.open(dir);
        positions = PositionStore.open(dir);
        return new Database(location, options, lock, catalog, positions, storage).started();
      } catch (RuntimeException e) {
        if (positions != null) {
          positions.close();
        }
        if (catalog != null) {
          catalog.close();
        }
        if (storage != null) {
          storage.close();
        }
        lock.close();
        throw e;
      }
    }
    return new Database(location, options, null, CatalogStore.inMemory(), PositionStore.inMemory(),
        StorageEngine.inMemory()).started();
  }

  private static void createOwnerOnlyDirectory(Path dir) {
    try {
      if (!Files.isDirectory(dir)) {
        try {
          Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
          Files.createDirectories(dir);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create database directory " + dir, e);
    }
  }

  public DatabaseLocation location() {
    return location;
  }

  public DatabaseOptions options() {
    return options;
  }

  public CatalogStore catalog() {
    return catalog;
  }

  public PositionStore positions() {
    return positions;
  }

  public StorageEngine storage() {
    return storage;
  }

  /** Commits refresh batches atomically (rows and positions together; docs/crash-consistency.md). */
  public BatchCommits commits() {
    return commits;
  }

  /** The refreshes of this database since it opened (what the refresh system views show). */
  public RefreshLog refreshLog() {
    return refreshLog;
  }

  /** The database's name as the system views show it ({@code db_name}). */
  public String name() {
    return location.name();
  }

  /** Serialises DDL so that checks and catalog updates of one statement are not interleaved with another's. */
  public Object ddlLock() {
    return ddlLock;
  }

  /**
   * Records that a statement names stream {@code stream} of external schema {@code schema}, so that the query layer
   * lists it among the schema's tables (Calcite resolves names against a snapshot of listed names).
   */
  public void noteStream(String schema, String stream) {
    notedStreams.computeIfAbsent(schema, k -> ConcurrentHashMap.newKeySet()).add(stream);
  }

  /** The streams of {@code schema} that statements of this database have named. */
  public java.util.Set<String> notedStreams(String schema) {
    return java.util.Set.copyOf(notedStreams.getOrDefault(schema, java.util.Set.of()));
  }

  /** The lock that allows one refresh of a view at a time. */
  public ReentrantLock refreshLock(String viewQualifiedName) {
    return refreshLocks.computeIfAbsent(viewQualifiedName, k -> new ReentrantLock());
  }

  /** The stream source of an external schema, created on first use with this database's source settings. */
  public StreamSource sourceFor(ExternalSchemaDef schema) {
    return sources.computeIfAbsent(schema.name() + "|" + schema.createdAt(),
        k -> new TallyingStreamSource(createSource(schema)));
  }

  /** Forgets the source of a dropped external schema. */
  public void releaseSource(ExternalSchemaDef schema) {
    StreamSource s = sources.remove(schema.name() + "|" + schema.createdAt());
    if (s != null) {
      s.close();
    }
  }

  private StreamSource createSource(ExternalSchemaDef schema) {
    StreamSourceFactory given = options.sourceFactory();
    StreamSourceFactory factory = given != null && given.kind().equalsIgnoreCase(schema.sourceKind()) ? given
        : factory(schema.sourceKind());
    SourceConfig base = options.sourceDefaults();
    List<String> roles = "default".equalsIgnoreCase(schema.iamRole()) || schema.iamRole() == null
        ? List.of() : Arrays.stream(schema.iamRole().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    SourceConfig config = new SourceConfig(base.endpoint(),
        schema.region() != null ? java.util.Optional.of(schema.region()) : base.region(),
        base.profile(), base.credentials(), roles, base.stsEndpoint());
    return factory.create(config);
  }

  /**
   * The source factory for a kind that {@link ServiceLoader} finds (the first it lists), or an exception naming the
   * kinds that are available. A database's {@link DatabaseOptions#sourceFactory()} comes before it.
   */
  public static StreamSourceFactory factory(String kind) {
    List<String> kinds = new ArrayList<>();
    for (StreamSourceFactory f : ServiceLoader.load(StreamSourceFactory.class, Database.class.getClassLoader())) {
      if (f.kind().equalsIgnoreCase(kind)) {
        return f;
      }
      kinds.add(f.kind());
    }
    throw new IllegalStateException("no stream source of kind " + kind + " is available; available: " + kinds);
  }

  /**
   * The {@code type} object kept with this database (created by {@code create} on first use): state the SQL layer
   * keeps per open database, such as its views' compiled refresh pipelines. Closed when the database closes, after
   * the auto-refresh threads have stopped and before the row stores close.
   *
   * @throws IllegalStateException when the database is closed
   */
  public <T extends AutoCloseable> T attached(Class<T> type, Supplier<T> create) {
    synchronized (attachments) {
      if (closed) {
        throw new IllegalStateException("database " + location.describe() + " is closed");
      }
      return type.cast(attachments.computeIfAbsent(type, k -> create.get()));
    }
  }

  public boolean isClosed() {
    return closed;
  }

  @Override public synchronized void close() {
    if (closed) {
      return;
    }
    try {
      if (autoRefresher != null) {
        autoRefresher.close();
      }
    } finally {
      List<AutoCloseable> attached;
      synchronized (attachments) {
        closed = true;
        attached = new ArrayList<>(attachments.values());
        attachments.clear();
      }
      try {
        closeAttachments(attached);
      } finally {
        closeResources();
      }
    }
  }

  private void closeAttachments(List<AutoCloseable> attached) {
    for (AutoCloseable a : attached) {
      try {
        a.close();
      } catch (Exception e) {
        LOG.warn("closing {} of {} failed", a.getClass().getSimpleName(),
            location.describe(), e);
      }
    }
  }

  private void closeResources() {
    sources.values().forEach(StreamSource::close);
    sources.clear();
    try {
      storage.close();
    } finally {
      try {
        positions.close();
        catalog.close();
      } finally {
        if (lock != null) {
          lock.close();
        }
      }
    }
  }
}
