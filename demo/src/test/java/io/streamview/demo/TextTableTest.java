package io.streamview.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

  @Test
  void alignsColumnsLikePsql() {
    TextTable table = new TextTable(List.of("approximatearrivaltimestamp", "data"));
    table.add(List.of("2025-06-01 09:00:00.123", "{\"a\":1}"));
    table.add(Arrays.asList("2025-06-01 09:00:01", null));
    assertEquals(""
        + " approximatearrivaltimestamp | data\n"
        + "-----------------------------+---------\n"
        + " 2025-06-01 09:00:00.123     | {\"a\":1}\n"
        + " 2025-06-01 09:00:01         | NULL\n", table.render());
  }

  @Test
  void cutsLongCells() {
    TextTable table = new TextTable(List.of("x"));
    table.add(List.of("y".repeat(500)));
    String last = table.render().lines().reduce((a, b) -> b).orElseThrow();
    assertEquals(1 + TextTable.MAX_CELL, last.length());
    assertEquals('…', last.charAt(last.length() - 1));
  }

  @Test
  void refusesRaggedRows() {
    TextTable table = new TextTable(List.of("a", "b"));
    assertThrows(IllegalArgumentException.class, () -> table.add(List.of("1")));
  }
}
