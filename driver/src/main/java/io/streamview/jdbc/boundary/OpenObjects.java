package io.streamview.jdbc.boundary;

import io.streamview.jdbc.error.ErrorCode;
import io.streamview.jdbc.error.StreamViewException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;

/**
 * The check every boundary proxy makes before a call: the connection is open (else SQLState 08003) and the
 * statement or result set itself is open (else 55000), with a message naming the object and the method. The methods
 * JDBC lets closed objects answer pass unchecked.
 */
final class OpenObjects {

  /** What a closed object still answers. */
  private static final Set<String> ANSWERED_WHEN_CLOSED = Set.of("close", "isClosed", "isValid", "unwrap",
      "isWrapperFor", "abort");

  private OpenObjects() {
  }

  /**
   * Throws if {@code method} may not be called on {@code target} (of type {@code iface}, described as
   * {@code description}) because it or its connection is closed.
   */
  static void require(ConnectionState state, Class<?> iface, Object target, java.lang.reflect.Method m,
                      String description) throws java.sql.SQLException {
    String method = m.getName();
    if (ANSWERED_WHEN_CLOSED.contains(method)
        || !java.util.Arrays.asList(m.getExceptionTypes()).contains(java.sql.SQLException.class)) {
      return; // allowed when closed, or a method that cannot fail (getDriverMajorVersion...)
    }
    String call = iface.getSimpleName() + "." + method + "()";
    if (state.isClosed()) {
      String message = iface == Connection.class
          ? "the connection " + state + " is closed: cannot call " + call + "; open a new connection"
          : "the connection of " + description + " is closed: cannot call " + call + "; open a new connection";
      if (method.equals("setClientInfo")) {
        throw new SQLClientInfoException(message, ErrorCode.CONNECTION_CLOSED.sqlState(), Map.of());
      }
      throw new StreamViewException(ErrorCode.CONNECTION_CLOSED, message);
    }
    if (target instanceof Statement s && s.isClosed()) {
      throw new StreamViewException(ErrorCode.OBJECT_CLOSED, "the statement is closed: cannot call " + call + " on "
          + description + "; create a new statement");
    }
    if (target instanceof ResultSet r && r.isClosed()) {
      throw new StreamViewException(ErrorCode.OBJECT_CLOSED, "the result set is closed: cannot call " + call + " on "
          + description + "; read a result set before closing it or its statement");
    }
  }
}
