package io.streamview.engine.system;

import io.streamview.catalog.ColumnDef;
import io.streamview.catalog.MaterializedViewDef;
import io.streamview.engine.database.Database;
import io.streamview.engine.database.DatabaseLocation;
import io.streamview.engine.database.DatabaseOptions;
import io.streamview.engine.database.DatabaseRegistry;
import io.streamview.engine.database.ViewRefresher;
import io.streamview.engine.source.SourceConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** In-memory databases and catalog entries for the system-table and auto-refresh tests. */
final class TestDatabases {

  private TestDatabases() {
  }

  static final SourceConfig NO_SOURCE = new SourceConfig(Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), List.of());

  /** A fresh named in-memory database; close it with {@link Database#close()}. */
  static Database open(Duration interval, ViewRefresher refresher) {
    return DatabaseRegistry.INSTANCE.acquire(new DatabaseLocation.NamedMemory("t-" + UUID.randomUUID()),
        new DatabaseOptions(NO_SOURCE, 2, interval, refresher));
  }

  static Database open() {
    return open(Duration.ofSeconds(1), null);
  }

  /** A streaming view over {@code kds.s} in the catalog (no row store is needed by the system tables). */
  static MaterializedViewDef view(String name, boolean autoRefresh) {
    return new MaterializedViewDef("public", name, "SELECT kinesis_data FROM kds.s",
        List.of(new ColumnDef("kinesis_data", "VARBYTE", 1024, -1, true)), "kds", "s", autoRefresh, true, null,
        List.of(), List.of(), "mv_" + name + "_" + UUID.randomUUID(), Instant.now());
  }

  static MaterializedViewDef withAutoRefresh(MaterializedViewDef mv, boolean autoRefresh) {
    return new MaterializedViewDef(mv.schema(), mv.name(), mv.sql(), mv.columns(), mv.sourceSchema(),
        mv.streamName(), autoRefresh, mv.backup(), mv.distStyle(), mv.distKey(), mv.sortKey(), mv.storeName(),
        mv.createdAt());
  }

  static void put(Database db, MaterializedViewDef mv) {
    db.catalog().update(c -> c.withMaterializedView(mv));
  }
}
