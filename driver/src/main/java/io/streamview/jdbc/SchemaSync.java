package io.streamview.jdbc;

import io.streamview.catalog.CatalogSnapshot;
import io.streamview.engine.database.Database;
import io.streamview.engine.table.CatalogSchema;
import io.streamview.engine.table.ExternalStreamSchema;

import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.SchemaPlus;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Keeps a connection's Calcite root schema in step with the catalog: the local schema {@code public} and one
 * schema per external schema. Cheap when nothing changed (one version comparison).
 */
final class SchemaSync {

  static final String LOCAL_SCHEMA = "public";

  private static final Map<CalciteSchema, Long> SYNCED = new WeakHashMap<>();

  private SchemaSync() {
  }

  static void sync(SchemaPlus root, Database database) {
    CatalogSnapshot snapshot = database.catalog().current();
    synchronized (SYNCED) {
      CalciteSchema key = CalciteSchema.from(root);
      Long done = SYNCED.get(key);
      if (done != null && done == snapshot.version()) {
        return;
      }
      if (root.subSchemas().get(LOCAL_SCHEMA) == null) {
        uncached(root.add(LOCAL_SCHEMA, new CatalogSchema(database, LOCAL_SCHEMA)));
      }
      Set<String> wanted = new HashSet<>(snapshot.externalSchemas().keySet());
      CalciteSchema calciteRoot = CalciteSchema.from(root);
      for (String name : new HashSet<>(root.subSchemas().getNames(org.apache.calcite.schema.lookup.LikePattern.any()))) {
        if (!name.equals(LOCAL_SCHEMA) && !name.equals("metadata") && !wanted.contains(name)) {
          calciteRoot.removeSubSchema(name);
        }
      }
      for (String name : wanted) {
        if (root.subSchemas().get(name) == null) {
          uncached(root.add(name, new ExternalStreamSchema(name, () -> knownStreams(database, name))));
        }
      }
      SYNCED.put(key, snapshot.version());
    }
  }

  private static Set<String> knownStreams(Database database, String schema) {
    Set<String> names = new HashSet<>(database.notedStreams(schema));
    database.catalog().current().materializedViews().values().stream()
        .filter(mv -> schema.equals(mv.sourceSchema())).forEach(mv -> names.add(mv.streamName()));
    return names;
  }

  /**
   * Switches a schema's name caches off. Calcite creates a schema's table lookup lazily and a lookup created after
   * {@code setCacheEnabled(false)} would cache anyway, so the lookups are created first.
   */
  private static void uncached(SchemaPlus schema) {
    CalciteSchema s = CalciteSchema.from(schema);
    s.tables();
    s.subSchemas();
    s.setCache(false);
  }
}
