package io.streamview.jdbc.boundary;

import io.streamview.engine.database.Database;

import java.lang.reflect.Proxy;
import java.sql.Connection;

/** Wraps a Calcite connection so that everything reached through it passes the JDBC boundary. */
public final class JdbcBoundary {

  private JdbcBoundary() {
  }

  /**
   * The user's connection.
   *
   * @param onClose runs once, after the connection closes (releases the database)
   */
  public static Connection wrap(Connection calcite, Database database, Runnable onClose) {
    ConnectionState state = new ConnectionState(calcite, database, onClose);
    Connection proxy = (Connection) Proxy.newProxyInstance(JdbcBoundary.class.getClassLoader(),
        new Class<?>[] {Connection.class}, new BoundaryHandler(calcite, Connection.class, state));
    state.setProxy(proxy);
    return proxy;
  }
}
