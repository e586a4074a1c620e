package com.example.clicks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.StreamViewTest;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

@StreamViewTest
class ClickCountTest {

  @Test
  void countsClicksPerUserAcrossTwoRefreshes(Connection db, KinesisTestStreams kinesis) throws Exception {
    String stream = kinesis.create("clicks", 2);              // "clicks-<random>", ACTIVE on return
    kinesis.putStrings(stream,
        "{\"user_id\":\"ann\",\"page\":\"/home\"}",
        "{\"user_id\":\"bob\",\"page\":\"/cart\"}",
        "{\"user_id\":\"ann\",\"page\":\"/cart\"}");

    try (Statement s = db.createStatement()) {
      s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
      s.execute("CREATE MATERIALIZED VIEW clicks AS "
          + "SELECT json_extract_path_text(from_varbyte(kinesis_data, 'utf-8'), 'user_id') AS user_id "
          + "FROM kds.\"" + stream + "\" WHERE is_valid_json(from_varbyte(kinesis_data, 'utf-8'))");
      s.execute("REFRESH MATERIALIZED VIEW clicks");
      assertEquals(Map.of("ann", 2L, "bob", 1L), countsPerUser(s));

      kinesis.putStrings(stream, "{\"user_id\":\"bob\",\"page\":\"/pay\"}", "not json");
      s.execute("REFRESH MATERIALIZED VIEW clicks");              // reads only the new records
      assertEquals(Map.of("ann", 2L, "bob", 2L), countsPerUser(s));
    }
  }

  private static Map<String, Long> countsPerUser(Statement s) throws Exception {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (ResultSet rs = s.executeQuery(
        "SELECT user_id, COUNT(*) AS n FROM clicks GROUP BY user_id ORDER BY user_id")) {
      while (rs.next()) {
        counts.put(rs.getString("user_id"), rs.getLong("n"));
      }
    }
    return counts;
  }
}
