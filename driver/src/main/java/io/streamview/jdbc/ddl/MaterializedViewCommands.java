package io.streamview.jdbc.ddl;

import io.streamview.catalog.CatalogSnapshot;
import io.streamview.catalog.ColumnDef;
import io.streamview.catalog.ExternalSchemaDef;
import io.streamview.catalog.MaterializedViewDef;
import io.streamview.engine.database.Database;
import io.streamview.engine.database.RefreshType;
import io.streamview.engine.refresh.RefreshExecutor;
import io.streamview.engine.refresh.RefreshResult;
import io.streamview.engine.source.SourceConfig;
import io.streamview.jdbc.cancel.StatementCancellation;
import io.streamview.jdbc.error.ErrorCode;
import io.streamview.jdbc.error.InternalSqlException;
import io.streamview.jdbc.error.StreamViewException;
import io.streamview.jdbc.parser.SqlAlterMaterializedView;
import io.streamview.jdbc.parser.SqlCreateMaterializedView;
import io.streamview.jdbc.parser.SqlRefreshMaterializedView;
import io.streamview.engine.refresh.ViewPipeline;
import io.streamview.jdbc.pipeline.StreamingQuery;
import io.streamview.jdbc.pipeline.StreamingQueryAnalyzer;
import io.streamview.jdbc.pipeline.ViewPipelineCache;
import io.streamview.jdbc.pipeline.ViewPipelines;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/** {@code CREATE MATERIALIZED VIEW}, {@code REFRESH MATERIALIZED VIEW}, {@code ALTER MATERIALIZED VIEW}. */
final class MaterializedViewCommands {

  private MaterializedViewCommands() {
  }

  static void create(Database db, SqlCreateMaterializedView node) {
    synchronized (db.ddlLock()) {
      CatalogSnapshot catalog = db.catalog().current();
      ObjectNames.Local name = ObjectNames.local(node.name, catalog);
      ObjectNames.requireFree(catalog, name);
      AutoRefreshCommands.checkCreate(catalog, node.query, Boolean.TRUE.equals(node.autoRefresh)); // AUTO REFRESH
      String sql = node.query.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
      List<String> relations = new ArrayList<>(ViewReferences.of(sql));
      if (!relations.isEmpty() && !RecomputedViewCommands.readsStream(catalog, relations)) {
        RecomputedViewCommands.create(db, node, name, sql, relations); // a nested view: recomputed
        return;
      }
      StreamingQuery query = StreamingQueryAnalyzer.analyze(name.name(), node.query, catalog);
      ExternalSchemaDef schema = catalog.externalSchemas().get(query.schemaName());
      db.noteStream(query.schemaName(), query.streamName());
      ViewPipelines.Described described;
      try {
        described = ViewPipelines.describe(db, name.name(), query);
      } catch (SQLException e) {
        throw new InternalSqlException("CREATE MATERIALIZED VIEW " + name.name(), e);
      }
      ViewPipeline compiled = described.pipeline();
      try {
        MaterializedViewDef def = define(db, node, name, sql, query, schema, described.columns());
        if (compiled != null) { // kept for the view's first refresh
          keep(db, def, schema, compiled);
          compiled = null;
        }
      } finally {
        if (compiled != null) {
          compiled.close();
        }
      }
    }
  }

  private static MaterializedViewDef define(Database db, SqlCreateMaterializedView node, ObjectNames.Local name,
                                            String sql, StreamingQuery query, ExternalSchemaDef schema,
                                            List<ColumnDef> columns) {
    List<String> distKey = columnNames(name, "DISTKEY", node.distKey, columns);
    List<String> sortKey = columnNames(name, "SORTKEY", node.sortKey, columns);
    if (!db.sourceFor(schema).streamExists(query.streamName())) {
      throw new StreamViewException(ErrorCode.STREAM_NOT_FOUND, "stream \"" + query.streamName()
          + "\" of external schema " + schema.name() + " does not exist at " + where(db, schema)
          + "; create the stream first, or check its name (stream names are case-sensitive: quote them, as in "
          + schema.name() + ".\"MyStream\")");
    }
    MaterializedViewDef def = new MaterializedViewDef(name.schema(), name.name(), sql, columns,
        query.schemaName(), query.streamName(), Boolean.TRUE.equals(node.autoRefresh),
        !Boolean.FALSE.equals(node.backup), node.distStyle,
        distKey, sortKey, ObjectNames.newStoreName("mv", name), Instant.now());
    db.storage().open(def.storeName());
    try {
      db.catalog().update(c -> c.withMaterializedView(def));
    } catch (RuntimeException e) {
      db.storage().drop(def.storeName());
      throw e;
    }
    return def;
  }

  /** Keeps the pipeline CREATE compiled for the view's refreshes (closing it if the cache keeps another). */
  private static void keep(Database db, MaterializedViewDef def, ExternalSchemaDef schema, ViewPipeline compiled) {
    ReentrantLock lock = db.refreshLock(ViewPipelineCache.refreshLockName(def));
    lock.lock();
    try {
      ViewPipeline kept = ViewPipelineCache.of(db).acquire(def, ViewPipelineCache.Definition.of(def, schema),
          () -> compiled);
      if (kept != compiled) {
        compiled.close();
      }
    } catch (SQLException e) { // the compiler above throws none
      throw new InternalSqlException("CREATE MATERIALIZED VIEW " + def.name(), e);
    } finally {
      lock.unlock();
    }
  }

