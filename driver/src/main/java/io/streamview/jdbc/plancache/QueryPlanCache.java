package io.streamview.jdbc.plancache;

import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalcitePrepare;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One connection's cache of prepared query plans, least recently used first out, at most {@code capacity} of them.
 * A plan is kept with the catalog version read before it was prepared and is used only while the catalog still has
 * that version: any DDL (CREATE, DROP, ALTER, a view replaced, a recomputed view's store swapped, an external
 * schema) makes it stale, and it is prepared again. Only queries are kept (Calcite's statement type SELECT, which
 * includes EXPLAIN); DDL and DML are prepared each time. A plan holds no data: its tables are read when it executes,
 * so a cached plan sees the rows of the moment it runs. Safe for concurrent use by the statements of a connection;
 * two threads missing the same text at once both prepare it and the second result is kept.
 */
public final class QueryPlanCache {

  private final int capacity;
  private final LongSupplier catalogVersion;
  private final Map<PlanKey, Entry> plans;
  private long hits;
  private long misses;

  private record Entry(CalcitePrepare.CalciteSignature<?> signature, long catalogVersion) {
  }

  /**
   * @param capacity       the most plans kept, at least 1
   * @param catalogVersion the current version of the connection's catalog
   */
  QueryPlanCache(int capacity, LongSupplier catalogVersion) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity " + capacity);
    }
    this.capacity = capacity;
    this.catalogVersion = catalogVersion;
    this.plans = new LinkedHashMap<>(16, 0.75f, true) {
      @Override protected boolean removeEldestEntry(Map.Entry<PlanKey, Entry> eldest) {
        return size() > QueryPlanCache.this.capacity;
      }
    };
  }

  /** The plan of {@code key}: the cached one if still current, else {@code prepare}'s, kept if it is a query. */
  @SuppressWarnings("unchecked")
  <T> CalcitePrepare.CalciteSignature<T> get(PlanKey key, Supplier<CalcitePrepare.CalciteSignature<T>> prepare) {
    long version = catalogVersion.getAsLong();
    synchronized (plans) {
      Entry e = plans.get(key);
      if (e != null && e.catalogVersion == version) {
        hits++;
        return (CalcitePrepare.CalciteSignature<T>) e.signature;
      }
      if (e != null) {
        plans.remove(key);
      }
    }
    CalcitePrepare.CalciteSignature<T> signature = prepare.get(); // outside the lock: planning takes milliseconds
    if (signature.statementType == Meta.StatementType.SELECT) {
      synchronized (plans) {
        misses++;
        plans.put(key, new Entry(signature, version));
      }
    }
    return signature;
  }

  /** The most plans kept. */
  public int capacity() {
    return capacity;
  }

  /** How many plans are kept now (stale ones included until they are next asked for). */
  public int size() {
    synchronized (plans) {
      return plans.size();
    }
  }

  /** How many executions and prepares were served a cached plan. */
  public long hits() {
    synchronized (plans) {
      return hits;
    }
  }

  /** How many times a query had to be planned (DDL and DML, never kept, are not counted). */
  public long misses() {
    synchronized (plans) {
      return misses;
    }
  }

  /** Drops every plan. */
  public void clear() {
    synchronized (plans) {
      plans.clear();
    }
  }

  @Override public String toString() {
    synchronized (plans) {
      return "QueryPlanCache[" + plans.size() + "/" + capacity + " plans, " + hits + " hits, " + misses + " misses]";
    }
  }
}
