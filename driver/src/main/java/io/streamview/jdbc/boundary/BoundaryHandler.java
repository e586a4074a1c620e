package io.streamview.jdbc.boundary;

import io.streamview.jdbc.cancel.StatementCancellation;
import io.streamview.jdbc.error.SqlExceptionMapper;
import io.streamview.jdbc.meta.StreamViewMetaData;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUpdate;

/**
 * The invocation handler of every boundary proxy (connection, statements, result sets, metadata). It cleans SQL
 * text, keeps schemas current, defers DDL in {@code prepareStatement}, wraps returned JDBC objects, and converts
 * every exception with {@link SqlExceptionMapper}.
 */
final class BoundaryHandler implements InvocationHandler {

  private final Object target;
  private final Class<?> iface;
  private final ConnectionState state;
  /** The SQL text of a prepared statement, else null. */
  private final String sql;
  /** A statement's executions (cancel, query timeout), else null. */
  private final Executions executions;
  /** A result set's execution: once canceled, no further row; else null. */
  private final StatementCancellation execution;
  private String description;
  /** The update count of the last UPDATE run through this statement, or -1. */
  private long updateCount = -1;

  BoundaryHandler(Object target, Class<?> iface, ConnectionState state) {
    this(target, iface, state, null, null);
  }

  private BoundaryHandler(Object target, Class<?> iface, ConnectionState state, String sql,
                          StatementCancellation execution) {
    this.target = target;
    this.iface = iface;
    this.state = state;
    this.sql = sql;
    this.executions = Statement.class.isAssignableFrom(iface) ? new Executions() : null;
    this.execution = execution;
  }

  /** How messages and toString name the object (a handler serves one proxy, so it is computed once). */
  private String describe(Object proxy) {
    if (iface == Connection.class) {
      return state.toString();
    }
    String d = description;
    if (d == null) {
      d = "StreamView" + iface.getSimpleName() + (sql != null ? "[" + ParameterIndexes.abbreviate(sql) + "]"
          : "@" + Integer.toHexString(System.identityHashCode(proxy)));
      description = d;
    }
    return d;
  }

