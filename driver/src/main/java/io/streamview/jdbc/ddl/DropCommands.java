package io.streamview.jdbc.ddl;

import io.streamview.catalog.CatalogSnapshot;
import io.streamview.catalog.ExternalSchemaDef;
import io.streamview.catalog.MaterializedViewDef;
import io.streamview.catalog.TableDef;
import io.streamview.catalog.ViewDef;
import io.streamview.engine.database.Database;
import io.streamview.jdbc.error.ErrorCode;
import io.streamview.jdbc.error.StreamViewException;
import io.streamview.jdbc.pipeline.ViewPipelineCache;
import io.streamview.jdbc.parser.SqlDropObjects;

import org.apache.calcite.sql.SqlIdentifier;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * {@code DROP TABLE | VIEW | MATERIALIZED VIEW | SCHEMA}. Every name is checked before anything is dropped; the
 * catalog changes in one atomic update; row stores and positions are removed after it.
 */
final class DropCommands {

  private DropCommands() {
  }

  static void drop(Database db, SqlDropObjects node) {
    synchronized (db.ddlLock()) {
      CatalogSnapshot catalog = db.catalog().current();
      Plan plan = new Plan();
      for (SqlIdentifier id : node.names) {
        if (node.kind == SqlDropObjects.ObjectKind.SCHEMA) {
          planSchema(catalog, id, node, plan);
        } else {
          planRelation(catalog, id, node, plan);
        }
      }
      if (plan.isEmpty()) {
        return;
      }
      db.catalog().update(plan::apply);
      // a refresh of a dropped view in progress ends first (an auto refresh is cancelled when its view is dropped),
      // so that it commits no position after the view's positions are gone
      List<ReentrantLock> refreshLocks = new ArrayList<>();
      try {
        for (String mv : plan.materializedViews) {
          ReentrantLock lock = db.refreshLock(mv);
          lock.lock();
          refreshLocks.add(lock);
        }
        for (String store : plan.stores) {
          db.storage().drop(store);
          db.refreshLog().forgetView(store);
        }
        for (String mv : plan.materializedViews) {
          db.positions().drop(mv);
        }
        for (ExternalSchemaDef s : plan.schemaDefs) {
          db.releaseSource(s);
        }
        ViewPipelineCache.of(db).evictStale(); // the compiled pipelines of the dropped views
      } finally {
        refreshLocks.forEach(ReentrantLock::unlock);
      }
    }
  }

  private static void planSchema(CatalogSnapshot catalog, SqlIdentifier id, SqlDropObjects node, Plan plan) {
    String name = id.getSimple();
    if (name.equals(ObjectNames.LOCAL_SCHEMA)) {
      throw new StreamViewException(ErrorCode.FEATURE_NOT_SUPPORTED, "schema public cannot be dropped; drop its "
          + "tables and views instead");
    }
    ExternalSchemaDef def = catalog.externalSchemas().get(name);
    if (def == null) {
      if (node.ifExists) {
        return;
      }
      throw new StreamViewException(ErrorCode.UNDEFINED_SCHEMA, name);
    }
    List<MaterializedViewDef> dependents = catalog.materializedViews().values().stream()
        .filter(mv -> name.equals(mv.sourceSchema())).toList();
    if (!dependents.isEmpty() && !node.cascade) {
      throw new StreamViewException(ErrorCode.DEPENDENT_OBJECTS, "schema " + name,
          "materialized views " + dependents.stream().map(MaterializedViewDef::name).toList());
    }
    for (MaterializedViewDef mv : dependents) {
      plan.dropMaterializedView(catalog, mv, true);
    }
    plan.schemas.add(name);
    plan.schemaDefs.add(def);
  }

