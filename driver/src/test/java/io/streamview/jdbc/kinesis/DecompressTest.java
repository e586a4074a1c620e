package io.streamview.jdbc.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.WithKinesis;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * {@code DECOMPRESS(v, 'gzip'|'zlib'|'zstd')}: in plain queries (round trips, NULL on corrupt or truncated input, an
 * error for an unknown format) and in a streaming view over compressed Kinesis records, where a record that does not
 * decompress yields NULL and the refresh succeeds.
 */
@WithKinesis
class DecompressTest {

  private static final String TEXT = "{\"event\":\"click\",\"user\":42,\"tags\":[\"a\",\"b\"],\"note\":\"héllo\"}";

  private final KinesisEndpoint endpoint;
  private final KinesisTestStreams streams;

  DecompressTest(KinesisEndpoint endpoint, KinesisTestStreams streams) {
    this.endpoint = endpoint;
    this.streams = streams;
  }

  @Test
  void roundTripsGzipZlibAndZstd() throws Exception {
    byte[] text = TEXT.getBytes(StandardCharsets.UTF_8);
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:decompress1");
         Statement s = c.createStatement()) {
      assertEquals(TEXT, decompressed(s, gzip(text), "gzip"));
      assertEquals(TEXT, decompressed(s, zlib(text), "zlib"));
      assertEquals(TEXT, decompressed(s, Zstd.compress(text), "zstd"));
      assertEquals(TEXT, decompressed(s, gzip(text), " GZIP "), "format names are case-insensitive");
      byte[] twoMembers = concat(gzip("ab".getBytes(StandardCharsets.UTF_8)), gzip("cd".getBytes(StandardCharsets.UTF_8)));
      assertEquals("abcd", decompressed(s, twoMembers, "gzip"), "concatenated gzip members");
      assertEquals("", decompressed(s, gzip(new byte[0]), "gzip"));
    }
  }

  @Test
  void undecodableInputIsNull() throws Exception {
    byte[] text = TEXT.getBytes(StandardCharsets.UTF_8);
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:decompress2");
         Statement s = c.createStatement()) {
      assertNull(decompressed(s, text, "gzip"), "not compressed");
      assertNull(decompressed(s, text, "zlib"));
      assertNull(decompressed(s, text, "zstd"));
      assertNull(decompressed(s, gzip(text), "zstd"), "another format");
      assertNull(decompressed(s, zlib(text), "gzip"));
      byte[] gz = gzip(text);
      assertNull(decompressed(s, Arrays.copyOf(gz, gz.length - 5), "gzip"), "truncated gzip");
      byte[] z = zlib(text);
      assertNull(decompressed(s, Arrays.copyOf(z, z.length - 3), "zlib"), "truncated zlib");
      byte[] zs = Zstd.compress(text);
      assertNull(decompressed(s, Arrays.copyOf(zs, zs.length - 3), "zstd"), "truncated zstd");
      gz[gz.length / 2] ^= 0x55;
      assertNull(decompressed(s, gz, "gzip"), "corrupt gzip (CRC)");
      try (ResultSet rs = s.executeQuery("SELECT decompress(CAST(NULL AS VARBINARY), 'gzip')")) {
        rs.next();
        assertNull(rs.getBytes(1));
      }
      SQLException e = assertThrows(SQLException.class, () -> decompressed(s, gzip(text), "lz4"));
      assertEquals("22023", e.getSQLState());
      assertTrue(e.getMessage().contains("unknown compression format 'lz4'"), e.getMessage());
    }
  }

  @Test
  void aStreamingViewReadsCompressedRecordsAndSkipsUndecodableOnes() throws Exception {
    String stream = streams.create("compressed", 2);
    List<byte[]> records = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      byte[] json = ("{\"n\":" + i + ",\"kind\":\"gz\"}").getBytes(StandardCharsets.UTF_8);
      records.add(gzip(json));
    }
    records.add("not compressed at all".getBytes(StandardCharsets.UTF_8));
    records.add(Arrays.copyOf(gzip("{\"n\":-1}".getBytes(StandardCharsets.UTF_8)), 12));
    streams.putRecords(stream, records);
    try (Connection c = DriverManager.getConnection("jdbc:streamview:mem:decompress3" + endpoint.jdbcProperties());
         Statement s = c.createStatement()) {
      s.execute("CREATE EXTERNAL SCHEMA k FROM KINESIS IAM_ROLE default");
      s.execute("CREATE MATERIALIZED VIEW unzipped AS SELECT sequence_number, "
          + "JSON_PARSE(decompress(kinesis_data, 'gzip')) AS payload FROM k.\"" + stream + "\"");
      s.execute("REFRESH MATERIALIZED VIEW unzipped");
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(payload), SUM(CAST(payload.n AS INTEGER)) "
          + "FROM unzipped")) {
        rs.next();
        assertEquals(32, rs.getLong(1), "one row per record");
        assertEquals(30, rs.getLong(2), "the two undecodable records give NULL");
        assertEquals(29 * 30 / 2, rs.getLong(3));
      }
    }
  }

  private static String decompressed(Statement s, byte[] input, String format) throws SQLException {
    String sql = "SELECT from_varbyte(decompress(to_varbyte('" + HexFormat.of().formatHex(input) + "', 'hex'), '"
        + format + "'), 'utf-8')";
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  private static byte[] zlib(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
      z.write(data);
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
