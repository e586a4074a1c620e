package io.streamview.jdbc.ddl;

import io.streamview.engine.database.Database;
import io.streamview.engine.table.CatalogSchema;
import io.streamview.jdbc.error.ErrorCode;
import io.streamview.jdbc.error.StreamViewException;

import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;

/** The database a DDL statement runs against, found through the local schema of Calcite's prepare context. */
final class DdlContext {

  private DdlContext() {
  }

  static Database database(CalcitePrepare.Context context) {
    CalciteSchema local = context.getRootSchema().getSubSchema(ObjectNames.LOCAL_SCHEMA, true);
    if (local != null && local.schema instanceof CatalogSchema c) {
      return c.database();
    }
    throw new StreamViewException(ErrorCode.INTERNAL_ERROR, "the connection has no local schema");
  }
}
