package io.streamview.jdbc.boundary;

import io.streamview.engine.database.Database;
import io.streamview.jdbc.ConnectionDatabases;

import org.apache.calcite.jdbc.CalciteConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

/** What the proxies of one connection share: the Calcite connection, the database, the user's proxy. */
final class ConnectionState {

  private final Connection calcite;
  private final Database database;
  private final Runnable onClose;
  private final AtomicBoolean closed = new AtomicBoolean();
  private Connection proxy;
  private final java.util.Properties clientInfo = new java.util.Properties();
  /**
   * Held while Calcite registers or drops a statement of this connection: it numbers statements with a plain counter
   * and keeps them in a plain map, so statements created, prepared or closed from several threads at once could
   * share an id or lose an entry.
   */
  private final Object statementRegistry = new Object();

  ConnectionState(Connection calcite, Database database, Runnable onClose) {
    this.calcite = calcite;
    this.database = database;
    this.onClose = onClose;
  }

  Connection calcite() {
    return calcite;
  }

  Database database() {
    return database;
  }

  /** The client info properties set on the connection (guard with the object's monitor). */
  java.util.Properties clientInfo() {
    return clientInfo;
  }

  /** The monitor to hold while Calcite creates, prepares or closes a statement of this connection. */
  Object statementRegistry() {
    return statementRegistry;
  }

  Connection proxy() {
    return proxy;
  }

  void setProxy(Connection proxy) {
    this.proxy = proxy;
  }

  /** Brings the connection's schemas up to date with the catalog (other connections may have run DDL). */
  void syncSchemas() throws SQLException {
    if (!closed.get()) {
      ConnectionDatabases.sync(calcite.unwrap(CalciteConnection.class).getRootSchema());
    }
  }

  void close() throws SQLException {
    if (closed.compareAndSet(false, true)) {
      try {
        calcite.close();
      } finally {
        onClose.run();
      }
    }
  }

  boolean isClosed() {
    return closed.get();
  }

  @Override public String toString() {
    return "StreamViewConnection[" + database.location().describe() + (closed.get() ? ", closed" : "") + "]";
  }
}
