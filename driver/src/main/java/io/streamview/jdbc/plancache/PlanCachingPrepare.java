package io.streamview.jdbc.plancache;

import io.streamview.jdbc.superpath.SuperPrepare;
import io.streamview.jdbc.superpath.SuperSettings;

import org.apache.calcite.jdbc.CalciteSchema;

import java.lang.reflect.Type;

/**
 * The {@code CalcitePrepare} of every StreamView connection: {@link SuperPrepare}, with the SQL statements of a
 * connection that has a {@link QueryPlanCache} looked up there first, so that a repeated query skips parsing,
 * validation, planning and code generation. Calcite calls {@code prepareSql} for {@code Statement.execute*} with SQL
 * text and for {@code Connection.prepareStatement}; each execution still makes its own data context (parameters,
 * current time, cancel flag) and reads the tables then.
 */
public final class PlanCachingPrepare extends SuperPrepare {

  @Override public <T> CalciteSignature<T> prepareSql(Context context, Query<T> query, Type elementType,
                                                      long maxRowCount) {
    CalciteSchema root = context.getMutableRootSchema();
    QueryPlanCache cache = query.sql == null ? null : QueryPlanCaches.of(root);
    if (cache == null) {
      return super.prepareSql(context, query, elementType, maxRowCount);
    }
    PlanKey key = new PlanKey(query.sql, maxRowCount, elementType, context.getDefaultSchemaPath(),
        SuperSettings.caseSensitiveAttributes(root));
    return cache.get(key, () -> super.prepareSql(context, query, elementType, maxRowCount));
  }
}
