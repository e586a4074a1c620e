package io.streamview.engine.table;

import io.streamview.catalog.CatalogSnapshot;
import io.streamview.catalog.MaterializedViewDef;
import io.streamview.catalog.TableDef;
import io.streamview.catalog.ViewDef;
import io.streamview.engine.database.Database;
import io.streamview.engine.system.SystemTables;

import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.ViewTable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local schema ({@code public}) read live from the catalog: plain tables and materialized views as tables,
 * views as Calcite {@link ViewTable}s typed by the catalog (expanded with the querying connection's parser), and in
 * {@code public} the system tables ({@link SystemTables}). Nothing is cached here, so DDL of one connection is seen by
 * all at once.
 */
public final class CatalogSchema extends AbstractSchema {

  /** The schema that also lists the system tables, so that queries name them unqualified. */
  public static final String SYSTEM_TABLES_SCHEMA = "public";

  private final Database database;
  private final String schemaName;

  public CatalogSchema(Database database, String schemaName) {
    this.database = database;
    this.schemaName = schemaName;
  }

  @Override protected Map<String, Table> getTableMap() {
    CatalogSnapshot snapshot = database.catalog().current();
    Map<String, Table> tables = new LinkedHashMap<>();
    if (schemaName.equals(SYSTEM_TABLES_SCHEMA)) {
      tables.putAll(SystemTables.of(database)); // first, so that a user's table of the same name replaces one
    }
    for (TableDef t : snapshot.tables().values()) {
      if (t.schema().equals(schemaName)) {
        tables.put(t.name(), new StoredTable(t, database.storage().store(t.storeName()))); // opened on first use
      }
    }
    for (ViewDef v : snapshot.views().values()) {
      if (v.schema().equals(schemaName)) {
        tables.put(v.name(), new ViewTable(Object[].class, tf -> RedshiftTypes.toRowType(tf, v.columns()), v.sql(),
            List.of(schemaName), List.of(schemaName, v.name())));
      }
    }
    for (MaterializedViewDef mv : snapshot.materializedViews().values()) {
      if (mv.schema().equals(schemaName)) {
        // its store is opened on first use, and found again in the catalog by each run of a plan holding the table
        tables.put(mv.name(), new MaterializedViewTable(database, mv));
      }
    }
    return tables;
  }

  public Database database() {
    return database;
  }

  @Override public boolean isMutable() {
    return true;
  }
}
