package io.streamview.jdbc.boundary;

import io.streamview.jdbc.error.ErrorCode;
import io.streamview.jdbc.error.SqlExceptionMapper;
import io.streamview.jdbc.error.StreamViewException;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;

/**
 * A {@link PreparedStatement} for an UPDATE ({@link UpdateCommand}): parameters are bound on the prepared select of
 * the matching rows; executing it replaces them. Everything else is the select's statement.
 */
final class UpdatePreparedStatement implements InvocationHandler {

  private final UpdateCommand command;
  private final PreparedStatement select;
  private final ConnectionState state;
  private long lastCount = -1;

  private UpdatePreparedStatement(UpdateCommand command, PreparedStatement select, ConnectionState state) {
    this.command = command;
    this.select = select;
    this.state = state;
  }

  static PreparedStatement create(UpdateCommand command, ConnectionState state) throws java.sql.SQLException {
    PreparedStatement select = state.calcite().prepareStatement(command.selectSql());
    return (PreparedStatement) Proxy.newProxyInstance(UpdatePreparedStatement.class.getClassLoader(),
        new Class<?>[] {PreparedStatement.class}, new UpdatePreparedStatement(command, select, state));
  }

  @Override public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    Object common = ProxyMethods.answer(proxy, method, args, select, () -> "StreamViewPreparedStatement[UPDATE]");
    if (common != ProxyMethods.NOT_HANDLED) {
      return common;
    }
    boolean noArgs = args == null || args.length == 0;
    try {
      OpenObjects.require(state, PreparedStatement.class, select, method, () -> "StreamViewPreparedStatement[UPDATE]");
      switch (name) {
        case "execute", "executeUpdate", "executeLargeUpdate":
          if (noArgs) {
            lastCount = command.apply(select, state.database());
            return switch (name) {
              case "execute" -> false;
              case "executeUpdate" -> (int) lastCount;
              default -> lastCount;
            };
          }
          break;
        case "getUpdateCount":
          return (int) lastCount;
        case "getLargeUpdateCount":
          return lastCount;
        case "getResultSet":
          return null;
        case "getMoreResults":
          lastCount = -1;
          return false;
        case "executeQuery":
          throw new StreamViewException(ErrorCode.VALIDATION_ERROR, "UPDATE returns no result set; use executeUpdate()");
        case "addBatch", "executeBatch", "executeLargeBatch":
          throw new StreamViewException(ErrorCode.FEATURE_NOT_SUPPORTED,
              "batched UPDATE is not supported; call executeUpdate() for each set of parameters");
        case "getMetaData":
          return null;
        case "getConnection":
          return state.proxy();
        default:
          break;
      }
      return method.invoke(select, args);
    } catch (InvocationTargetException e) {
      if (name.startsWith("set") && !noArgs && args[0] instanceof Integer i) {
        java.sql.SQLException outOfRange = ParameterIndexes.check(select, i, command.selectSql());
        if (outOfRange != null) {
          throw outOfRange;
        }
      }
      throw SqlExceptionMapper.toSqlException(e.getCause());
    } catch (Throwable t) {
      throw SqlExceptionMapper.toSqlException(t);
    }
  }
}
