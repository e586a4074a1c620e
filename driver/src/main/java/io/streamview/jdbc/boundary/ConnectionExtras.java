package io.streamview.jdbc.boundary;

import io.streamview.jdbc.error.ErrorCode;
import io.streamview.jdbc.error.StreamViewException;
import io.streamview.jdbc.meta.StreamViewMetaData;

import java.sql.ClientInfoStatus;
import java.sql.SQLClientInfoException;
import java.util.Map;
import java.util.Properties;

/**
 * Connection methods answered at the boundary for GUIs: client info ({@code ApplicationName}, {@code ClientUser},
 * {@code ClientHostname} are kept; other names are refused with {@link SQLClientInfoException}) and
 * {@code getCatalog}/{@code setCatalog}: the one catalog that {@code DatabaseMetaData.getCatalogs} lists (setting it is
 * a no-op, setting another fails with SQLState 42P01).
 */
final class ConnectionExtras {

  static final Object NOT_HANDLED = new Object();

  private ConnectionExtras() {
  }

  static Object answer(ConnectionState state, String name, Object[] args) throws java.sql.SQLException {
    Properties info = state.clientInfo();
    switch (name) {
      case "getCatalog":
        return StreamViewMetaData.catalogName(state.database());
      case "setCatalog":
        if (args[0] != null && !args[0].equals(StreamViewMetaData.catalogName(state.database()))) {
          throw new StreamViewException(ErrorCode.UNDEFINED_OBJECT, "database \"" + args[0] + "\" does not exist: "
              + "a connection has one catalog, " + StreamViewMetaData.catalogName(state.database()));
        }
        return null;
      case "setClientInfo":
        if (args.length == 1) {
          Properties given = args[0] == null ? new Properties() : (Properties) args[0];
          for (String key : given.stringPropertyNames()) {
            check(key, given.getProperty(key));
          }
          synchronized (info) {
            info.clear();
            info.putAll(given);
          }
        } else {
          check((String) args[0], (String) args[1]);
          synchronized (info) {
            if (args[1] == null) {
              info.remove(args[0]);
            } else {
              info.setProperty((String) args[0], (String) args[1]);
            }
          }
        }
        return null;
      case "getClientInfo":
        synchronized (info) {
          if (args == null || args.length == 0) {
            Properties copy = new Properties();
            copy.putAll(info);
            return copy;
          }
          return info.getProperty((String) args[0]);
        }
      default:
        return NOT_HANDLED;
    }
  }

  private static void check(String key, String value) throws SQLClientInfoException {
    String problem = null;
    if (!StreamViewMetaData.CLIENT_INFO.contains(key)) {
      problem = "unknown client info property " + key + "; known: " + StreamViewMetaData.CLIENT_INFO;
    } else if (value != null && value.length() > StreamViewMetaData.CLIENT_INFO_MAX) {
      problem = "client info " + key + " longer than " + StreamViewMetaData.CLIENT_INFO_MAX + " characters";
    }
    if (problem != null) {
      throw new SQLClientInfoException(problem, "HY024", Map.of(key, ClientInfoStatus.REASON_UNKNOWN_PROPERTY));
    }
  }
}
