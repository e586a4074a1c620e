package io.streamview.jdbc.superpath;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamview.jdbc.ResultRows;
import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.WithKinesis;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;

/**
 * Navigation in materialized views over a real stream: in the streaming view's own definition (on the JSON_PARSE of
 * the record, with casts and a filter), and in views and queries over a view's SUPER column.
 */
@WithKinesis
class SuperMaterializedViewTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void streamingViewsNavigateTheirPayload(KinesisEndpoint endpoint, KinesisTestStreams streams) throws SQLException {
    String stream = streams.create("super-nav", 2);
    streams.putRecords(stream, List.of(
        utf8("{\"event\":\"click\",\"customer\":{\"id\":7},\"items\":[{\"sku\":\"a1\"}],\"price\":12.50}"),
        utf8("{\"event\":\"view\",\"customer\":{\"id\":\"8\"},\"items\":[]}"),
        utf8("{\"Event\":\"click\",\"customer\":{\"Id\":9},\"items\":[{\"sku\":\"c3\"},{\"sku\":\"d4\"}]}"),
        utf8("not json"),
        utf8("[1,2]")));
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:super-mv" + endpoint.jdbcProperties());
         Statement s = c.createStatement()) {
      s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
      s.execute("CREATE MATERIALIZED VIEW clicks AS SELECT JSON_PARSE(kinesis_data).customer.id::int AS customer_id, "
          + "JSON_PARSE(kinesis_data).items[0].sku AS first_sku, "
          + "JSON_PARSE(kinesis_data).price::decimal(10,2) AS price "
          + "FROM kds.\"" + stream + "\" WHERE JSON_PARSE(kinesis_data).event = 'click'");
      s.execute("REFRESH MATERIALIZED VIEW clicks");
      try (ResultSet rs = s.executeQuery("SELECT * FROM clicks ORDER BY customer_id")) {
        ResultSetMetaData md = rs.getMetaData();
        assertEquals(Types.INTEGER, md.getColumnType(1));
        assertEquals(16_777_216, md.getPrecision(2), "first_sku is SUPER");
        assertEquals(Types.DECIMAL, md.getColumnType(3));
        assertEquals(List.of("7 | \"a1\" | 12.50", "9 | \"c3\" | null"), rows(rs));
      }

      s.execute("CREATE MATERIALIZED VIEW events AS SELECT sequence_number, JSON_PARSE(kinesis_data) AS payload "
          + "FROM kds.\"" + stream + "\" WHERE CAN_JSON_PARSE(kinesis_data)");
      s.execute("REFRESH MATERIALIZED VIEW events");
      try (ResultSet rs = s.executeQuery("SELECT payload.event::varchar AS event, count(*), "
          + "sum(get_array_length(payload.items)) FROM events WHERE is_object(payload) GROUP BY 1 ORDER BY 1")) {
        assertEquals(List.of("click | 2 | 3", "view | 1 | 0"), rows(rs));
      }
      s.execute("CREATE VIEW viewers AS SELECT payload.customer.id AS customer FROM events "
          + "WHERE payload.event = 'view'");
      try (ResultSet rs = s.executeQuery("SELECT customer, customer::int + 1 FROM viewers")) {
        assertEquals(List.of("\"8\" | 9"), rows(rs));
      }
    }
  }

  private static List<String> rows(ResultSet rs) throws SQLException {
    return ResultRows.of(rs);
  }
}
