package io.streamview.jdbc.plancache;

import io.streamview.engine.database.Database;

import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.SchemaPlus;

import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * The plan cache of each user connection, keyed by the connection's (mutable) root schema, which lives exactly as
 * long as the connection: Calcite hands {@link PlanCachingPrepare} that schema, not the connection. The driver's
 * internal connections (refresh pipelines, validation) have none. A connection's cache is unbound when it closes.
 */
public final class QueryPlanCaches {

  /** The default of the {@code queryCacheSize} connection property. */
  public static final int DEFAULT_SIZE = 16;
  /** The largest {@code queryCacheSize} accepted. */
  public static final int MAX_SIZE = 10_000;

  private static final Map<CalciteSchema, QueryPlanCache> BY_ROOT = new WeakHashMap<>();

  private QueryPlanCaches() {
  }

  /** Gives the connection whose root schema is {@code root} a cache of {@code size} plans (none for 0). */
  public static void bind(SchemaPlus root, Database database, int size) {
    if (size <= 0) {
      return;
    }
    QueryPlanCache cache = new QueryPlanCache(size, () -> database.catalog().current().version());
    synchronized (BY_ROOT) {
      BY_ROOT.put(CalciteSchema.from(root).root(), cache);
    }
  }

  /** Drops the cache of the connection whose root schema is {@code root} (it is closing). */
  public static void unbind(SchemaPlus root) {
    synchronized (BY_ROOT) {
      BY_ROOT.remove(CalciteSchema.from(root).root());
    }
  }

  /** The cache of the connection whose root schema is {@code root}, if it has one. */
  public static Optional<QueryPlanCache> of(SchemaPlus root) {
    return Optional.ofNullable(of(CalciteSchema.from(root)));
  }

  static QueryPlanCache of(CalciteSchema root) {
    synchronized (BY_ROOT) {
      return BY_ROOT.get(root.root());
    }
  }
}