  private static String where(Database db, ExternalSchemaDef schema) {
    SourceConfig c = db.options().sourceDefaults();
    return "endpoint " + c.endpoint().orElse("(AWS default)") + ", region "
        + (schema.region() != null ? schema.region() : c.region().orElse("(AWS default)"));
  }

  /** DISTKEY/SORTKEY entries as column names; ordinals (DISTKEY(6), as the Redshift tutorial writes) allowed. */
  static List<String> columnNames(ObjectNames.Local view, String clause, SqlNodeList keys,
                                          List<ColumnDef> columns) {
    List<String> out = new ArrayList<>();
    if (keys == null) {
      return out;
    }
    for (SqlNode k : keys) {
      String col;
      if (k instanceof SqlLiteral lit) {
        int ordinal = lit.intValue(true);
        if (ordinal < 1 || ordinal > columns.size()) {
          throw new StreamViewException(ErrorCode.VALIDATION_ERROR, "materialized view " + view.name() + ": "
              + clause + " position " + ordinal + " is out of range; the view has " + columns.size() + " columns");
        }
        col = columns.get(ordinal - 1).name();
      } else {
        col = ((SqlIdentifier) k).getSimple();
        String c = col;
        if (columns.stream().noneMatch(d -> d.name().equals(c))) {
          throw new StreamViewException(ErrorCode.UNDEFINED_COLUMN, "materialized view " + view.name() + ": "
              + clause + " column \"" + col + "\" is not a column of the view");
        }
      }
      out.add(col);
    }
    return out;
  }

  static void refresh(Database db, SqlRefreshMaterializedView node) {
    MaterializedViewDef mv = require(db.catalog().current(), node.name);
    if (node.cascade) {
      CascadeRefresh.refreshDependencies(db, mv, RefreshType.MANUAL);
    }
    StatementCancellation cancel = StatementCancellation.current(); // Statement.cancel() and the query timeout
    RefreshHistory.run(db, mv, RefreshType.MANUAL, cancel,
        cancelled -> refresh(db, mv, cancelled)); // recorded for the refresh system views
    if (cancel.isCanceled()) {
      throw new StreamViewException(ErrorCode.QUERY_CANCELED, "canceling statement due to user request: REFRESH "
          + "MATERIALIZED VIEW " + mv.name() + " was canceled by " + cancel.reason() + "; the batches read before "
          + "it stopped are committed in the view, and the next REFRESH reads on from there");
    }
  }

  /** One refresh of {@code mv}: REFRESH MATERIALIZED VIEW's, and the auto-refresh threads' (AutoRefreshCommands). */
  static RefreshResult refresh(Database db, MaterializedViewDef mv, BooleanSupplier cancelled) {
    if (!mv.isStreaming()) {
      return RecomputedViewCommands.refresh(db, mv);
    }
    CatalogSnapshot catalog = db.catalog().current();
    ExternalSchemaDef schema = catalog.externalSchemas().get(mv.sourceSchema());
    if (schema == null) {
      throw new StreamViewException(ErrorCode.UNDEFINED_SCHEMA, mv.sourceSchema());
    }
    // the compiled pipeline is kept from one refresh to the next (ViewPipelineCache); it is used, replaced and
    // closed under the view's refresh lock, which RefreshExecutor takes again (re-entrantly)
    ViewPipelineCache pipelines = ViewPipelineCache.of(db);
    ReentrantLock lock = db.refreshLock(ViewPipelineCache.refreshLockName(mv));
    lock.lock();
    try {
      boolean failed = true;
      try {
        ViewPipeline pipeline = pipelines.acquire(mv, ViewPipelineCache.Definition.of(mv, schema),
            () -> ViewPipelines.open(db, analyze(mv, catalog), mv.columns()));
        RefreshResult result = new RefreshExecutor(db).refresh(mv, schema, pipeline, cancelled);
        failed = false;
        return result;
      } finally {
        pipelines.release(mv, failed);
      }
    } catch (SQLException e) {
      throw new InternalSqlException("REFRESH MATERIALIZED VIEW " + mv.name(), e);
    } finally {
      lock.unlock();
    }
  }

  private static StreamingQuery analyze(MaterializedViewDef mv, CatalogSnapshot catalog) {
    try {
      return StreamingQueryAnalyzer.analyze(mv.name(), SqlParsing.parse(mv.sql()), catalog);
    } catch (SqlParseException e) {
      throw new StreamViewException(ErrorCode.INTERNAL_ERROR, e, "stored query of " + mv.name() + " does not parse");
    }
  }

  static void alter(Database db, SqlAlterMaterializedView node) {
    AutoRefreshCommands.alter(db, require(db.catalog().current(), node.name), node.autoRefresh);
  }

  private static MaterializedViewDef require(CatalogSnapshot catalog, SqlIdentifier id) {
    ObjectNames.Local name = ObjectNames.local(id, catalog);
    ObjectNames.Kind kind = ObjectNames.kindOf(catalog, name);
    if (kind == null) {
      throw new StreamViewException(ErrorCode.UNDEFINED_TABLE, name.name());
    }
    if (kind != ObjectNames.Kind.MATERIALIZED_VIEW) {
      throw new StreamViewException(ErrorCode.WRONG_OBJECT_TYPE, name.name(), kind.article,
          "a materialized view's name (REFRESH and ALTER MATERIALIZED VIEW apply to materialized views only)");
    }
    return catalog.materializedViews().get(name.qualified());
  }
}
