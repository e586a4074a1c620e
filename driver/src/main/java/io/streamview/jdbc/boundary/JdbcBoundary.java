package io.streamview.jdbc.boundary;

import io.streamview.engine.database.Database;

import java.lang.reflect.Proxy;
import java.sql.Connection;

/** Wraps a Calcite connection so that everything reached through it passes the JDBC boundary. */
public final class JdbcBoundary {

  private JdbcBoundary() {
  }

  /**
   * Makes the JDK proxy classes of the boundary (connection, statements, result sets) ahead of a first connection,
   * e.g. while the driver's warm-up thread is busy with Calcite; this refers to no Calcite class.
   */
  public static void prepareProxyClasses() {
    Proxy.newProxyInstance(JdbcBoundary.class.getClassLoader(), new Class<?>[] {Connection.class},
        (p, m, a) -> null);
    BoundaryHandler.prepareProxyClasses();
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
