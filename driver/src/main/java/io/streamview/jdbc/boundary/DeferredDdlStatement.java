package io.streamview.jdbc.boundary;

import io.streamview.jdbc.cancel.StatementCancellation;
import io.streamview.jdbc.error.ErrorCode;
import io.streamview.jdbc.error.SqlExceptionMapper;
import io.streamview.jdbc.error.StreamViewException;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A {@link PreparedStatement} for a DDL statement (CREATE, DROP, REFRESH…): Calcite would run DDL while preparing
 * it, so the statement is kept as text and run by a plain {@link Statement} each time it is executed. DDL takes no
 * parameters.
 */
final class DeferredDdlStatement implements InvocationHandler {

  private final String sql;
  private final ConnectionState state;
  private final Statement statement;
  private int batched;
  private final Executions executions = new Executions();

  private DeferredDdlStatement(String sql, ConnectionState state, Statement statement) {
    this.sql = sql;
    this.state = state;
    this.statement = statement;
  }

  /** A deferred statement if {@code sql} is DDL, else null. */
  static PreparedStatement ifDdl(org.apache.calcite.sql.SqlNode parsed, String sql, ConnectionState state)
      throws SQLException {
    if (!SqlText.isDdl(parsed)) {
      return null;
    }
    Statement s = state.calcite().createStatement();
    return (PreparedStatement) Proxy.newProxyInstance(DeferredDdlStatement.class.getClassLoader(),
        new Class<?>[] {PreparedStatement.class}, new DeferredDdlStatement(sql, state, s));
  }

  @Override public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    Object common = ProxyMethods.answer(proxy, method, args, statement, () -> "StreamViewPreparedStatement[" + sql + "]");
    if (common != ProxyMethods.NOT_HANDLED) {
      return common;
    }
    try {
      OpenObjects.require(state, PreparedStatement.class, statement, method,
          () -> "StreamViewPreparedStatement[" + ParameterIndexes.abbreviate(sql) + "]");
      boolean noArgs = args == null || args.length == 0;
      if (name.equals("cancel")) {
        executions.cancel();
        return null;
      }
      if (name.equals("close")) {
        executions.close();
      }
      StatementCancellation token = name.startsWith("execute") ? executions.start(statement.getQueryTimeout()) : null;
      try (StatementCancellation.Scope scope = token != null ? StatementCancellation.enter(token) : () -> { }) {
      switch (name) {
        case "execute":
          if (noArgs) {
            state.syncSchemas();
            statement.execute(sql);
            return false;
          }
          break;
        case "executeUpdate":
        case "executeLargeUpdate":
          if (noArgs) {
            state.syncSchemas();
            statement.execute(sql);
            return name.equals("executeUpdate") ? (Object) 0 : (Object) 0L;
          }
          break;
        case "executeQuery":
          if (noArgs) {
            throw new StreamViewException(ErrorCode.VALIDATION_ERROR,
                "statement returns no result set: " + sql + "; use execute() or executeUpdate()");
          }
          break;
        case "addBatch":
          if (noArgs) {
            batched++;
            return null;
          }
          break;
        case "executeBatch":
        case "executeLargeBatch": {
          int n = batched;
          batched = 0;
          state.syncSchemas();
          for (int i = 0; i < n; i++) {
            statement.execute(sql);
          }
          return name.equals("executeBatch") ? (Object) new int[n] : (Object) new long[n];
        }
        case "clearParameters":
        case "clearBatch":
          batched = 0;
          return null;
        case "getMetaData":
          return null;
        case "getParameterMetaData":
          return noParameters();
        case "getConnection":
          return state.proxy();
        default:
          if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer i) {
            throw ParameterIndexes.outOfRange(i, 0, sql);
          }
      }
      }
      return method.invoke(statement, args);
    } catch (InvocationTargetException e) {
      throw SqlExceptionMapper.toSqlException(e.getCause());
    } catch (Throwable t) {
      throw SqlExceptionMapper.toSqlException(t);
    }
  }

  private static ParameterMetaData noParameters() {
    return (ParameterMetaData) Proxy.newProxyInstance(DeferredDdlStatement.class.getClassLoader(),
        new Class<?>[] {ParameterMetaData.class}, (p, m, a) -> switch (m.getName()) {
          case "getParameterCount" -> 0;
          case "isWrapperFor" -> false;
          case "toString" -> "ParameterMetaData[0 parameters]";
          case "hashCode" -> System.identityHashCode(p);
          case "equals" -> p == a[0];
          default -> throw new SQLException("the statement has no parameters", "07009");
        });
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
