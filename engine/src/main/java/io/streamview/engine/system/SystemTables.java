package io.streamview.engine.system;

import io.streamview.engine.database.Database;

import org.apache.calcite.schema.Table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every system table of a database by its lower-case name. They are listed in the local schema ({@code public}), so
 * queries name them unqualified as in Redshift; a table or view the user creates with the same name hides one.
 */
public final class SystemTables {

  /** The one user, as {@code CURRENT_USER} names it; owner of every view. */
  static final String USER_NAME = "sa";
  /** That user's id. */
  static final int USER_ID = 1;

  private static final List<Function<Database, SystemTable>> TABLES = List.of(
      StreamScanStatesTable::of, StreamScanErrorsTable::of, MvInfoTables::stv, MvInfoTables::svv,
      MvRefreshTables::history, MvRefreshTables::status, MvDepsTable::of, StreamLagTable::of);

  private SystemTables() {
  }

  /** The system tables of {@code database}, in a stable order. */
  public static Map<String, Table> of(Database database) {
    Map<String, Table> out = new LinkedHashMap<>();
    for (Function<Database, SystemTable> t : TABLES) {
      SystemTable table = t.apply(database);
      out.put(table.name(), table);
    }
    return out;
  }
}
