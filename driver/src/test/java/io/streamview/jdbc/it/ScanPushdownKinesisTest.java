package io.streamview.jdbc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.WithKinesis;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Scans of streaming materialized views with filters pushed into them, and point lookups of aggregating views'
 * groups by their GROUP BY columns (one read of the group's key instead of a scan), give exactly what the same query
 * gives over a plain table holding a copy of the view (which Calcite scans whole and filters itself): literals and
 * {@code ?} parameters of other types and scales, values no key can equal, missing keys, NULL keys and parameters,
 * groups hidden by HAVING, and rows and groups removed by DELETE. Records come from a real Kinesis endpoint.
 */
@WithKinesis
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScanPushdownKinesisTest {

  private static final String JSON = "from_varbyte(kinesis_data, 'utf-8')";
  private static final List<String> VIEWS = List.of("by_user", "by_price", "by_tag_user", "raw");

  private Connection c;
  private Statement s;

  private static String field(String name) {
    return "json_extract_path_text(" + JSON + ", '" + name + "')";
  }

  @BeforeAll
  void open(KinesisEndpoint endpoint, KinesisTestStreams streams) throws Exception {
    String stream = streams.create("pushdown", 2);
    List<PutRecordsRequestEntry> entries = new ArrayList<>();
    String[] prices = {"1.5", "1.50", "2", "0.10", "-3.25", "1.505"};
    String[] tags = {"a", "b", "a ", null};
    for (int i = 0; i < 120; i++) {
      String tag = tags[i % tags.length];
      String body = "{\"u\":" + (i % 13) + ",\"p\":\"" + prices[i % prices.length] + "\""
          + (tag == null ? "" : ",\"t\":\"" + tag + "\"") + "}";
      entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + i)
          .data(SdkBytes.fromString(body, StandardCharsets.UTF_8)).build());
    }
    PutRecordsResponse r = endpoint.client().putRecords(q -> q.streamName(stream).records(entries));
    assertEquals(0, r.failedRecordCount());
    c = DriverManager.getConnection("jdbc:streamview:mem:scan-pushdown" + endpoint.jdbcProperties());
    s = c.createStatement();
    s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
    String from = " FROM kds.\"" + stream + "\"";
    s.execute("CREATE MATERIALIZED VIEW by_user AS SELECT CAST(" + field("u") + " AS INTEGER) AS u, COUNT(*) AS n, "
        + "SUM(CAST(" + field("p") + " AS DECIMAL(10, 2))) AS total" + from + " GROUP BY 1");
    s.execute("CREATE MATERIALIZED VIEW by_price AS SELECT CAST(" + field("p") + " AS DECIMAL(10, 2)) AS price, "
        + "COUNT(*) AS n" + from + " GROUP BY 1");
    s.execute("CREATE MATERIALIZED VIEW by_tag_user AS SELECT " + field("t") + " AS tag, CAST(" + field("u")
        + " AS BIGINT) AS u, COUNT(*) AS n" + from + " GROUP BY " + field("t") + ", CAST(" + field("u")
        + " AS BIGINT) HAVING COUNT(*) >= 3");
    s.execute("CREATE MATERIALIZED VIEW raw AS SELECT CAST(" + field("u") + " AS INTEGER) AS u, " + field("t")
        + " AS tag, partition_key" + from);
    for (String v : VIEWS) {
      s.execute("REFRESH MATERIALIZED VIEW " + v);
    }
    copyViews();
  }

  /** Plain tables holding each view's rows: the reference, scanned whole by Calcite. */
  private void copyViews() throws SQLException {
    for (String v : VIEWS) {
      s.execute("DROP TABLE IF EXISTS ref_" + v);
      s.execute("CREATE TABLE ref_" + v + " AS SELECT * FROM " + v);
    }
  }

  @AfterAll
  void close() throws SQLException {
    if (c != null) {
      c.close();
    }
  }

  private static final String[] WHERE = {
      "u = 7", "u = 7.0", "u = '7'", "u = 7.5", "u = 12", "u = 13", "u = 99999999999", "u = -1", "u = NULL",
      "u IS NULL", "u <> 3", "u >= 11", "u = 7 AND n > 0", "u = 7 AND n = 0", "u = 7 OR u = 8", "u IN (1, 2)",
  };

  private static final String[] PRICE_WHERE = {
      "price = 1.5", "price = 1.50", "price = 1.500", "price = 1.51", "price = 1.505", "price = 2", "price = 2.0",
      "price = 0.1", "price = -3.25", "price = 99", "price > 1", "price = 1.5 AND n > 100",
  };

  private static final String[] TAG_USER_WHERE = {
      "tag = 'a' AND u = 0", "tag = 'a' AND u = 4", "tag = 'a ' AND u = 2", "tag = 'b' AND u = 1",
      "tag = 'a' AND u = 1", "u = 0 AND tag = 'a'", "tag IS NULL AND u = 3", "tag = 'a'", "u = 4",
      "tag = 'nope' AND u = 0", "tag = 'a' AND u = 0.0", "tag = 'a' AND u = 2147483648",
  };

  @Test
  @Order(1)
  void filteredScansAndLookupsMatchTheCopies() throws SQLException {
    compareAll("by_user", "u", WHERE);
    compareAll("by_price", "price", PRICE_WHERE);
    compareAll("by_tag_user", "tag, u", TAG_USER_WHERE);
    compareAll("raw", "partition_key", new String[] {"u = 7", "tag = 'a'", "tag IS NULL", "u = 7 AND tag = 'b'"});
    assertFalse(rows("SELECT * FROM by_user WHERE u = 7").size() < 2, "group 7 exists");
    assertEquals(1, rows("SELECT * FROM by_tag_user WHERE tag = 'a' AND u = 4").size() - 1,
        "a group that passes HAVING is found");
  }

  @Test
  @Order(2)
  void lookupsArePlannedAsOneScanWithTheKeyFilters() throws SQLException {
    String plan = String.join("\n", rows("EXPLAIN PLAN FOR SELECT n, total FROM by_user WHERE u = 7"));
    assertTrue(plan.contains("StoredTableScan(table=[[public, by_user]], filters=[[=($0, 7)]], projects=[[1, 2]])"),
        plan);
    String top = String.join("\n", rows("EXPLAIN PLAN FOR SELECT u, n FROM by_user ORDER BY n DESC, u LIMIT 3"));
    assertTrue(top.contains("EnumerableLimitSort") && !top.contains("EnumerableSort("), top);
  }

  @Test
  @Order(3)
  void preparedLookupsMatchTheCopies() throws SQLException {
    String sql = "SELECT u, n, total FROM by_user WHERE u = ?";
    try (PreparedStatement view = c.prepareStatement(sql);
         PreparedStatement ref = c.prepareStatement(sql.replace("by_user", "ref_by_user"))) {
      for (Object key : new Object[] {0, 7, 12, 13, -1, 7L, (short) 3, new BigDecimal("7"), Integer.MAX_VALUE}) {
        view.setObject(1, key);
        ref.setObject(1, key);
        assertEquals(rows(ref), rows(view), "u = " + key + " (" + key.getClass().getSimpleName() + ")");
      }
      view.setNull(1, java.sql.Types.INTEGER);
      ref.setNull(1, java.sql.Types.INTEGER);
      assertEquals(rows(ref), rows(view), "u = NULL");
      assertEquals(1, rows(view).size(), "u = NULL finds no group");
    }
    String both = "SELECT n FROM by_tag_user WHERE tag = ? AND u = ?";
    try (PreparedStatement view = c.prepareStatement(both);
         PreparedStatement ref = c.prepareStatement(both.replace("by_tag_user", "ref_by_tag_user"))) {
      for (Object[] key : new Object[][] {{"a", 0L}, {"a", 4L}, {"a ", 2L}, {"b", 1L}, {"a", 1L}, {"x", 0L},
          {"a", 0}}) {
        view.setObject(1, key[0]);
        view.setObject(2, key[1]);
        ref.setObject(1, key[0]);
        ref.setObject(2, key[1]);
        assertEquals(rows(ref), rows(view), key[0] + "/" + key[1]);
      }
    }
    String price = "SELECT price, n FROM by_price WHERE price = ?";
    try (PreparedStatement view = c.prepareStatement(price);
         PreparedStatement ref = c.prepareStatement(price.replace("by_price", "ref_by_price"))) {
      for (String p : new String[] {"1.5", "1.50", "1.500", "1.505", "2", "0.1", "-3.25", "7"}) {
        view.setBigDecimal(1, new BigDecimal(p));
        ref.setBigDecimal(1, new BigDecimal(p));
        assertEquals(rows(ref), rows(view), "price = " + p);
      }
    }
  }

  @Test
  @Order(4)
  void deletedGroupsAndRowsAreNotFound() throws SQLException {
    assertEquals(1, s.executeUpdate("DELETE FROM by_user WHERE u = 7"));
    assertEquals(1, s.executeUpdate("DELETE FROM ref_by_user WHERE u = 7"));
    s.executeUpdate("DELETE FROM raw WHERE u = 5 AND tag = 'a'");
    s.executeUpdate("DELETE FROM ref_raw WHERE u = 5 AND tag = 'a'");
    compareAll("by_user", "u", WHERE);
    compareAll("raw", "partition_key", new String[] {"u = 5", "tag = 'a'", "u = 5 AND tag = 'a'"});
    assertEquals(1, rows("SELECT * FROM by_user WHERE u = 7").size(), "the deleted group is gone");
    try (PreparedStatement view = c.prepareStatement("SELECT n FROM by_user WHERE u = ?")) {
      view.setInt(1, 7);
      assertEquals(1, rows(view).size(), "the deleted group is gone for a prepared lookup too");
    }
  }

  private void compareAll(String view, String order, String[] where) throws SQLException {
    for (String w : where) {
      String q = "SELECT * FROM " + view + " WHERE " + w + " ORDER BY " + order;
      List<String> expected = rows(q.replace("FROM " + view, "FROM ref_" + view));
      assertEquals(expected, rows(q), q);
    }
  }

  private List<String> rows(String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      return render(rs);
    }
  }

  private static List<String> rows(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return render(rs);
    }
  }

  private static List<String> render(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    ResultSetMetaData md = rs.getMetaData();
    StringBuilder header = new StringBuilder();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      header.append(md.getColumnLabel(i)).append('|');
    }
    out.add(header.toString());
    while (rs.next()) {
      StringBuilder row = new StringBuilder();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        row.append(rs.getObject(i)).append('|');
      }
      out.add(row.toString());
    }
    return out;
  }
}
