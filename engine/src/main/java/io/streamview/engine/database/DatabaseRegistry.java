package io.streamview.engine.database;

import java.util.HashMap;
import java.util.Map;

/**
 * The databases open in this JVM, shared by their connections. A directory database closes (and releases its
 * lock) when its last connection closes; a named in-memory database lives until the JVM ends; a private one
 * closes with its connection.
 */
public final class DatabaseRegistry {

  public static final DatabaseRegistry INSTANCE = new DatabaseRegistry();

  private final Map<String, Entry> open = new HashMap<>();

  private DatabaseRegistry() {
  }

  private static final class Entry {
    final Database database;
    int users;

    Entry(Database database) {
      this.database = database;
    }
  }

  /** Opens or joins the database at {@code location}; pair with {@link #release}. */
  public synchronized Database acquire(DatabaseLocation location, DatabaseOptions options) {
    if (location.key().isEmpty()) {
      return Database.open(location, options);
    }
    String key = location.key().get();
    Entry e = open.get(key);
    if (e == null || e.database.isClosed()) {
      e = new Entry(Database.open(location, options));
      open.put(key, e);
    }
    e.users++;
    return e.database;
  }

  /** A connection to {@code database} has closed. */
  public synchronized void release(Database database) {
    DatabaseLocation location = database.location();
    if (location.key().isEmpty()) {
      database.close();
      return;
    }
    Entry e = open.get(location.key().get());
    if (e == null || e.database != database) {
      return;
    }
    e.users--;
    if (e.users <= 0 && location instanceof DatabaseLocation.Directory) {
      open.remove(location.key().get());
      database.close();
    }
  }
}
