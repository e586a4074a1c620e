package io.streamview.jdbc.superpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.jdbc.ResultRows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/** SUPER navigation, casts, comparisons and functions through JDBC on an in-memory database. */
class SuperNavigationJdbcTest {

  private static final String ROW1 = """
      {"event":"click","customer":{"id":7,"Name":"Ann"},"items":[{"sku":"a1","qty":2},{"sku":"b2","qty":1}],
       "price":"12.50","n":6,"CamelCase":"cc","A":"HELLO","a":"123","ok":true,"gone":null}""";
  private static final String ROW2 = """
      {"event":"view","customer":{"id":"8"},"items":[],"price":3.25,"n":3.5,"ok":false}""";

  private String url;
  private Connection c;
  private Statement s;

  @BeforeEach
  void fill() throws SQLException {
    url = "jdbc:streamview:mem:super_" + UUID.randomUUID().toString().replace("-", "");
    c = DriverManager.getConnection(url);
    s = c.createStatement();
    s.execute("CREATE TABLE t (id INT, payload SUPER)");
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, json_parse(CAST(? AS VARCHAR(1000))))")) {
      ps.setInt(1, 1);
      ps.setString(2, ROW1);
      ps.executeUpdate();
      ps.setInt(1, 2);
      ps.setString(2, ROW2);
      ps.executeUpdate();
    }
  }

  @AfterEach
  void close() throws SQLException {
    c.close();
  }

  private List<String> rows(String sql) throws SQLException {
    return rows(s, sql);
  }

  private static List<String> rows(Statement st, String sql) throws SQLException {
    return ResultRows.query(st, sql);
  }

  @Test
  void dotAndBracketNavigation() throws SQLException {
    assertEquals(List.of("1 | 7 | \"a1\" | {\"sku\":\"b2\",\"qty\":1} | \"cc\" | null",
            "2 | \"8\" | null | null | null | null"),
        rows("SELECT id, payload.customer.id, t.payload.items[0].sku, payload.items[1], payload.\"CamelCase\", "
            + "payload.missing.deeper FROM t ORDER BY 1"));
  }

  @Test
  void navigationResultsAreSuperAndNamedByTheirLastAttribute() throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT payload.customer.id, payload.items[0].sku, payload.items[0], "
        + "payload.items[0].qty::int FROM t")) {
      ResultSetMetaData md = rs.getMetaData();
      assertEquals("id", md.getColumnLabel(1));
      assertEquals("sku", md.getColumnLabel(2));
      assertEquals("items", md.getColumnLabel(3));
      assertEquals(16_777_216, md.getPrecision(1), "SUPER is VARCHAR(16777216) inside");
      assertEquals(16_777_216, md.getPrecision(2));
      assertEquals(java.sql.Types.INTEGER, md.getColumnType(4));
    }
    s.execute("CREATE TABLE shredded AS SELECT id, payload.customer AS customer FROM t");
    assertEquals(List.of("1 | 7"), rows("SELECT id, customer.id FROM shredded WHERE id = 1"));
  }

  @Test
  void jsonNullIsASuperValueAndAMissingPathIsSqlNull() throws SQLException {
    assertEquals(List.of("null | null | false | true"),
        rows("SELECT json_typeof(payload.gone), json_typeof(payload.missing), payload.gone IS NULL, "
            + "payload.missing IS NULL FROM t WHERE id = 1"));
  }

  @Test
  void attributesAreCaseInsensitiveByDefault() throws SQLException {
    // Redshift's example: {"A":"HELLO","a":"123"}: col.A folds to a; a quoted "A" keeps its case
    assertEquals(List.of("\"123\" | \"123\" | \"HELLO\" | \"Ann\" | \"cc\""),
        rows("SELECT payload.A, payload.a, payload.\"A\", payload.customer.name, payload.camelcase FROM t "
            + "WHERE id = 1"));
  }

  @Test
  void setEnableCaseSensitiveSuperAttributeIsPerConnection() throws SQLException {
    s.execute("SET enable_case_sensitive_super_attribute TO true");
    assertEquals(List.of("null | \"Ann\" | null | \"cc\""), rows("SELECT payload.customer.name, "
        + "payload.customer.\"Name\", payload.camelcase, payload.\"CamelCase\" FROM t WHERE id = 1"));
    try (Connection other = DriverManager.getConnection(url); Statement o = other.createStatement()) {
      assertEquals(List.of("\"Ann\""), rows(o, "SELECT payload.customer.name FROM t WHERE id = 1"));
    }
    s.execute("RESET enable_case_sensitive_super_attribute");
    assertEquals(List.of("\"Ann\""), rows("SELECT payload.customer.name FROM t WHERE id = 1"));
    s.execute("SET enable_case_sensitive_super_attribute = on");
    assertEquals(List.of("null"), rows("SELECT payload.customer.name FROM t WHERE id = 1"));
    SQLException bad = assertThrows(SQLException.class,
        () -> s.execute("SET enable_case_sensitive_super_attribute TO sometimes"));
    assertEquals("22023", bad.getSQLState());
  }

  @Test
  void castsReadTheDynamicType() throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT payload.price::float, payload.price::decimal(10,2), "
        + "payload.customer.id::bigint, payload.n::int, payload.event::varchar, payload.ok::boolean, "
        + "payload.customer::varchar, payload.gone::int, payload.items::int FROM t ORDER BY id")) {
      assertTrue(rs.next());
      assertEquals(12.5, rs.getDouble(1));
      assertEquals(new BigDecimal("12.50"), rs.getBigDecimal(2));
      assertEquals(7L, rs.getLong(3));
      assertEquals(6, rs.getInt(4));
      assertEquals("click", rs.getString(5));
      assertTrue(rs.getBoolean(6));
      assertNull(rs.getString(7), "an object cast to VARCHAR is NULL");
      assertNull(rs.getObject(8), "JSON null cast to INT is NULL");
      assertNull(rs.getObject(9), "an array cast to INT is NULL");
      assertTrue(rs.next());
      assertEquals(3.25, rs.getDouble(1));
      assertEquals(8L, rs.getLong(3), "the JSON string \"8\" casts to 8");
      assertEquals(4, rs.getInt(4), "3.5 rounds half away from zero");
      assertFalse(rs.getBoolean(6));
      assertFalse(rs.next());
    }
  }

  @Test
  void comparisonsUseTheDynamicType() throws SQLException {
    assertEquals(List.of("1"), rows("SELECT id FROM t WHERE payload.event = 'click'"));
    assertEquals(List.of("2"), rows("SELECT id FROM t WHERE 'click' <> payload.event"));
    assertEquals(List.of("1"), rows("SELECT id FROM t WHERE payload.n > 5"));
    assertEquals(List.of("2"), rows("SELECT id FROM t WHERE 5 > payload.n"));
    assertEquals(List.of("2"), rows("SELECT id FROM t WHERE payload.n = 3.50"));
    assertEquals(List.of("1"), rows("SELECT id FROM t WHERE payload.items[0].qty >= 2"));
    assertEquals(List.of("1"), rows("SELECT id FROM t WHERE payload.ok = true"));
    // "8" is a string: it does not equal the number 8 (dynamic typing), but casts to it
    assertEquals(List.of(), rows("SELECT id FROM t WHERE payload.customer.id = 8"));
    assertEquals(List.of("2"), rows("SELECT id FROM t WHERE payload.customer.id::int = 8"));
    assertEquals(List.of("1", "2"), rows("SELECT id FROM t WHERE payload.event IN ('click', 'view') ORDER BY id"));
    assertEquals(List.of("2"), rows("SELECT id FROM t WHERE payload.event NOT IN ('click')"));
    assertEquals(List.of("2"), rows("SELECT id FROM t WHERE payload.n BETWEEN 3 AND 4"));
    assertEquals(List.of("1"), rows("SELECT id FROM t WHERE payload.n NOT BETWEEN 3 AND 4"));
    assertEquals(List.of("2"), rows("SELECT id FROM t WHERE payload.event LIKE 'v%'"));
    assertEquals(List.of("1"), rows("SELECT id FROM t WHERE payload.items[0] = payload.items[0] "
        + "AND payload.items[0] <> payload.items[1]"));
    assertEquals(List.of("click | true", "view | false"),
        rows("SELECT payload.event::varchar, payload.n > 5 FROM t ORDER BY id"));
  }

  @Test
  void comparisonsWithParameters() throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM t WHERE payload.event = ? OR payload.n > ?")) {
      ps.setString(1, "view");
      ps.setInt(2, 100);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(2, rs.getInt(1));
        assertFalse(rs.next());
      }
    }
  }

  @Test
  void typeFunctionsOnNavigation() throws SQLException {
    assertEquals(List.of("object | array | string | number | boolean | 2 | true | false | true | false | true"),
        rows("SELECT json_typeof(payload.customer), json_typeof(payload.items), json_typeof(payload.event), "
            + "json_typeof(payload.n), json_typeof(payload.ok), get_array_length(payload.items), "
            + "is_object(payload.customer), is_array(payload.customer), is_varchar(payload.price), "
            + "is_float(payload.n), is_integer(payload.n) FROM t WHERE id = 1"));
    assertEquals(List.of("true | false | true"),
        rows("SELECT is_decimal(payload.n), is_bigint(payload.n), is_scalar(payload.n) FROM t WHERE id = 2"));
  }

  @Test
  void groupOrderAndAggregateByNavigation() throws SQLException {
    s.execute("INSERT INTO t VALUES (3, json_parse('{\"event\":\"click\",\"n\":1}'))");
    assertEquals(List.of("\"click\" | 2 | 7", "\"view\" | 1 | 4"),
        rows("SELECT payload.event, count(*), sum(payload.n::int) FROM t GROUP BY payload.event "
            + "ORDER BY payload.event::varchar"));
    assertEquals(List.of("\"click\" | 2"),
        rows("SELECT payload.event, count(*) FROM t GROUP BY payload.event HAVING count(*) > 1"));
    assertEquals(List.of("click | 2 | 7", "view | 1 | 4"),
        rows("SELECT payload.event::varchar AS e, count(*), sum(payload.n::int) FROM t GROUP BY 1 ORDER BY 1"));
    assertEquals(List.of("\"click\" | 2"),
        rows("SELECT payload.event AS e, count(*) FROM t GROUP BY e HAVING e = 'click'"));
    assertEquals(List.of("7 | 1", "\"8\" | 1", "null | 1"),
        rows("SELECT payload.customer.id, count(*) FROM t GROUP BY 1 ORDER BY payload.customer.id::int"));
  }

  @Test
  void joinsSubqueriesAndViews() throws SQLException {
    s.execute("CREATE TABLE u (name VARCHAR(10), doc SUPER)");
    s.execute("INSERT INTO u VALUES ('ann', json_parse('{\"customer_id\":7}'))");
    assertEquals(List.of("ann | \"a1\""), rows("SELECT u.name, t.payload.items[0].sku FROM t JOIN u "
        + "ON t.payload.customer.id = u.doc.customer_id"));
    assertEquals(List.of("7"), rows("SELECT x.p.customer.id FROM (SELECT payload AS p FROM t) x "
        + "WHERE x.p.event = 'click'"));
    assertEquals(List.of("1"), rows("SELECT id FROM t WHERE payload.customer.id IN "
        + "(SELECT doc.customer_id FROM u)"));
    s.execute("CREATE VIEW clicks AS SELECT id, payload.customer.id AS customer, payload.items[0].sku "
        + "FROM t WHERE payload.event = 'click'");
    assertEquals(List.of("1 | 7 | \"a1\""), rows("SELECT * FROM clicks"));
    assertEquals(List.of("1"), rows("SELECT id FROM clicks WHERE customer = 7"));
  }

  @Test
  void runTimeSubscripts() throws SQLException {
    assertEquals(List.of("\"b2\" | \"click\""),
        rows("SELECT payload.items[id].sku, payload['event'] FROM t WHERE id = 1"));
  }

  @Test
  void navigationOnAnExpression() throws SQLException {
    assertEquals(List.of("\"x\" | 2"),
        rows("SELECT json_parse('{\"a\":{\"b\":[\"x\"]}}').a.b[0], json_parse('[1,2]')[1]"));
  }

  @Test
  void updateWithNavigation() throws SQLException {
    s.execute("CREATE TABLE n (id INT, qty INT)");
    s.execute("INSERT INTO n VALUES (1, 0)");
    assertEquals(1, s.executeUpdate("UPDATE n SET qty = (SELECT payload.items[0].qty::int FROM t WHERE t.id = 1)"));
    assertEquals(List.of("2"), rows("SELECT qty FROM n"));
  }

  @Test
  void aPathBecomesOneNavigationThatReadsTheTextOnce() throws SQLException {
    String plan = String.join("\n", rows("EXPLAIN PLAN FOR SELECT t.payload.items[0].sku FROM t"));
    assertTrue(plan.contains("'[\"items\",0,\"sku\"]'"), plan);
    assertEquals(1, plan.split("sv_navigate", -1).length - 1, plan);
  }

  @Test
  void reservedWordsAfterADot() throws SQLException {
    s.execute("INSERT INTO t VALUES (3, json_parse('{\"value\":1,\"user\":{\"date\":\"2024-01-02\",\"count\":3},"
        + "\"from\":\"x\",\"order\":[{\"value\":2}]}'))");
    assertEquals(List.of("1 | 2024-01-02 | 3 | \"x\" | 2"), rows("SELECT t.payload.value, payload.user.date::date, "
        + "payload.user.count, payload.from, payload.order[0].\"value\" FROM t WHERE id = 3"));
  }

  @Test
  void navigatingANonSuperColumnIsAnUnknownColumn() {
    SQLException e = assertThrows(SQLException.class, () -> rows("SELECT t.id.x FROM t"));
    assertEquals("42703", e.getSQLState(), e.getMessage());
  }
}
