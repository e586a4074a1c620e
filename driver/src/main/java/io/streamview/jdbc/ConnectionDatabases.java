package io.streamview.jdbc;

import io.streamview.engine.database.Database;
import io.streamview.jdbc.error.ErrorCode;
import io.streamview.jdbc.error.StreamViewException;

import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.SchemaPlus;

import java.util.Map;
import java.util.WeakHashMap;

/** Which database a Calcite connection (or its root schema) belongs to. */
public final class ConnectionDatabases {

  private static final Map<CalciteSchema, Database> BY_ROOT = new WeakHashMap<>();

  private ConnectionDatabases() {
  }

  static synchronized void bind(CalciteConnection connection, Database db) {
    BY_ROOT.put(CalciteSchema.from(connection.getRootSchema()), db);
  }

  /** The database of the connection whose root schema is {@code root}. */
  public static synchronized Database of(SchemaPlus root) {
    return of(CalciteSchema.from(root));
  }

  /** The database of the connection whose root schema is {@code root}. */
  public static synchronized Database of(CalciteSchema root) {
    Database db = BY_ROOT.get(root.root());
    if (db == null) {
      throw new StreamViewException(ErrorCode.INTERNAL_ERROR, "no database bound to this connection");
    }
    return db;
  }

  /** Brings the connection's schemas up to date with the catalog. */
  public static void sync(SchemaPlus root) {
    SchemaSync.sync(root, of(root));
  }
}
