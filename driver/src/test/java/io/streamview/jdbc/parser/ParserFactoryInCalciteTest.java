package io.streamview.jdbc.parser;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs queries through plain Calcite JDBC with StreamView's parser plugged in by the
 * {@code parserFactory} property: the Redshift type names and "::" must get past validation and
 * code generation, not only the parser.
 */
class ParserFactoryInCalciteTest {
  private static Connection connect() throws Exception {
    final Properties info = new Properties();
    info.setProperty("parserFactory",
        "io.streamview.jdbc.parser.impl.StreamViewParserImpl#FACTORY");
    info.setProperty("lex", "ORACLE");
    info.setProperty("unquotedCasing", "TO_LOWER");
    info.setProperty("quotedCasing", "UNCHANGED");
    info.setProperty("caseSensitive", "true");
    info.setProperty("conformance", "LENIENT");
    return DriverManager.getConnection("jdbc:calcite:", info);
  }

  @Test void infixCastAndRedshiftTypesExecute() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT '41'::integer + 1 AS a, "
             + "CAST(7 AS INT8) AS b, CAST('x' AS TEXT) AS c, '2.5'::float8 AS d, "
             + "CAST(1 AS BOOL) AS e, CAST('ab' AS NVARCHAR(5)) AS f, "
             + "'2024-01-02 03:04:05'::timestamp AS g, 3::int2 AS h")) {
      assertTrue(rs.next());
      assertEquals(42, rs.getInt("a"));
      assertEquals(7L, rs.getLong("b"));
      assertEquals("x", rs.getString("c"));
      assertEquals(2.5d, rs.getDouble("d"));
      assertTrue(rs.getBoolean("e"));
      assertEquals("ab", rs.getString("f"));
      assertEquals("2024-01-02 03:04:05", rs.getString("g"));
      assertEquals(3, rs.getShort("h"));
    }
  }

  @Test void keywordColumnNamesExecute() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT data, region, super, backup FROM "
             + "(VALUES (1, 'us', 2, 3)) AS t (data, region, super, backup)")) {
      assertTrue(rs.next());
      assertEquals(1, rs.getInt("data"));
      assertEquals("us", rs.getString("region"));
      assertEquals(2, rs.getInt("super"));
      assertEquals(3, rs.getInt("backup"));
    }
  }
}
