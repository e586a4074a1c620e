package io.streamview.jdbc.pipeline;

import io.streamview.catalog.CatalogSnapshot;
import io.streamview.catalog.ColumnDef;
import io.streamview.catalog.ExternalSchemaDef;
import io.streamview.catalog.MaterializedViewDef;
import io.streamview.engine.database.Database;
import io.streamview.engine.refresh.ViewPipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The compiled refresh pipelines of a database's streaming views, kept open from one refresh to the next (compiling
 * one costs an internal Calcite connection, parsing, planning and Janino code generation). One per open database
 * ({@link #of}), closed with it. A pipeline is used and replaced only under its view's refresh lock
 * ({@link Database#refreshLock}), so refreshes of one view never see it change while refreshes of different views
 * proceed independently; it is kept for as long as the catalog holds the same {@link Definition} of the view and is
 * compiled again when that changes (DROP and re-CREATE, DROP SCHEMA and re-CREATE) or after a refresh that failed.
 */
public final class ViewPipelineCache implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ViewPipelineCache.class);

  /** What a compiled pipeline depends on: the view's query, columns and store, and its external schema. */
  public record Definition(String sql, List<ColumnDef> columns, String storeName, String sourceSchema,
                           String streamName, Instant schemaCreatedAt) {

    /** The definition of view {@code viewKey} in {@code catalog}; {@code null} when the view or its schema is gone. */
    static Definition of(CatalogSnapshot catalog, String viewKey) {
      MaterializedViewDef mv = catalog.materializedViews().get(viewKey);
      if (mv == null || !mv.isStreaming()) {
        return null;
      }
      ExternalSchemaDef schema = catalog.externalSchemas().get(mv.sourceSchema());
      return schema == null ? null : of(mv, schema);
    }

    public static Definition of(MaterializedViewDef mv, ExternalSchemaDef schema) {
      return new Definition(mv.sql(), List.copyOf(mv.columns()), mv.storeName(), mv.sourceSchema(), mv.streamName(),
          schema.createdAt());
    }
  }

  /** Compiles a view's pipeline. */
  @FunctionalInterface
  public interface Compiler {
    ViewPipeline compile() throws SQLException;
  }

  private record Entry(Definition definition, String refreshLockName, ViewPipeline pipeline) {
  }

  private final Database database;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private ViewPipelineCache(Database database) {
    this.database = database;
  }

  /** The cache of {@code db}, created on first use. */
  public static ViewPipelineCache of(Database db) {
    return db.attached(ViewPipelineCache.class, () -> new ViewPipelineCache(db));
  }

  /**
   * The pipeline of view {@code mv} as {@code definition} defines it: the one kept from an earlier refresh when its
   * definition is the same, else a new one from {@code compiler} (closing the one it replaces). The caller holds the
   * view's refresh lock until it has finished using the pipeline, and must not close it.
   */
  public ViewPipeline acquire(MaterializedViewDef mv, Definition definition, Compiler compiler) throws SQLException {
    String key = mv.qualifiedName();
    String lockName = refreshLockName(mv);
    requireHeld(lockName);
    Entry e = entries.get(key);
    if (e != null && e.definition().equals(definition)) {
      return e.pipeline();
    }
    if (e != null) {
      remove(key, e);
    }
    ViewPipeline pipeline = compiler.compile();
    if (closed) {
      pipeline.close();
      throw new IllegalStateException("database " + database.location().describe() + " is closed");
    }
    entries.put(key, new Entry(definition, lockName, pipeline));
    if (closed) { // close() ran meanwhile and may not have seen the entry
      remove(key, entries.get(key));
    }
    return pipeline;
  }

  /**
   * After a refresh of {@code mv} (the caller still holds its refresh lock): closes its pipeline when the refresh
   * failed (a pipeline may be left unusable by a failure) or when the catalog no longer defines the view as the
   * pipeline was compiled.
   */
  public void release(MaterializedViewDef mv, boolean failed) {
    String key = mv.qualifiedName();
    Entry e = entries.get(key);
    if (e != null && (failed || !e.definition().equals(Definition.of(database.catalog().current(), key)))) {
      remove(key, e);
    }
  }

  /**
   * Closes the pipelines whose view the catalog no longer defines as they were compiled (after DROP). A pipeline
   * whose refresh lock another thread holds is left to that refresh, which closes it when it ends ({@link #release}).
   */
  public void evictStale() {
    CatalogSnapshot catalog = database.catalog().current();
    for (Map.Entry<String, Entry> me : entries.entrySet()) {
      Entry e = me.getValue();
      if (e.definition().equals(Definition.of(catalog, me.getKey()))) {
        continue;
      }
      ReentrantLock lock = database.refreshLock(e.refreshLockName());
      if (lock.tryLock()) {
        try {
          remove(me.getKey(), e);
        } finally {
          lock.unlock();
        }
      }
    }
  }

  /** The pipeline kept for view {@code viewKey}, or {@code null}. */
  public ViewPipeline kept(String viewKey) {
    Entry e = entries.get(viewKey);
    return e == null ? null : e.pipeline();
  }

  private void remove(String key, Entry e) {
    if (e != null && entries.remove(key, e)) {
      closeQuietly(key, e.pipeline());
    }
  }

  private static void closeQuietly(String key, ViewPipeline pipeline) {
    try {
      pipeline.close();
    } catch (RuntimeException ex) {
      LOG.warn("closing the refresh pipeline of {} failed", key, ex);
    }
  }

  /** The name of {@code mv}'s refresh lock, as the refresh executor and DROP name it (case kept). */
  public static String refreshLockName(MaterializedViewDef mv) {
    return mv.schema() + "." + mv.name();
  }

  private void requireHeld(String lockName) {
    if (!database.refreshLock(lockName).isHeldByCurrentThread()) {
      throw new IllegalStateException("the refresh lock of " + lockName + " is not held");
    }
  }

  /** Closes every pipeline (the database is closing; its auto-refresh threads have stopped). */
  @Override public void close() {
    closed = true;
    for (String key : List.copyOf(entries.keySet())) {
      remove(key, entries.get(key));
    }
  }
}
