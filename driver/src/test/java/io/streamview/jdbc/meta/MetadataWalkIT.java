package io.streamview.jdbc.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.WithKinesis;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What DBeaver's generic driver does on connect and when a user opens the navigator, done on the self-contained jar
 * alone: the jar is loaded in its own class loader whose parent is the platform class loader (as a GUI loads a
 * driver jar), the driver is instantiated by name, and the metadata is walked on a database with a table, a view, a
 * streaming materialized view over a real Kinesis stream and Redshift's system views.
 */
@WithKinesis
class MetadataWalkIT {

  private static final Path JAR = Path.of(System.getProperty("streamview.shadedJar",
      "target/streamview-jdbc-0.1.0-all.jar"));

  @Test
  void dbeaverStyleMetadataWalkOverTheSelfContainedJar(KinesisEndpoint endpoint, KinesisTestStreams streams)
      throws Exception {
    assertTrue(Files.isRegularFile(JAR), "missing " + JAR.toAbsolutePath());
    String stream = streams.create("gui-clicks", 2);
    List<byte[]> records = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      records.add(("{\"user\":\"u" + (i % 5) + "\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
    }
    streams.putRecords(stream, records);

    try (URLClassLoader loader = new URLClassLoader(new URL[] {JAR.toUri().toURL()},
        ClassLoader.getPlatformClassLoader())) {
      Driver driver = (Driver) Class.forName("io.streamview.jdbc.StreamViewDriver", true, loader)
          .getDeclaredConstructor().newInstance();
      assertNotEquals(getClass().getClassLoader(), driver.getClass().getClassLoader());
      String url = "jdbc:streamview:mem:" + endpoint.jdbcProperties();
      assertTrue(driver.acceptsURL(url));

      // the driver settings page
      Map<String, String> props = new LinkedHashMap<>();
      for (DriverPropertyInfo p : driver.getPropertyInfo("jdbc:streamview:mem:", new Properties())) {
        assertNotNull(p.description, p.name);
        assertFalse(p.description.isBlank(), p.name);
        props.put(p.name, p.description);
      }
      assertEquals(List.of("kinesisEndpoint", "stsEndpoint", "awsRegion", "awsProfile", "awsAccessKeyId", "awsSecretAccessKey",
          "awsSessionToken", "refreshParallelism", "autoRefreshIntervalMillis", "queryCacheSize"), List.copyOf(props.keySet()));

      try (Connection c = driver.connect(url, new Properties())) {
        try (Statement s = c.createStatement()) {
          s.execute("CREATE EXTERNAL SCHEMA schema_one FROM KINESIS IAM_ROLE default");
          s.execute("CREATE TABLE orders (id INTEGER NOT NULL, payload VARBYTE(1000), amount DECIMAL(12,2), "
              + "note VARCHAR(40), PRIMARY KEY (id))");
          s.execute("CREATE VIEW big_orders AS SELECT id, amount FROM orders WHERE amount > 100");
          s.execute("CREATE MATERIALIZED VIEW clicks AUTO REFRESH NO AS SELECT approximate_arrival_timestamp, "
              + "partition_key, JSON_PARSE(from_varbyte(kinesis_data, 'utf-8')) AS payload FROM schema_one.\""
              + stream + "\"");
          s.execute("REFRESH MATERIALIZED VIEW clicks");
        }

        // on connect: client info, product, keywords, capabilities
        c.setClientInfo("ApplicationName", "DBeaver 25.0 - Main");
        assertEquals("DBeaver 25.0 - Main", c.getClientInfo("ApplicationName"));
        DatabaseMetaData md = c.getMetaData();
        assertEquals("StreamView", md.getDatabaseProductName());
        assertEquals("\"", md.getIdentifierQuoteString());
        assertTrue(md.storesLowerCaseIdentifiers());
        assertFalse(md.supportsTransactions());
        assertFalse(md.supportsCatalogsInDataManipulation());
        assertTrue(md.supportsSchemasInDataManipulation());
        assertTrue(List.of(md.getSQLKeywords().split(",")).containsAll(List.of("KINESIS", "REFRESH", "SUPER")));
        assertEquals(List.of("ApplicationName", "ClientHostname", "ClientUser"), column(md.getClientInfoProperties(),
            "NAME"));
        assertEquals(c, md.getConnection());

        // navigator: catalogs, schemas, table types, tables per schema
        assertEquals(List.of("mem"), column(md.getCatalogs(), "TABLE_CAT"));
        assertEquals("mem", c.getCatalog());
        c.setCatalog("mem"); // DBeaver sets the active catalog it was shown
        assertEquals("42P01", org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
            () -> c.setCatalog("other")).getSQLState());
        List<Map<String, Object>> schemas = rows(md.getSchemas("mem", null));
        assertEquals(List.of("public", "schema_one"), schemas.stream().map(r -> r.get("TABLE_SCHEM")).toList());
        assertTrue(((String) schemas.get(1).get("REMARKS")).startsWith("KINESIS"), schemas.toString());
        assertEquals(List.of("public", "schema_one"), column(md.getSchemas(), "TABLE_SCHEM"));
        List<String> types = column(md.getTableTypes(), "TABLE_TYPE");
        assertTrue(types.containsAll(List.of("TABLE", "VIEW", "MATERIALIZED VIEW", "SYSTEM VIEW")), types.toString());

        Map<String, String> publicTables = new HashMap<>();
        for (Map<String, Object> r : rows(md.getTables("mem", "public", "%", null))) {
          publicTables.put((String) r.get("TABLE_NAME"), (String) r.get("TABLE_TYPE"));
          assertEquals("mem", r.get("TABLE_CAT"));
        }
        assertEquals("TABLE", publicTables.get("orders"));
        assertEquals("VIEW", publicTables.get("big_orders"));
        assertEquals("MATERIALIZED VIEW", publicTables.get("clicks"));
        assertEquals("SYSTEM VIEW", publicTables.get("stv_mv_info"));
        assertEquals("SYSTEM VIEW", publicTables.get("sys_stream_scan_states"));
        assertEquals(List.of("clicks"), column(md.getTables(null, "public", "%", new String[] {"MATERIALIZED VIEW"}),
            "TABLE_NAME"));
        List<Map<String, Object>> mv = rows(md.getTables(null, null, "clicks", null));
        assertTrue(((String) mv.get(0).get("REMARKS")).contains("schema_one." + stream), mv.toString());
        assertEquals(List.of(stream), column(md.getTables(null, "schema_one", null, null), "TABLE_NAME"));

        // columns: exact types, sizes, nullability
        Map<String, Map<String, Object>> orders = byName(md.getColumns("mem", "public", "orders", null));
        assertEquals(List.of("id", "payload", "amount", "note"), List.copyOf(orders.keySet()));
        assertEquals(Types.INTEGER, orders.get("id").get("DATA_TYPE"));
        assertEquals(DatabaseMetaData.columnNoNulls, orders.get("id").get("NULLABLE"));
        assertEquals("NO", orders.get("id").get("IS_NULLABLE"));
        assertEquals(Types.VARBINARY, orders.get("payload").get("DATA_TYPE"));
        assertEquals("VARBYTE", orders.get("payload").get("TYPE_NAME"));
        assertEquals(1000, orders.get("payload").get("COLUMN_SIZE"));
        assertEquals(Types.DECIMAL, orders.get("amount").get("DATA_TYPE"));
        assertEquals(12, orders.get("amount").get("COLUMN_SIZE"));
        assertEquals(2, orders.get("amount").get("DECIMAL_DIGITS"));
        assertEquals("VARCHAR", orders.get("note").get("TYPE_NAME"));
        assertEquals(40, orders.get("note").get("COLUMN_SIZE"));
        assertEquals(4, orders.get("note").get("ORDINAL_POSITION"));
        assertEquals("YES", orders.get("note").get("IS_NULLABLE"));
        Map<String, Map<String, Object>> clicks = byName(md.getColumns(null, "public", "clicks", "%"));
        assertEquals("SUPER", clicks.get("payload").get("TYPE_NAME"));
        assertEquals(Types.LONGVARCHAR, clicks.get("payload").get("DATA_TYPE"));
        assertEquals("TIMESTAMP", clicks.get("approximate_arrival_timestamp").get("TYPE_NAME"));
        assertEquals(Types.TIMESTAMP, clicks.get("approximate_arrival_timestamp").get("DATA_TYPE"));
        Map<String, Map<String, Object>> view = byName(md.getColumns(null, "public", "big_orders", null));
        assertEquals(List.of("id", "amount"), List.copyOf(view.keySet()));
        Map<String, Map<String, Object>> streamColumns = byName(md.getColumns(null, "schema_one", stream, null));
        assertEquals("VARBYTE", streamColumns.get("kinesis_data").get("TYPE_NAME"));
        assertTrue(byName(md.getColumns(null, "public", "stv_mv_info", null)).containsKey("is_stale"));

        // table properties pages: keys and indexes
        List<Map<String, Object>> pk = rows(md.getPrimaryKeys("mem", "public", "orders"));
        assertEquals(1, pk.size());
        assertEquals("id", pk.get(0).get("COLUMN_NAME"));
        assertEquals((short) 1, pk.get(0).get("KEY_SEQ"));
        assertEquals(0, rows(md.getPrimaryKeys(null, "public", "clicks")).size());
        assertEmptyWith(md.getImportedKeys("mem", "public", "orders"), "FKCOLUMN_NAME");
        assertEmptyWith(md.getExportedKeys("mem", "public", "orders"), "PKCOLUMN_NAME");
        assertEmptyWith(md.getIndexInfo("mem", "public", "orders", false, true), "INDEX_NAME");
        assertEmptyWith(md.getProcedures(null, null, "%"), "PROCEDURE_NAME");

        // data types and functions for the SQL editor
        Map<String, Map<String, Object>> typeInfo = byName(md.getTypeInfo(), "TYPE_NAME");
        assertEquals(Types.LONGVARCHAR, typeInfo.get("SUPER").get("DATA_TYPE"));
        assertEquals(Types.VARBINARY, typeInfo.get("VARBYTE").get("DATA_TYPE"));
        assertTrue(typeInfo.keySet().containsAll(List.of("SMALLINT", "INTEGER", "BIGINT", "DECIMAL", "REAL",
            "DOUBLE PRECISION", "BOOLEAN", "CHAR", "VARCHAR", "DATE", "TIMESTAMP", "TIMESTAMPTZ")), typeInfo.keySet()
            .toString());
        List<String> functions = column(md.getFunctions(null, null, "%"), "FUNCTION_NAME");
        assertTrue(functions.containsAll(List.of("from_varbyte", "json_parse", "is_utf8", "is_valid_json",
            "json_extract_path_text", "json_serialize")), functions.toString());
        assertTrue(functions.stream().noneMatch(f -> f.startsWith("sv_")), functions.toString());
        List<Map<String, Object>> fromVarbyte = rows(md.getFunctionColumns(null, null, "from_varbyte", "%"));
        assertEquals(DatabaseMetaData.functionReturn, ((Number) fromVarbyte.get(0).get("COLUMN_TYPE")).intValue());
        assertTrue(fromVarbyte.size() >= 3, fromVarbyte.toString());

        // and the data tab
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM public.clicks")) {
          assertTrue(rs.next());
          assertEquals(25, rs.getLong(1));
        }
      }
    }
  }

  private static void assertEmptyWith(ResultSet rs, String column) throws Exception {
    try (rs) {
      assertTrue(rs.getMetaData().getColumnCount() > 1);
      assertTrue(rs.findColumn(column) > 0);
      assertFalse(rs.next());
    }
  }

  private static List<String> column(ResultSet rs, String name) throws Exception {
    List<String> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        out.add(rs.getString(name));
      }
    }
    return out;
  }

  private static List<Map<String, Object>> rows(ResultSet rs) throws Exception {
    List<Map<String, Object>> out = new ArrayList<>();
    try (rs) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.put(md.getColumnLabel(i), rs.getObject(i));
        }
        out.add(row);
      }
    }
    return out;
  }

  private static Map<String, Map<String, Object>> byName(ResultSet rs) throws Exception {
    return byName(rs, "COLUMN_NAME");
  }

  private static Map<String, Map<String, Object>> byName(ResultSet rs, String key) throws Exception {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Map<String, Object> row : rows(rs)) {
      out.put((String) row.get(key), row);
    }
    assertNull(out.get(null));
    return out;
  }
}
