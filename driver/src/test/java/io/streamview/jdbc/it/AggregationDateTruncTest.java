package io.streamview.jdbc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.streamview.jdbc.error.StreamViewException;
import io.streamview.jdbc.function.DateTruncFunction;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * {@code DATE_TRUNC('datepart', timestamp)} (not registered by the driver yet): the truncation itself, and the
 * function registered on a StreamView connection's root schema as {@code RedshiftFunctions} would register it
 * (called by its quoted name: Calcite's parser binds the unquoted name to its BigQuery operator).
 */
class AggregationDateTruncTest {

  private static long at(String iso) {
    LocalDateTime t = LocalDateTime.parse(iso);
    return t.toEpochSecond(ZoneOffset.UTC) * 1000 + t.getNano() / 1_000_000;
  }

  private static String trunc(String part, String iso) {
    long v = DateTruncFunction.truncate(part, at(iso));
    return LocalDateTime.ofEpochSecond(Math.floorDiv(v, 1000), (int) Math.floorMod(v, 1000) * 1_000_000,
        ZoneOffset.UTC).toString();
  }

  @Test
  void truncatesToEveryDatepart() {
    String t = "2024-05-17T10:11:12.345";
    assertEquals("2024-05-17T10:11:12.345", trunc("millisecond", t));
    assertEquals("2024-05-17T10:11:12", trunc("second", t));
    assertEquals("2024-05-17T10:11", trunc("minute", t));
    assertEquals("2024-05-17T10:11", trunc("MIN", t));
    assertEquals("2024-05-17T10:00", trunc("hrs", t));
    assertEquals("2024-05-17T00:00", trunc("day", t));
    assertEquals("2024-05-13T00:00", trunc("week", t), "Monday");
    assertEquals("2024-05-01T00:00", trunc("month", t));
    assertEquals("2024-04-01T00:00", trunc("qtr", t));
    assertEquals("2024-01-01T00:00", trunc("y", t));
    assertEquals("2020-01-01T00:00", trunc("decade", t));
    assertEquals("2001-01-01T00:00", trunc("century", t));
    assertEquals("2001-01-01T00:00", trunc("millennium", t));
    assertEquals("1969-12-31T23:59", trunc("minute", "1969-12-31T23:59:59.999"), "before the epoch");
  }

  @Test
  void anUnknownDatepartIsAnInvalidArgument() {
    StreamViewException e = assertThrows(StreamViewException.class, () -> DateTruncFunction.truncate("fortnight", 0));
    assertEquals("22023", e.code().sqlState());
  }

  @Test
  void isRegisteredUnderItsRedshiftSpelling() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:");
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT DATE_TRUNC('minute', TIMESTAMP '2024-05-17 10:11:12.345'), "
             + "date_trunc('HOUR', CAST(NULL AS TIMESTAMP)), \"date_trunc\"('qtr', TIMESTAMP '2024-05-17 10:11:12')")) {
      rs.next();
      assertEquals("2024-05-17 10:11:00.0", rs.getTimestamp(1).toString());
      assertEquals(null, rs.getTimestamp(2));
      assertEquals("2024-04-01 00:00:00.0", rs.getTimestamp(3).toString());
    }
  }
}