  @Override public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    Object common = ProxyMethods.answer(proxy, method, args, target, () -> describe(proxy));
    if (common != ProxyMethods.NOT_HANDLED) {
      return common;
    }
    if (executions != null) {
      switch (name) {
        case "cancel" -> {
          try {
            OpenObjects.require(state, iface, target, method, () -> describe(proxy));
          } catch (RuntimeException e) {
            throw SqlExceptionMapper.toSqlException(e);
          }
          executions.cancel();
          return null;
        }
        case "close" -> executions.close();
        default -> {
          if (name.startsWith("execute")) {
            return execute(proxy, method, args);
          }
        }
      }
    }
    if (execution != null && name.equals("next") && execution.isCanceled()) {
      throw SqlExceptionMapper.toSqlException(Executions.canceled(execution, "the query"));
    }
    return dispatch(proxy, method, args);
  }

  /** A statement's execute method, with a fresh cancellation made current for the DDL it may run. */
  private Object execute(Object proxy, Method method, Object[] args) throws Throwable {
    int timeout = 0;
    try {
      timeout = ((Statement) target).getQueryTimeout();
    } catch (SQLException e) {
      // closed: dispatch reports it
    }
    StatementCancellation token = executions.start(timeout);
    try (StatementCancellation.Scope scope = StatementCancellation.enter(token)) {
      Object result = dispatch(proxy, method, args);
      if (token.isCanceled()) {
        if (result instanceof ResultSet rs) {
          rs.close();
        }
        throw SqlExceptionMapper.toSqlException(Executions.canceled(token, describe(proxy)));
      }
      return result;
    }
  }

  private Object dispatch(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    try {
      OpenObjects.require(state, iface, target, method, () -> describe(proxy));
      if (iface == Connection.class) {
        if (name.equals("close")) {
          state.close();
          return null;
        }
        if (name.equals("isClosed")) {
          return state.isClosed();
        }
        Object extra = ConnectionExtras.answer(state, name, args);
        if (extra != ConnectionExtras.NOT_HANDLED) {
          return extra;
        }
      }
      if (args != null && args.length > 0 && args[0] instanceof String sql && takesSql(name)) {
        args = args.clone();
        args[0] = SqlText.clean(sql);
        if (iface == Connection.class && (name.equals("prepareStatement") || name.equals("prepareCall"))) {
          state.syncSchemas();
          SqlNode parsed = SqlText.parseOrNull((String) args[0]);
          if (parsed instanceof SqlUpdate update) {
            return UpdatePreparedStatement.create(UpdateCommand.of(update, state.database()), state);
          }
          PreparedStatement deferred = DeferredDdlStatement.ifDdl(parsed, (String) args[0], state);
          if (deferred != null) {
            return deferred;
          }
        }
        if (iface != Connection.class && name.startsWith("execute") && SqlText.mayBeUpdate((String) args[0])
            && SqlText.parseOrNull((String) args[0]) instanceof SqlUpdate update) {
          state.syncSchemas();
          UpdateCommand command = UpdateCommand.of(update, state.database());
          try (PreparedStatement select = state.calcite().prepareStatement(command.selectSql())) {
            updateCount = command.apply(select, state.database());
          }
          return switch (name) {
            case "executeUpdate" -> (int) updateCount;
            case "executeLargeUpdate" -> updateCount;
            case "executeQuery" -> throw new java.sql.SQLException("UPDATE returns no result set; use executeUpdate()",
                "42000");
            default -> false;
          };
        }
      }
      if (updateCount >= 0 && iface != Connection.class) {
        switch (name) {
          case "getUpdateCount":
            return (int) updateCount;
          case "getLargeUpdateCount":
            return updateCount;
          case "getResultSet":
            return null;
          case "getMoreResults":
            updateCount = -1;
            return false;
          default:
            if (name.startsWith("execute") || name.equals("close")) {
              updateCount = -1;
            }
        }
      }
      if (needsSchemas(name) && !executesItsPlan(args)) {
        state.syncSchemas();
      }
      Object result;
      if (changesStatementRegistry(name)) {
        synchronized (state.statementRegistry()) {
          result = method.invoke(target, args);
        }
      } else {
        result = method.invoke(target, args);
      }
      return wrapResult(method, result, proxy, args);
    } catch (InvocationTargetException e) {
      if (sql != null && name.startsWith("set") && args != null && args.length > 0 && args[0] instanceof Integer i
          && target instanceof PreparedStatement ps) {
        SQLException outOfRange = ParameterIndexes.check(ps, i, sql);
        if (outOfRange != null) {
          throw outOfRange;
        }
      }
      throw SqlExceptionMapper.toSqlException(e.getCause());
    } catch (java.sql.SQLClientInfoException e) {
      throw e; // what setClientInfo may throw, as it is
    } catch (SQLException e) {
      throw SqlExceptionMapper.toSqlException(e);
    } catch (Throwable t) {
      if (Arrays.asList(method.getExceptionTypes()).contains(SQLException.class)) {
        throw SqlExceptionMapper.toSqlException(t);
      }
      throw t;
    }
  }

  /** Whether Calcite adds or removes one of the connection's statements in this call. */
  private boolean changesStatementRegistry(String name) {
    return iface == Connection.class
        ? name.equals("createStatement") || name.equals("prepareStatement") || name.equals("prepareCall")
        : name.equals("close") && target instanceof Statement;
  }

  private static boolean takesSql(String name) {
    return name.startsWith("execute") || name.equals("addBatch") || name.startsWith("prepare")
        || name.equals("nativeSQL");
  }

  /**
   * Whether this call runs a prepared statement's plan, made when it was prepared: nothing is planned, so the
   * connection's schemas need no sync (saves a catalog look-up and two locks on each execution).
   */
  private boolean executesItsPlan(Object[] args) {
    return (iface == PreparedStatement.class || iface == CallableStatement.class) && (args == null || args.length == 0);
  }

  private static boolean needsSchemas(String name) {
    return name.startsWith("execute") || name.equals("getMetaData") || name.equals("createStatement");
  }

  private Object wrapResult(Method method, Object result, Object proxy, Object[] args) {
    String text = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
    if (result == null) {
      return null;
    }
    Class<?> rt = method.getReturnType();
    if (rt == Connection.class) {
      return state.proxy();
    }
    if (rt == CallableStatement.class) {
      return wrap(result, CallableStatement.class, text);
    }
    if (rt == PreparedStatement.class) {
      return wrap(result, PreparedStatement.class, text);
    }
    if (rt == Statement.class) {
      if (iface == Statement.class || iface == PreparedStatement.class || iface == CallableStatement.class) {
        return proxy;
      }
      return wrap(result, Statement.class);
    }
    if (rt == ResultSet.class) {
      return wrap(result, ResultSet.class);
    }
    if (rt == DatabaseMetaData.class) {
      return wrap(StreamViewMetaData.of((DatabaseMetaData) result, state.database(), state.proxy()),
          DatabaseMetaData.class);
    }
    return result;
  }

  private Object wrap(Object target, Class<?> type) {
    return wrap(target, type, null);
  }

  private Object wrap(Object target, Class<?> type, String text) {
    StatementCancellation of = type == ResultSet.class && executions != null ? executions.running() : null;
    BoundaryHandler handler = new BoundaryHandler(target, type, state, text, of);
    try {
      return PROXY_CONSTRUCTORS.get(type).newInstance(handler);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot make the boundary proxy of " + type.getName(), e);
    }
  }

  /**
   * The constructor of the proxy class of each JDBC interface, found once: a result set is wrapped on every
   * execution, and {@code Proxy.newProxyInstance} looks the class up again each time.
   */
  private static final ClassValue<Constructor<?>> PROXY_CONSTRUCTORS = new ClassValue<>() {
    @Override protected Constructor<?> computeValue(Class<?> type) {
      Object probe = Proxy.newProxyInstance(BoundaryHandler.class.getClassLoader(), new Class<?>[] {type},
          (p, m, a) -> null);
      try {
        return probe.getClass().getConstructor(InvocationHandler.class);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(e);
      }
    }
  };
}
