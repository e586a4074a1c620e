package io.streamview.jdbc.meta;

import io.streamview.catalog.CatalogSnapshot;
import io.streamview.catalog.ColumnDef;
import io.streamview.catalog.ExternalSchemaDef;
import io.streamview.catalog.MaterializedViewDef;
import io.streamview.catalog.TableDef;
import io.streamview.catalog.ViewDef;
import io.streamview.engine.database.Database;
import io.streamview.engine.system.SystemTables;
import io.streamview.engine.table.CatalogSchema;
import io.streamview.engine.table.RedshiftTypes;
import io.streamview.engine.table.StreamTable;

import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.Table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every schema and relation of a database as metadata sees them, from one catalog snapshot: plain tables
 * ({@code TABLE}), views ({@code VIEW}), streaming materialized views ({@code MATERIALIZED VIEW}), Redshift's system
 * views ({@code SYSTEM VIEW}, in {@code public}, hidden by a user object of the same name) and the Kinesis streams of
 * external schemas that views read or statements named ({@code EXTERNAL TABLE}).
 */
final class CatalogObjects {

  static final String TABLE = "TABLE";
  static final String VIEW = "VIEW";
  static final String MATERIALIZED_VIEW = "MATERIALIZED VIEW";
  static final String SYSTEM_VIEW = "SYSTEM VIEW";
  static final String EXTERNAL_TABLE = "EXTERNAL TABLE";
  /** The table types, in {@code getTableTypes} order. */
  static final List<String> TYPES = List.of(EXTERNAL_TABLE, MATERIALIZED_VIEW, SYSTEM_VIEW, TABLE, VIEW);

  /** A schema and what {@code REMARKS} says of it. */
  record SchemaInfo(String name, String remarks) {
  }

  /** A table-like object with its columns. */
  record Relation(String schema, String name, String type, String remarks, List<ColumnDef> columns,
                  List<String> primaryKey) {
  }

  private final Database database;
  private final RelDataTypeFactory typeFactory;
  private final CatalogSnapshot snapshot;

  CatalogObjects(Database database, RelDataTypeFactory typeFactory) {
    this.database = database;
    this.typeFactory = typeFactory;
    this.snapshot = database.catalog().current();
  }

  /** {@code public}, then the external schemas, by name. */
  List<SchemaInfo> schemas() {
    List<SchemaInfo> out = new ArrayList<>();
    out.add(new SchemaInfo(CatalogSchema.SYSTEM_TABLES_SCHEMA, "local schema: tables, views, materialized views"));
    List<ExternalSchemaDef> external = new ArrayList<>(snapshot.externalSchemas().values());
    external.sort(Comparator.comparing(ExternalSchemaDef::name));
    for (ExternalSchemaDef e : external) {
      out.add(new SchemaInfo(e.name(), e.sourceKind() + " (external schema; IAM_ROLE " + e.iamRole()
          + (e.region() != null ? ", REGION " + e.region() : "") + ")"));
    }
    return out;
  }

  /** Every relation, in no particular order. */
  List<Relation> relations() {
    Map<String, Relation> local = new LinkedHashMap<>();
    for (Map.Entry<String, Table> e : SystemTables.of(database).entrySet()) {
      local.put(CatalogSnapshot.qualifiedName(CatalogSchema.SYSTEM_TABLES_SCHEMA, e.getKey()),
          new Relation(CatalogSchema.SYSTEM_TABLES_SCHEMA, e.getKey(), SYSTEM_VIEW, "Redshift system view",
              columns(e.getValue()), List.of()));
    }
    for (TableDef t : snapshot.tables().values()) {
      local.put(t.qualifiedName(), new Relation(t.schema(), t.name(), TABLE, null, t.columns(), t.primaryKey()));
    }
    for (ViewDef v : snapshot.views().values()) {
      local.put(v.qualifiedName(), new Relation(v.schema(), v.name(), VIEW, null, v.columns(), List.of()));
    }
    for (MaterializedViewDef mv : snapshot.materializedViews().values()) {
      local.put(mv.qualifiedName(), new Relation(mv.schema(), mv.name(), MATERIALIZED_VIEW,
          "streaming materialized view of Kinesis stream " + mv.sourceSchema() + "." + mv.streamName()
              + (mv.autoRefresh() ? " (AUTO REFRESH YES)" : " (AUTO REFRESH NO)"), mv.columns(), List.of()));
    }
    List<Relation> out = new ArrayList<>(local.values());
    for (String schema : snapshot.externalSchemas().keySet()) {
      for (String stream : streams(schema)) {
        out.add(new Relation(schema, stream, EXTERNAL_TABLE, "Kinesis stream (read by REFRESH MATERIALIZED VIEW)",
            columns(new StreamTable(schema, stream)), List.of()));
      }
    }
    return out;
  }

  private Set<String> streams(String schema) {
    Set<String> names = new TreeSet<>(database.notedStreams(schema));
    snapshot.materializedViews().values().stream().filter(mv -> schema.equals(mv.sourceSchema()))
        .forEach(mv -> names.add(mv.streamName()));
    return names;
  }

  private List<ColumnDef> columns(Table table) {
    List<ColumnDef> out = new ArrayList<>();
    for (RelDataTypeField f : table.getRowType(typeFactory).getFieldList()) {
      out.add(RedshiftTypes.toColumnDef(f.getName(), f.getType()));
    }
    return out;
  }
}
