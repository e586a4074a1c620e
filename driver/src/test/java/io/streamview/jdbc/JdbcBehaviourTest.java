package io.streamview.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/** The driver as a JDBC user meets it: URLs, properties, prepared statements, errors, shared databases. */
class JdbcBehaviourTest {

  @Test
  void theDriverIsFoundByDriverManagerAndListsItsProperties() throws SQLException {
    Driver d = DriverManager.getDriver("jdbc:streamview:mem:");
    assertTrue(d instanceof StreamViewDriver);
    assertFalse(d.acceptsURL("jdbc:postgresql://x"));
    DriverPropertyInfo[] info = d.getPropertyInfo("jdbc:streamview:mem:;awsRegion=eu-west-1", new Properties());
    Set<String> keys = Arrays.stream(info).map(i -> i.name).collect(Collectors.toSet());
    for (ConnectionProperty p : ConnectionProperty.values()) {
      assertTrue(keys.contains(p.key()), p.key());
    }
    assertEquals("eu-west-1", Arrays.stream(info).filter(i -> i.name.equals("awsRegion")).findFirst().orElseThrow().value);
    assertTrue(Arrays.stream(info).allMatch(i -> i.description != null && !i.description.isBlank()));
  }

  @Test
  void badUrlsGiveAClearErrorWithoutTheSecret() {
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
        "jdbc:streamview:mem:;awsSecretAccessKey=TOPSECRET123;awsRegoin=us-east-1"));
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().contains("awsRegoin"), e.getMessage());
    assertFalse(e.getMessage().contains("TOPSECRET123"), e.getMessage());
    SQLException e2 = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:streamview:disk:/x"));
    assertEquals("08001", e2.getSQLState());
    SQLException e3 = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:streamview:mem:;refreshParallelism=0"));
    assertEquals("22023", e3.getSQLState());
  }

  @Test
  void credentialsNeverShowInToString() throws SQLException {
    try (Connection c = DriverManager.getConnection(
        "jdbc:streamview:mem:;awsAccessKeyId=AKIAEXAMPLEKEY1;awsSecretAccessKey=TOPSECRET123")) {
      assertFalse(c.toString().contains("TOPSECRET123"), c.toString());
      assertFalse(c.toString().contains("AKIAEXAMPLEKEY1"), c.toString());
    }
  }

  @Test
  void preparedStatementsRunDdlWhenExecutedAndBindParameters() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:")) {
      PreparedStatement create = c.prepareStatement("CREATE TABLE p (id INTEGER, name VARCHAR(10));");
      // preparing DDL does not run it
      try (Statement s = c.createStatement()) {
        assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM p"));
      }
      assertFalse(create.execute());
      assertEquals(0, create.getParameterMetaData().getParameterCount());
      SQLException noParams = assertThrows(SQLException.class, () -> create.setInt(1, 1));
      assertEquals("07009", noParams.getSQLState());
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO p VALUES (?, ?)")) {
        for (int i = 1; i <= 3; i++) {
          insert.setInt(1, i);
          insert.setString(2, "n" + i);
          assertEquals(1, insert.executeUpdate());
        }
      }
      try (PreparedStatement update = c.prepareStatement("UPDATE p SET name = ? WHERE id >= ?")) {
        update.setString(1, "big");
        update.setInt(2, 2);
        assertEquals(2, update.executeUpdate());
      }
      try (PreparedStatement q = c.prepareStatement("SELECT name, count(*) AS n FROM p WHERE id > ? GROUP BY name ORDER BY name")) {
        q.setInt(1, 0);
        try (ResultSet rs = q.executeQuery()) {
          assertTrue(rs.next());
          assertEquals("big", rs.getString(1));
          assertEquals(2, rs.getInt(2));
          assertTrue(rs.next());
          assertEquals("n1", rs.getString(1));
          assertFalse(rs.next());
        }
      }
      try (PreparedStatement drop = c.prepareStatement("DROP TABLE p")) {
        drop.executeUpdate();
      }
    }
  }

  @Test
  void statementUpdateCountsFollowJdbc() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:"); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE u (id INTEGER)");
      assertEquals(2, s.executeUpdate("INSERT INTO u VALUES (1), (2)"));
      assertFalse(s.execute("UPDATE u SET id = id + 10"));
      assertEquals(2, s.getUpdateCount());
      assertNull(s.getResultSet());
      assertFalse(s.getMoreResults());
      assertEquals(2, s.executeUpdate("DELETE FROM u"));
    }
  }

  @Test
  void namedMemoryDatabasesAreSharedAndPrivateOnesAreNot() throws SQLException {
    try (Connection a = DriverManager.getConnection("jdbc:streamview:mem:shared_one");
         Connection b = DriverManager.getConnection("jdbc:streamview:mem:shared_one");
         Connection p = DriverManager.getConnection("jdbc:streamview:mem:")) {
      a.createStatement().execute("CREATE TABLE s (x INTEGER)");
      a.createStatement().execute("INSERT INTO s VALUES (7)");
      try (ResultSet rs = b.createStatement().executeQuery("SELECT x FROM s")) {
        assertTrue(rs.next());
        assertEquals(7, rs.getInt(1));
      }
      SQLException e = assertThrows(SQLException.class, () -> p.createStatement().executeQuery("SELECT x FROM s"));
      assertEquals("42P01", e.getSQLState());
    }
  }

  @Test
  void closedObjectsAndBadSqlGiveSqlExceptions() throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:streamview:mem:");
    Statement s = c.createStatement();
    SQLException syntax = assertThrows(SQLException.class, () -> s.execute("CREATE MATERIALIZED VIEW AS SELECT"));
    assertEquals("42601", syntax.getSQLState());
    c.close();
    assertTrue(c.isClosed());
    SQLException closed = assertThrows(SQLException.class, () -> c.createStatement());
    assertNotNull(closed.getSQLState());
    c.close();
  }
}
