package io.streamview.jdbc.boundary;

import io.streamview.jdbc.error.ErrorCode;
import io.streamview.jdbc.error.StreamViewException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The check every boundary proxy makes before a call: the connection is open (else SQLState 08003) and the
 * statement or result set itself is open (else 55000), with a message naming the object and the method. The methods
 * JDBC lets closed objects answer pass unchecked.
 */
final class OpenObjects {

  /** What a closed object still answers. */
  private static final Set<String> ANSWERED_WHEN_CLOSED = Set.of("close", "isClosed", "isValid", "unwrap",
      "isWrapperFor", "abort");

  /** The methods of a JDBC interface that declare SQLException (looked up once per interface, not per call). */
  private static final ClassValue<Set<java.lang.reflect.Method>> THROWS_SQL_EXCEPTION = new ClassValue<>() {
    @Override protected Set<java.lang.reflect.Method> computeValue(Class<?> type) {
      Set<java.lang.reflect.Method> methods = new java.util.HashSet<>();
      for (java.lang.reflect.Method m : type.getMethods()) {
        if (java.util.Arrays.asList(m.getExceptionTypes()).contains(java.sql.SQLException.class)) {
          methods.add(m);
        }
      }
      return Set.copyOf(methods);
    }
  };

  private OpenObjects() {
  }

  /**
   * Throws if {@code method} may not be called on {@code target} (of type {@code iface}, described as
   * {@code description}) because it or its connection is closed. Whether anything is closed is asked first: on the
   * usual path (all open) the method itself is not looked up, nor the description made.
   */
  static void require(ConnectionState state, Class<?> iface, Object target, java.lang.reflect.Method m,
                      Supplier<String> description) throws java.sql.SQLException {
    boolean connectionClosed = state.isClosed();
    boolean statementClosed = !connectionClosed && target instanceof Statement s && s.isClosed();
    boolean resultSetClosed = !connectionClosed && !statementClosed && target instanceof ResultSet r && r.isClosed();
    if (!connectionClosed && !statementClosed && !resultSetClosed) {
      return;
    }
    String method = m.getName();
    if (ANSWERED_WHEN_CLOSED.contains(method) || !THROWS_SQL_EXCEPTION.get(m.getDeclaringClass()).contains(m)) {
      return; // allowed when closed, or a method that cannot fail (getDriverMajorVersion...)
    }
    String call = iface.getSimpleName() + "." + method + "()";
    if (connectionClosed) {
      String message = iface == Connection.class
          ? "the connection " + state + " is closed: cannot call " + call + "; open a new connection"
          : "the connection of " + description.get() + " is closed: cannot call " + call + "; open a new connection";
      if (method.equals("setClientInfo")) {
        throw new SQLClientInfoException(message, ErrorCode.CONNECTION_CLOSED.sqlState(), Map.of());
      }
      throw new StreamViewException(ErrorCode.CONNECTION_CLOSED, message);
    }
    if (statementClosed) {
      throw new StreamViewException(ErrorCode.OBJECT_CLOSED, "the statement is closed: cannot call " + call + " on "
          + description.get() + "; create a new statement");
    }
    throw new StreamViewException(ErrorCode.OBJECT_CLOSED, "the result set is closed: cannot call " + call + " on "
        + description.get() + "; read a result set before closing it or its statement");
  }
}
