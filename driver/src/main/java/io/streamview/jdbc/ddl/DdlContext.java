package io.streamview.jdbc.ddl;

import io.streamview.engine.database.Database;
import io.streamview.jdbc.ConnectionDatabases;

import org.apache.calcite.jdbc.CalcitePrepare;

/** The database a DDL statement runs against, found from Calcite's prepare context. */
final class DdlContext {

  private DdlContext() {
  }

  static Database database(CalcitePrepare.Context context) {
    return ConnectionDatabases.of(context.getRootSchema().plus());
  }
}
