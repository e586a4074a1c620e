package io.streamview.jdbc.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.jdbc.error.ErrorCode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A file database whose store files open on first use (docs/storage-format.md, "Opening stores"): a damaged store
 * file fails exactly the statements that read or write its table, with the storage error naming the file, and
 * leaves the database's other tables usable.
 */
class DamagedStoreTest {

  @TempDir
  Path dir;

  @Test
  void aDamagedStoreFailsTheStatementsThatUseItAndNoOthers() throws Exception {
    Path db = dir.resolve("db");
    String url = "jdbc:streamview:file:" + db;
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE good (a INTEGER)");
      s.execute("CREATE TABLE damaged (a INTEGER)");
      s.execute("INSERT INTO good VALUES (1), (2)");
      s.execute("INSERT INTO damaged VALUES (3)");
    }
    Path file;
    try (Stream<Path> files = Files.list(db.resolve("data"))) {
      List<Path> maps = files.filter(p -> p.getFileName().toString().endsWith(".cm3")
          && p.getFileName().toString().contains("damaged")).toList();
      assertEquals(1, maps.size(), maps.toString());
      file = maps.get(0);
    }
    byte[] garbage = new byte[64 * 1024];
    new Random(1).nextBytes(garbage); // as ChronicleRowStoreTest: Chronicle rejects this header at once
    Files.write(file, garbage);

    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(a) FROM good")) {
        rs.next();
        assertEquals(2, rs.getLong(1));
        assertEquals(3, rs.getLong(2));
      }
      for (String sql : List.of("SELECT * FROM damaged", "INSERT INTO damaged VALUES (4)",
          "SELECT COUNT(*) FROM good JOIN damaged ON good.a = damaged.a")) {
        SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
        assertEquals(ErrorCode.STORAGE_ERROR.sqlState(), e.getSQLState(), sql + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), sql + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("is damaged and could not be recovered"), sql + ": " + e.getMessage());
      }
      s.execute("INSERT INTO good VALUES (5)");
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM good")) {
        rs.next();
        assertEquals(3, rs.getLong(1));
      }
    }
    assertTrue(Files.exists(file), "the damaged file is kept");
  }
}
