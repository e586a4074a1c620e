package io.streamview.jdbc.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every method of a closed Connection, Statement, PreparedStatement (query, DDL and UPDATE), ResultSet and
 * DatabaseMetaData of a closed connection, called with plain arguments: each either answers (the methods JDBC allows
 * on closed objects) or throws an SQLException with SQLState 08003 (connection closed) or 55000 (statement or result
 * set closed) whose message names the object; nothing else escapes.
 */
class ClosedObjectMisuseTest {

  /** Methods JDBC lets a closed object answer. */
  private static final Set<String> ALLOWED_ON_CLOSED = Set.of("close", "isClosed", "isValid", "unwrap",
      "isWrapperFor", "getConnection", "closeOnCompletion", "isCloseOnCompletion", "abort", "setClientInfo",
      "getClientInfo");

  @Test
  void closedConnection() throws Exception {
    Connection c = DriverManager.getConnection("jdbc:streamview:mem:");
    c.close();
    c.close(); // closing twice is fine
    assertTrue(c.isClosed());
    SQLException e = assertThrows(SQLException.class, c::createStatement);
    assertEquals("08003", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("connection") && e.getMessage().contains("closed"), e.getMessage());
    List<String> bad = callEverything(c, Connection.class, "connection", Set.of("08003"));
    assertTrue(bad.isEmpty(), String.join("\n", bad));
  }

  @Test
  void closedStatementsAndResultSets() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:")) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE t (a INTEGER, b VARCHAR(5))");
        s.execute("INSERT INTO t VALUES (1, 'x'), (2, 'y')");
      }
      Statement s = c.createStatement();
      ResultSet rs = s.executeQuery("SELECT a, b FROM t");
      rs.next();
      rs.close();
      List<String> bad = new ArrayList<>(callEverything(rs, ResultSet.class, "result set", Set.of("55000")));
      ResultSet open = s.executeQuery("SELECT a FROM t");
      s.close();
      assertTrue(open.isClosed(), "closing a statement closes its result set");
      bad.addAll(callEverything(open, ResultSet.class, "result set", Set.of("55000")));
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1"));
      assertEquals("55000", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("statement is closed"), e.getMessage());
      bad.addAll(callEverything(s, Statement.class, "statement", Set.of("55000")));
      for (String sql : List.of("SELECT a FROM t WHERE a = ?", "CREATE TABLE u (a INTEGER)",
          "UPDATE t SET b = 'z' WHERE a = ?")) {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.close();
        bad.addAll(callEverything(ps, PreparedStatement.class, "statement", Set.of("55000")));
      }
      assertTrue(bad.isEmpty(), String.join("\n", bad));
    }
  }

  @Test
  void objectsOfAClosedConnection() throws Exception {
    Connection c = DriverManager.getConnection("jdbc:streamview:mem:");
    DatabaseMetaData md = c.getMetaData();
    Statement s = c.createStatement();
    PreparedStatement ps = c.prepareStatement("SELECT ? + 1");
    ResultSet rs = c.createStatement().executeQuery("SELECT 1");
    c.close();
    List<String> bad = new ArrayList<>();
    bad.addAll(callEverything(md, DatabaseMetaData.class, "connection", Set.of("08003")));
    bad.addAll(callEverything(s, Statement.class, "", Set.of("08003", "55000")));
    bad.addAll(callEverything(ps, PreparedStatement.class, "", Set.of("08003", "55000")));
    bad.addAll(callEverything(rs, ResultSet.class, "", Set.of("08003", "55000")));
    SQLException e = assertThrows(SQLException.class, () -> md.getTables(null, null, "%", null));
    assertEquals("08003", e.getSQLState(), e.getMessage());
    assertTrue(bad.isEmpty(), String.join("\n", bad));
  }

  /** Calls each public method of {@code type} on {@code target}; what went wrong, one line each. */
  private static List<String> callEverything(Object target, Class<?> type, String names, Set<String> states) {
    List<String> bad = new ArrayList<>();
    for (Method m : type.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) {
        continue;
      }
      String what = type.getSimpleName() + "." + m.getName() + List.of(m.getParameterTypes()).stream()
          .map(Class::getSimpleName).toList();
      try {
        m.invoke(target, arguments(m));
      } catch (InvocationTargetException ite) {
        Throwable t = ite.getCause();
        if (!(t instanceof SQLException e)) {
          bad.add(what + ": " + t);
        } else if (e instanceof java.sql.SQLFeatureNotSupportedException) {
          continue; // unsupported whether closed or not
        } else if (ALLOWED_ON_CLOSED.contains(m.getName())) {
          if (e.getSQLState() == null || e.getSQLState().length() != 5) {
            bad.add(what + ": SQLState " + e.getSQLState() + " " + e.getMessage());
          }
        } else if (!states.contains(e.getSQLState()) || e.getMessage() == null || !e.getMessage().contains(names)
            || !e.getMessage().contains("closed")) {
          bad.add(what + ": " + e.getSQLState() + " " + e.getMessage());
        }
      } catch (ReflectiveOperationException e) {
        bad.add(what + ": cannot call: " + e);
      }
    }
    return bad;
  }

  private static Object[] arguments(Method m) {
    Class<?>[] p = m.getParameterTypes();
    Object[] args = new Object[p.length];
    for (int i = 0; i < p.length; i++) {
      Class<?> t = p[i];
      if (t == int.class) {
        args[i] = 1;
      } else if (t == long.class) {
        args[i] = 1L;
      } else if (t == boolean.class) {
        args[i] = false;
      } else if (t == short.class) {
        args[i] = (short) 1;
      } else if (t == byte.class) {
        args[i] = (byte) 1;
      } else if (t == float.class) {
        args[i] = 1f;
      } else if (t == double.class) {
        args[i] = 1d;
      } else if (t == String.class) {
        args[i] = m.getName().startsWith("prepare") || m.getName().startsWith("execute")
            || m.getName().equals("addBatch") || m.getName().equals("nativeSQL") ? "SELECT 1" : "a";
      } else if (t == Class.class) {
        args[i] = Object.class;
      } else if (t == int[].class) {
        args[i] = new int[] {1};
      } else if (t == String[].class) {
        args[i] = new String[] {"a"};
      } else if (t == Object[].class) {
        args[i] = new Object[0];
      } else {
        args[i] = null;
      }
    }
    return args;
  }
}
