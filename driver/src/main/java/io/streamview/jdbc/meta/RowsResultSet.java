package io.streamview.jdbc.meta;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A read-only, forward-only {@link ResultSet} over rows held in memory: what every metadata method returns. Values
 * are converted on read as JDBC drivers do ({@code getInt} of a SMALLINT, {@code getString} of anything).
 */
final class RowsResultSet implements InvocationHandler {

  private final List<MetaColumn> columns;
  private final List<Object[]> rows;
  private final Statement statement;
  private int position = -1;
  private boolean closed;
  private boolean lastWasNull;

  private RowsResultSet(List<MetaColumn> columns, List<Object[]> rows, Statement statement) {
    this.columns = List.copyOf(columns);
    this.rows = new ArrayList<>(rows);
    this.statement = statement;
  }

  /** A result set with these columns and rows (each row has one value per column). */
  static ResultSet of(List<MetaColumn> columns, List<Object[]> rows) {
    for (Object[] row : rows) {
      if (row.length != columns.size()) {
        throw new IllegalArgumentException("row of " + row.length + " values for " + columns.size() + " columns");
      }
    }
    return (ResultSet) Proxy.newProxyInstance(RowsResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class},
        new RowsResultSet(columns, rows, null));
  }

  @Override public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (method.getDeclaringClass() == Object.class) {
      return switch (name) {
        case "toString" -> "StreamViewMetaResultSet" + columns.stream().map(MetaColumn::name).toList();
        case "hashCode" -> System.identityHashCode(proxy);
        case "equals" -> proxy == args[0];
        default -> throw new IllegalStateException(name);
      };
    }
    switch (name) {
      case "close":
        closed = true;
        return null;
      case "isClosed":
        return closed;
      case "unwrap":
        if (((Class<?>) args[0]).isInstance(proxy)) {
          return proxy;
        }
        throw new SQLException("not a wrapper for " + args[0]);
      case "isWrapperFor":
        return ((Class<?>) args[0]).isInstance(proxy);
      case "getMetaData":
        return metaData();
      case "findColumn":
        return column((String) args[0]);
      case "getStatement":
        return statement;
      case "getType":
        return ResultSet.TYPE_FORWARD_ONLY;
      case "getConcurrency":
        return ResultSet.CONCUR_READ_ONLY;
      case "getHoldability":
        return ResultSet.HOLD_CURSORS_OVER_COMMIT;
      case "getFetchDirection":
        return ResultSet.FETCH_FORWARD;
      case "getFetchSize":
        return 0;
      case "setFetchSize", "setFetchDirection", "clearWarnings":
        return null;
      case "getWarnings":
        return null;
      default:
        break;
    }
    checkOpen();
    switch (name) {
      case "next":
        if (position < rows.size()) {
          position++;
        }
        return position < rows.size();
      case "getRow":
        return position >= 0 && position < rows.size() ? position + 1 : 0;
      case "isBeforeFirst":
        return position < 0 && !rows.isEmpty();
      case "isAfterLast":
        return position >= rows.size() && !rows.isEmpty();
      case "isFirst":
        return position == 0 && !rows.isEmpty();
      case "isLast":
        return position == rows.size() - 1 && !rows.isEmpty();
      case "wasNull":
        return lastWasNull;
      default:
        break;
    }
    if (name.startsWith("get") && args != null && args.length >= 1
        && (args[0] instanceof Integer || args[0] instanceof String)) {
      int index = args[0] instanceof Integer i ? i : column((String) args[0]);
      Object value = value(index);
      lastWasNull = value == null;
      Class<?> wanted = name.equals("getObject") && args.length == 2 && args[1] instanceof Class<?> c ? c : null;
      return convert(name, value, wanted, method.getReturnType());
    }
    throw new SQLFeatureNotSupportedException("a metadata result set is read-only and forward-only: " + name);
  }

  private void checkOpen() throws SQLException {
    if (closed) {
      throw new SQLException("result set is closed", "24000");
    }
  }

  private int column(String label) throws SQLException {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equalsIgnoreCase(label)) {
        return i + 1;
      }
    }
    throw new SQLException("no column " + label + " in " + columns.stream().map(MetaColumn::name).toList(), "42703");
  }

  private Object value(int index) throws SQLException {
    if (position < 0 || position >= rows.size()) {
      throw new SQLException("no current row: call next() first", "24000");
    }
    if (index < 1 || index > columns.size()) {
      throw new SQLException("column index " + index + " out of range 1.." + columns.size(), "07009");
    }
    return rows.get(position)[index - 1];
  }

  private static Object convert(String getter, Object v, Class<?> wanted, Class<?> returnType) throws SQLException {
    if (wanted != null) {
      return v == null ? null : convertTo(v, wanted);
    }
    switch (getter) {
      case "getObject":
        return v;
      case "getString", "getNString":
        return v == null ? null : v.toString();
      default:
        break;
    }
    if (returnType.isPrimitive()) {
      if (v == null) {
        return returnType == boolean.class ? (Object) false : zero(returnType);
      }
      return convertTo(v, box(returnType));
    }
    return v == null ? null : convertTo(v, returnType);
  }

  private static Object zero(Class<?> primitive) {
    if (primitive == int.class) {
      return 0;
    }
    if (primitive == long.class) {
      return 0L;
    }
    if (primitive == short.class) {
      return (short) 0;
    }
    if (primitive == byte.class) {
      return (byte) 0;
    }
    if (primitive == double.class) {
      return 0d;
    }
    return 0f;
  }

  private static Class<?> box(Class<?> primitive) {
    if (primitive == int.class) {
      return Integer.class;
    }
    if (primitive == long.class) {
      return Long.class;
    }
    if (primitive == short.class) {
      return Short.class;
    }
    if (primitive == byte.class) {
      return Byte.class;
    }
    if (primitive == double.class) {
      return Double.class;
    }
    if (primitive == float.class) {
      return Float.class;
    }
    return Boolean.class;
  }

  private static Object convertTo(Object v, Class<?> c) throws SQLException {
    if (c.isInstance(v)) {
      return v;
    }
    if (c == String.class) {
      return v.toString();
    }
    if (c == Boolean.class) {
      if (v instanceof Number n) {
        return n.intValue() != 0;
      }
      String s = v.toString().trim().toLowerCase(Locale.ROOT);
      return s.equals("true") || s.equals("t") || s.equals("yes") || s.equals("1");
    }
    Number n;
    if (v instanceof Number number) {
      n = number;
    } else if (v instanceof Boolean b) {
      n = b ? 1 : 0;
    } else {
      try {
        n = new BigDecimal(v.toString().trim());
      } catch (NumberFormatException e) {
        throw new SQLException("cannot convert '" + v + "' to " + c.getSimpleName(), "22018");
      }
    }
    if (c == Integer.class) {
      return n.intValue();
    }
    if (c == Long.class) {
      return n.longValue();
    }
    if (c == Short.class) {
      return n.shortValue();
    }
    if (c == Byte.class) {
      return n.byteValue();
    }
    if (c == Double.class) {
      return n.doubleValue();
    }
    if (c == Float.class) {
      return n.floatValue();
    }
    if (c == BigDecimal.class) {
      return new BigDecimal(n.toString());
    }
    throw new SQLException("cannot convert " + v.getClass().getSimpleName() + " to " + c.getName(), "22018");
  }

  private ResultSetMetaData metaData() {
    return (ResultSetMetaData) Proxy.newProxyInstance(RowsResultSet.class.getClassLoader(),
        new Class<?>[] {ResultSetMetaData.class}, (p, m, a) -> {
          String n = m.getName();
          if (m.getDeclaringClass() == Object.class) {
            return switch (n) {
              case "toString" -> "StreamViewMetaResultSetMetaData";
              case "hashCode" -> System.identityHashCode(p);
              case "equals" -> p == a[0];
              default -> throw new IllegalStateException(n);
            };
          }
          if (n.equals("getColumnCount")) {
            return columns.size();
          }
          if (n.equals("unwrap")) {
            if (((Class<?>) a[0]).isInstance(p)) {
              return p;
            }
            throw new SQLException("not a wrapper for " + a[0]);
          }
          if (n.equals("isWrapperFor")) {
            return ((Class<?>) a[0]).isInstance(p);
          }
          int i = (Integer) a[0];
          if (i < 1 || i > columns.size()) {
            throw new SQLException("column index " + i + " out of range 1.." + columns.size(), "07009");
          }
          MetaColumn c = columns.get(i - 1);
          return switch (n) {
            case "getColumnName", "getColumnLabel" -> c.name();
            case "getColumnType" -> c.type();
            case "getColumnTypeName" -> c.typeName();
            case "getColumnClassName" -> c.className();
            case "isNullable" -> ResultSetMetaData.columnNullable;
            case "getPrecision" -> c.type() == java.sql.Types.VARCHAR ? 65535 : 0;
            case "getScale" -> 0;
            case "getColumnDisplaySize" -> c.type() == java.sql.Types.VARCHAR ? 128 : 11;
            case "getTableName", "getSchemaName", "getCatalogName" -> "";
            case "isAutoIncrement", "isCurrency", "isWritable", "isDefinitelyWritable", "isSearchable" -> false;
            case "isCaseSensitive" -> c.type() == java.sql.Types.VARCHAR;
            case "isSigned" -> c.type() != java.sql.Types.VARCHAR && c.type() != java.sql.Types.BOOLEAN;
            case "isReadOnly" -> true;
            default -> throw new SQLFeatureNotSupportedException(n);
          };
        });
  }
}