  private static void planRelation(CatalogSnapshot catalog, SqlIdentifier id, SqlDropObjects node, Plan plan) {
    ObjectNames.Local name = ObjectNames.local(id, catalog);
    ObjectNames.Kind kind = ObjectNames.kindOf(catalog, name);
    ObjectNames.Kind wanted = switch (node.kind) {
      case TABLE -> ObjectNames.Kind.TABLE;
      case VIEW -> ObjectNames.Kind.VIEW;
      default -> ObjectNames.Kind.MATERIALIZED_VIEW;
    };
    if (kind == null) {
      if (node.ifExists) {
        return;
      }
      throw new StreamViewException(ErrorCode.UNDEFINED_TABLE, name.name());
    }
    if (kind != wanted) {
      throw new StreamViewException(ErrorCode.WRONG_OBJECT_TYPE, name.name(), kind.article, kind.drop);
    }
    List<String> dependents = dependents(catalog, name.qualified());
    dependents.removeAll(plan.views);
    dependents.removeIf(d -> plan.materializedViews.stream().anyMatch(m -> m.equalsIgnoreCase(d)));
    if (!dependents.isEmpty() && !node.cascade) {
      throw new StreamViewException(ErrorCode.DEPENDENT_OBJECTS, name.name(), describe(catalog, dependents));
    }
    plan.addDependents(catalog, dependents);
    switch (kind) {
      case TABLE -> {
        TableDef t = catalog.tables().get(name.qualified());
        plan.tables.add(name.qualified());
        plan.stores.add(t.storeName());
      }
      case VIEW -> plan.views.add(name.qualified());
      case MATERIALIZED_VIEW -> plan.dropMaterializedView(catalog, catalog.materializedViews().get(name.qualified()),
          false);
    }
  }

  /**
   * Views and materialized views whose query reads {@code qualified}, directly or through other views and
   * materialized views (catalog keys).
   */
  private static List<String> dependents(CatalogSnapshot catalog, String qualified) {
    List<String> out = new ArrayList<>();
    java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(qualified));
    while (!todo.isEmpty()) {
      String target = todo.pop();
      for (ViewDef v : catalog.views().values()) {
        String q = v.qualifiedName();
        if (!q.equals(qualified) && !out.contains(q) && reads(ViewReferences.of(v.sql()), target)) {
          out.add(q);
          todo.push(q);
        }
      }
      for (MaterializedViewDef mv : catalog.materializedViews().values()) {
        String q = mv.qualifiedName();
        if (!q.equals(qualified) && !out.contains(q) && mv.dependsOn().contains(target)) {
          out.add(q);
          todo.push(q);
        }
      }
    }
    return out;
  }

  private static boolean reads(java.util.Set<String> relations, String target) {
    return relations.stream().anyMatch(r -> r.toLowerCase(java.util.Locale.ROOT).equals(target));
  }

  private static String describe(CatalogSnapshot catalog, List<String> dependents) {
    List<String> views = dependents.stream().filter(catalog.views()::containsKey).toList();
    List<String> mvs = dependents.stream().filter(catalog.materializedViews()::containsKey).toList();
    return (views.isEmpty() ? "" : "views " + views) + (views.isEmpty() || mvs.isEmpty() ? "" : ", ")
        + (mvs.isEmpty() ? "" : "materialized views " + mvs);
  }

  /** What one DROP statement removes. */
  private static final class Plan {
    final Set<String> tables = new LinkedHashSet<>();
    final Set<String> views = new LinkedHashSet<>();
    final Set<String> materializedViews = new LinkedHashSet<>();
    final Set<String> schemas = new LinkedHashSet<>();
    final List<ExternalSchemaDef> schemaDefs = new ArrayList<>();
    final Set<String> stores = new LinkedHashSet<>();

    void dropMaterializedView(CatalogSnapshot catalog, MaterializedViewDef mv, boolean withDependents) {
      // as the refresh lock and the positions name it (case kept); the catalog update lower-cases it
      if (materializedViews.add(mv.schema() + "." + mv.name())) {
        stores.add(mv.storeName());
        addDependents(catalog, dependents(catalog, mv.qualifiedName()));
      }
    }

    void addDependents(CatalogSnapshot catalog, List<String> dependents) {
      for (String d : dependents) {
        if (catalog.views().containsKey(d)) {
          views.add(d);
        } else if (catalog.materializedViews().containsKey(d)) {
          dropMaterializedView(catalog, catalog.materializedViews().get(d), true);
        }
      }
    }

    boolean isEmpty() {
      return tables.isEmpty() && views.isEmpty() && materializedViews.isEmpty() && schemas.isEmpty();
    }

    CatalogSnapshot apply(CatalogSnapshot c) {
      UnaryOperator<CatalogSnapshot> op = UnaryOperator.identity();
      CatalogSnapshot out = c;
      for (String v : views) {
        out = out.withoutView(v);
      }
      for (String t : tables) {
        out = out.withoutTable(t);
      }
      for (String mv : materializedViews) {
        out = out.withoutMaterializedView(mv);
      }
      for (String s : schemas) {
        out = out.withoutExternalSchema(s);
      }
      return op.apply(out);
    }
  }
}
