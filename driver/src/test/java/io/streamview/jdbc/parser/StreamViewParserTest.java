package io.streamview.jdbc.parser;

import io.streamview.jdbc.parser.impl.StreamViewParserImpl;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSetOption;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.dialect.RedshiftSqlDialect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parses the StreamView (Redshift) dialect with {@link StreamViewParserImpl}. */
class StreamViewParserTest {
  static final SqlParser.Config CONFIG = SqlParser.config()
      .withParserFactory(StreamViewParserImpl.FACTORY)
      .withUnquotedCasing(Casing.TO_LOWER)
      .withQuotedCasing(Casing.UNCHANGED)
      .withCaseSensitive(true)
      .withConformance(SqlConformanceEnum.LENIENT);

  static SqlNode parse(String sql) throws SqlParseException {
    return SqlParser.create(sql, CONFIG).parseStmt();
  }

  static <T extends SqlNode> T parse(String sql, Class<T> clazz) throws SqlParseException {
    final SqlNode node = parse(sql);
    return assertInstanceOf(clazz, node, () -> "parsing " + sql + " gave " + node.getClass());
  }

  /**
   * Parses, unparses and re-parses, and checks that the SQL is stable; returns the first node.
   * Two ways: {@code toString()} (Calcite's dialect, back-tick quoted identifiers) and Redshift's
   * dialect (double-quoted identifiers).
   */
  static <T extends SqlNode> T roundTrip(String sql, Class<T> clazz) throws SqlParseException {
    final T node = parse(sql, clazz);
    final String unparsed = node.toString();
    final SqlNode again = SqlParser.create(unparsed, CONFIG.withQuoting(Quoting.BACK_TICK))
        .parseStmt();
    assertInstanceOf(clazz, again, unparsed);
    assertEquals(unparsed, again.toString(), () -> "round trip of " + sql);

    final String redshift = node.toSqlString(RedshiftSqlDialect.DEFAULT).getSql();
    final T again2 = parse(redshift, clazz);
    assertEquals(redshift, again2.toSqlString(RedshiftSqlDialect.DEFAULT).getSql(),
        () -> "Redshift round trip of " + sql);
    assertEquals(unparsed, again2.toString(), () -> "Redshift round trip of " + sql);
    return node;
  }

  static void assertDdl(SqlNode node, SqlKind kind) {
    assertEquals(kind, node.getKind());
    assertTrue(node.getKind().belongsTo(SqlKind.DDL), () -> node.getKind() + " is not DDL");
  }

  static String names(List<? extends SqlNode> nodes) {
    return nodes.stream().map(SqlNode::toString).collect(Collectors.joining(","));
  }

  static void assertParseError(String sql) {
    final Exception e = assertThrows(Exception.class, () -> parse(sql),
        () -> "expected a parse error for: " + sql);
    assertInstanceOf(SqlParseException.class, e,
        () -> "expected SqlParseException for: " + sql + " but got " + e);
  }

  /** The statements from Redshift's streaming ingestion documentation, verbatim. */
  @Nested
  class RedshiftExamples {
    @Test void createExternalSchemaFromKinesis() throws Exception {
      final SqlCreateExternalSchema s = roundTrip(
          "CREATE EXTERNAL SCHEMA schema_one FROM KINESIS IAM_ROLE default",
          SqlCreateExternalSchema.class);
      assertDdl(s, SqlKind.CREATE_SCHEMA);
      assertFalse(s.ifNotExists);
      assertEquals("schema_one", s.name.getSimple());
      assertEquals("KINESIS", s.sourceKind);
      assertEquals("default", s.iamRole);
      assertNull(s.region);
      assertTrue(s.options.isEmpty());
    }

    @Test void createMaterializedViewOverStream() throws Exception {
      final SqlCreateMaterializedView mv = roundTrip("CREATE MATERIALIZED VIEW my_view AS "
          + "SELECT ApproximateArrivalTimestamp, "
          + "JSON_PARSE(from_varbyte(Data, 'utf-8')) as Data "
          + "FROM schema_one.my_stream_name "
          + "WHERE is_utf8(Data) AND is_valid_json(from_varbyte(Data, 'utf-8'))",
          SqlCreateMaterializedView.class);
      assertDdl(mv, SqlKind.CREATE_MATERIALIZED_VIEW);
      assertEquals("my_view", mv.name.toString());
      assertNull(mv.backup);
      assertNull(mv.distStyle);
      assertNull(mv.distKey);
      assertNull(mv.sortKey);
      assertNull(mv.autoRefresh);
      assertFalse(mv.isAutoRefresh());
      final SqlSelect select = assertInstanceOf(SqlSelect.class, mv.query);
      assertEquals("schema_one.my_stream_name", select.getFrom().toString().replace("`", "")
          .replace("\"", ""));
      assertEquals(2, select.getSelectList().size());
      assertEquals("approximatearrivaltimestamp",
          ((SqlIdentifier) select.getSelectList().get(0)).getSimple());
      final SqlCall alias = (SqlCall) select.getSelectList().get(1);
      assertEquals(SqlKind.AS, alias.getKind());
      assertEquals("data", ((SqlIdentifier) alias.operand(1)).getSimple());
      assertNotNull(select.getWhere());
    }

    @Test void createMaterializedViewWithDistKeySortKeyAutoRefresh() throws Exception {
      final SqlCreateMaterializedView mv = roundTrip(
          "CREATE MATERIALIZED VIEW ev_station_data_extract DISTKEY(6) sortkey(1) "
              + "AUTO REFRESH YES AS SELECT refresh_time, approximate_arrival_timestamp "
              + "FROM s.t",
          SqlCreateMaterializedView.class);
      assertEquals("ev_station_data_extract", mv.name.getSimple());
      assertEquals(1, mv.distKey.size());
      assertEquals(6, ((SqlNumericLiteral) mv.distKey.get(0)).intValue(true));
      assertEquals(1, mv.sortKey.size());
      assertEquals(1, ((SqlNumericLiteral) mv.sortKey.get(0)).intValue(true));
      assertNull(mv.sortKeyStyle);
      assertEquals(Boolean.TRUE, mv.autoRefresh);
      assertTrue(mv.isAutoRefresh());
      assertInstanceOf(SqlSelect.class, mv.query);
    }

    @Test void refreshMaterializedView() throws Exception {
      final SqlRefreshMaterializedView r = roundTrip("REFRESH MATERIALIZED VIEW my_view",
          SqlRefreshMaterializedView.class);
      assertDdl(r, SqlKind.OTHER_DDL);
      assertEquals("my_view", r.name.getSimple());
      assertFalse(r.cascade);
    }

    @Test void allFourAsOneScript() throws Exception {
      final SqlNodeList list = SqlParser.create(
          "CREATE EXTERNAL SCHEMA schema_one FROM KINESIS IAM_ROLE default;\n"
              + "CREATE MATERIALIZED VIEW my_view AS SELECT ApproximateArrivalTimestamp, "
              + "JSON_PARSE(from_varbyte(Data, 'utf-8')) as Data FROM "
              + "schema_one.my_stream_name WHERE is_utf8(Data) AND "
              + "is_valid_json(from_varbyte(Data, 'utf-8'));\n"
              + "CREATE MATERIALIZED VIEW ev_station_data_extract DISTKEY(6) sortkey(1) "
              + "AUTO REFRESH YES AS SELECT refresh_time, approximate_arrival_timestamp "
              + "FROM s.t;\n"
              + "REFRESH MATERIALIZED VIEW my_view;", CONFIG).parseStmtList();
      assertEquals(4, list.size());
      assertInstanceOf(SqlCreateExternalSchema.class, list.get(0));
      assertInstanceOf(SqlCreateMaterializedView.class, list.get(1));
      assertInstanceOf(SqlCreateMaterializedView.class, list.get(2));
      assertInstanceOf(SqlRefreshMaterializedView.class, list.get(3));
    }
  }

  @Nested
  class ExternalSchema {
    @Test void ifNotExistsRoleListAndRegionAfter() throws Exception {
      final SqlCreateExternalSchema s = roundTrip("create external schema if not exists "
              + "\"Kin\" from kinesis iam_role 'arn:aws:iam::1:role/a,arn:aws:iam::1:role/b' "
              + "region 'us-east-1'",
          SqlCreateExternalSchema.class);
      assertTrue(s.ifNotExists);
      assertEquals("Kin", s.name.getSimple());
      assertEquals("KINESIS", s.sourceKind);
      assertEquals("arn:aws:iam::1:role/a,arn:aws:iam::1:role/b", s.iamRole);
      assertEquals("us-east-1", s.region);
    }

    @Test void regionBeforeIamRole() throws Exception {
      final SqlCreateExternalSchema s = roundTrip(
          "CREATE EXTERNAL SCHEMA k FROM KINESIS REGION 'eu-west-1' IAM_ROLE DEFAULT",
          SqlCreateExternalSchema.class);
      assertEquals("eu-west-1", s.region);
      assertEquals("default", s.iamRole);
    }

    @Test void iamRoleIsOptional() throws Exception {
      final SqlCreateExternalSchema s = roundTrip("CREATE EXTERNAL SCHEMA k FROM KINESIS",
          SqlCreateExternalSchema.class);
      assertNull(s.iamRole);
      assertNull(s.region);
    }

    @Test void mskAndKafkaAreParsedForTheExecutorToReject() throws Exception {
      final SqlCreateExternalSchema msk = roundTrip("CREATE EXTERNAL SCHEMA m FROM MSK "
              + "IAM_ROLE default AUTHENTICATION iam CLUSTER_ARN 'arn:aws:kafka:c'",
          SqlCreateExternalSchema.class);
      assertEquals("MSK", msk.sourceKind);
      assertEquals("iam", msk.options.get("AUTHENTICATION"));
      assertEquals("arn:aws:kafka:c", msk.options.get("CLUSTER_ARN"));
      final SqlCreateExternalSchema kafka = roundTrip("CREATE EXTERNAL SCHEMA m FROM KAFKA "
              + "AUTHENTICATION none URI 'b-1:9092'",
          SqlCreateExternalSchema.class);
      assertEquals("KAFKA", kafka.sourceKind);
      assertEquals("none", kafka.options.get("AUTHENTICATION"));
      assertEquals("b-1:9092", kafka.options.get("URI"));
    }

    @Test void quotesInRoleSurviveRoundTrip() throws Exception {
      final SqlCreateExternalSchema s = roundTrip(
          "CREATE EXTERNAL SCHEMA k FROM KINESIS IAM_ROLE 'it''s'",
          SqlCreateExternalSchema.class);
      assertEquals("it's", s.iamRole);
    }
  }

  @Nested
  class MaterializedViews {
    @Test void allAttributesAnyOrder() throws Exception {
      final SqlCreateMaterializedView mv = roundTrip("CREATE MATERIALIZED VIEW s.mv "
              + "INTERLEAVED SORTKEY (a, 2) DISTKEY (b) BACKUP NO DISTSTYLE key "
              + "AUTO REFRESH NO AS SELECT a, b FROM s.t",
          SqlCreateMaterializedView.class);
      assertEquals("s.mv", mv.name.toString());
      assertEquals(List.of("s", "mv"), mv.name.names);
      assertEquals(Boolean.FALSE, mv.backup);
      assertEquals("KEY", mv.distStyle);
      assertEquals("b", names(mv.distKey));
      assertEquals("INTERLEAVED", mv.sortKeyStyle);
      assertEquals(2, mv.sortKey.size());
      assertInstanceOf(SqlIdentifier.class, mv.sortKey.get(0));
      assertInstanceOf(SqlNumericLiteral.class, mv.sortKey.get(1));
      assertEquals(Boolean.FALSE, mv.autoRefresh);
    }

    @ParameterizedTest
    @ValueSource(strings = {"EVEN", "ALL", "KEY", "AUTO"})
    void distStyles(String style) throws Exception {
      final SqlCreateMaterializedView mv = roundTrip("CREATE MATERIALIZED VIEW mv DISTSTYLE "
          + style.toLowerCase() + " BACKUP YES COMPOUND SORTKEY(x) AS SELECT 1 AS x",
          SqlCreateMaterializedView.class);
      assertEquals(style, mv.distStyle);
      assertEquals(Boolean.TRUE, mv.backup);
      assertEquals("COMPOUND", mv.sortKeyStyle);
    }

    @Test void groupByQuery() throws Exception {
      final SqlCreateMaterializedView mv = roundTrip("CREATE MATERIALIZED VIEW agg "
              + "AUTO REFRESH YES AS SELECT partition_key, COUNT(*) AS n, "
              + "MAX(approximate_arrival_timestamp) AS latest FROM k.s GROUP BY partition_key",
          SqlCreateMaterializedView.class);
      assertInstanceOf(SqlSelect.class, mv.query);
      assertNotNull(((SqlSelect) mv.query).getGroup());
    }

    @Test void alterAutoRefresh() throws Exception {
      final SqlAlterMaterializedView on = roundTrip(
          "ALTER MATERIALIZED VIEW s.mv AUTO REFRESH YES", SqlAlterMaterializedView.class);
      assertDdl(on, SqlKind.OTHER_DDL);
      assertEquals("s.mv", on.name.toString());
      assertTrue(on.autoRefresh);
      assertFalse(roundTrip("alter materialized view mv auto refresh no",
          SqlAlterMaterializedView.class).autoRefresh);
    }

    @Test void refreshCascadeRestrict() throws Exception {
      assertTrue(roundTrip("REFRESH MATERIALIZED VIEW a.b CASCADE",
          SqlRefreshMaterializedView.class).cascade);
      assertFalse(roundTrip("REFRESH MATERIALIZED VIEW a.b RESTRICT",
          SqlRefreshMaterializedView.class).cascade);
    }

    @Test void alterSessionStillWorks() throws Exception {
      final SqlSetOption s = parse("ALTER SESSION SET x = 1", SqlSetOption.class);
      assertEquals("SESSION", s.getScope());
    }
  }

  @Nested
  class Drops {
    @ParameterizedTest
    @CsvSource({
        "TABLE, TABLE, DROP_TABLE",
        "VIEW, VIEW, DROP_VIEW",
        "MATERIALIZED VIEW, MATERIALIZED_VIEW, DROP_MATERIALIZED_VIEW",
        "SCHEMA, SCHEMA, DROP_SCHEMA"})
    void dropKinds(String words, SqlDropObjects.ObjectKind kind, SqlKind sqlKind)
        throws Exception {
      final SqlDropObjects d = roundTrip("DROP " + words + " a", SqlDropObjects.class);
      assertDdl(d, sqlKind);
      assertEquals(kind, d.kind);
      assertFalse(d.ifExists);
      assertFalse(d.cascade);
      assertEquals("a", names(d.names));

      final SqlDropObjects d2 = roundTrip(
          "drop " + words.toLowerCase() + " if exists a, s.b, \"C\" cascade",
          SqlDropObjects.class);
      assertEquals(kind, d2.kind);
      assertTrue(d2.ifExists);
      assertTrue(d2.cascade);
      assertEquals(3, d2.names.size());
      assertEquals(List.of("s", "b"), d2.names.get(1).names);
      assertEquals("C", d2.names.get(2).getSimple());

      assertFalse(roundTrip("DROP " + words + " a RESTRICT", SqlDropObjects.class).cascade);
    }

    @Test void tableNamedIf() throws Exception {
      final SqlDropObjects d = parse("DROP TABLE if", SqlDropObjects.class);
      assertFalse(d.ifExists);
      assertEquals("if", d.names.get(0).getSimple());
    }
  }

  @Nested
  class Tables {
    @Test void columnsConstraintsAndAttributes() throws Exception {
      final SqlCreateTableStmt t = roundTrip("CREATE TABLE IF NOT EXISTS s.events ("
              + " id BIGINT IDENTITY(1, 1) NOT NULL ENCODE az64,"
              + " kind VARCHAR(32) DEFAULT 'x' ENCODE lzo DISTKEY,"
              + " payload SUPER NULL,"
              + " amount NUMERIC(12, 2) DEFAULT 0 NOT NULL,"
              + " ts TIMESTAMPTZ SORTKEY UNIQUE,"
              + " region INT REFERENCES s.regions (id),"
              + " CONSTRAINT pk PRIMARY KEY (id, kind),"
              + " UNIQUE (ts),"
              + " FOREIGN KEY (region) REFERENCES s.regions (id)"
              + ") BACKUP NO DISTSTYLE KEY DISTKEY (kind) COMPOUND SORTKEY (ts, id) ENCODE AUTO",
          SqlCreateTableStmt.class);
      assertDdl(t, SqlKind.CREATE_TABLE);
      assertTrue(t.ifNotExists);
      assertEquals("s.events", t.name.toString());
      assertNull(t.query);
      assertEquals("id,kind,payload,amount,ts,region",
          t.columns.stream().map(c -> c.name.getSimple()).collect(Collectors.joining(",")));
      assertEquals("id,kind", names(t.primaryKey));

      final SqlColumnDecl id = t.columns.get(0);
      assertTrue(id.notNull);
      assertNull(id.defaultValue);
      assertEquals("BIGINT", id.redshiftTypeName());
      final SqlColumnDecl kind = t.columns.get(1);
      assertFalse(kind.notNull);
      assertEquals("x", ((SqlLiteral) kind.defaultValue).getValueAs(String.class));
      assertEquals("VARCHAR", kind.redshiftTypeName());
      assertEquals(32, ((SqlBasicTypeNameSpec) kind.type.getTypeNameSpec()).getPrecision());
      assertEquals("SUPER", t.columns.get(2).redshiftTypeName());
      assertFalse(t.columns.get(2).notNull);
      final SqlColumnDecl amount = t.columns.get(3);
      assertTrue(amount.notNull);
      assertEquals("0", amount.defaultValue.toString());
      assertEquals("DECIMAL(12,2)", RedshiftTypeNames.redshiftTypeDeclaration(amount.type));
      assertEquals("TIMESTAMPTZ", t.columns.get(4).redshiftTypeName());
    }

    @Test void columnLevelPrimaryKey() throws Exception {
      final SqlCreateTableStmt t = roundTrip(
          "create table t (a int primary key, b text not null default 'q')",
          SqlCreateTableStmt.class);
      assertEquals("a", names(t.primaryKey));
      assertFalse(t.ifNotExists);
      assertTrue(t.columns.get(1).notNull);
    }

    @Test void noPrimaryKeyGivesEmptyList() throws Exception {
      final SqlCreateTableStmt t = roundTrip("CREATE TABLE t (a INT)", SqlCreateTableStmt.class);
      assertTrue(t.primaryKey.isEmpty());
      assertEquals(1, t.columns.size());
    }

    @Test void createTableAs() throws Exception {
      final SqlCreateTableStmt t = roundTrip(
          "CREATE TABLE t2 DISTSTYLE EVEN AS SELECT a, b FROM t1 WHERE a > 1",
          SqlCreateTableStmt.class);
      assertTrue(t.columns.isEmpty());
      assertTrue(t.primaryKey.isEmpty());
      assertInstanceOf(SqlSelect.class, t.query);

      final SqlCreateTableStmt named = roundTrip(
          "CREATE TABLE t2 (x, y) BACKUP YES AS SELECT a, b FROM t1",
          SqlCreateTableStmt.class);
      assertEquals(2, named.columns.size());
      assertNull(named.columns.get(0).type);
      assertEquals("y", named.columns.get(1).name.getSimple());
      assertNotNull(named.query);
    }

    @Test void keywordsAsColumnNames() throws Exception {
      final SqlCreateTableStmt t = roundTrip("CREATE TABLE data (data VARBYTE, region TEXT, "
              + "super SUPER, backup BOOL, refresh INT, external INT, kinesis INT, "
              + "sortkey INT, encode INT, auto INT, yes INT, text INT, \"Select\" INT)",
          SqlCreateTableStmt.class);
      assertEquals("data", t.name.getSimple());
      assertEquals("data,region,super,backup,refresh,external,kinesis,sortkey,encode,auto,"
              + "yes,text,Select",
          t.columns.stream().map(c -> c.name.getSimple()).collect(Collectors.joining(",")));
      assertEquals("VARBYTE", t.columns.get(0).redshiftTypeName());
      assertEquals("VARCHAR", t.columns.get(1).redshiftTypeName());
      assertEquals("SUPER", t.columns.get(2).redshiftTypeName());
      assertEquals("BOOLEAN", t.columns.get(3).redshiftTypeName());
    }

    @Test void truncate() throws Exception {
      final SqlTruncate t = roundTrip("TRUNCATE TABLE s.t", SqlTruncate.class);
      assertDdl(t, SqlKind.OTHER_DDL);
      assertEquals("s.t", t.name.toString());
      assertEquals("t", roundTrip("truncate t", SqlTruncate.class).name.getSimple());
      assertInstanceOf(org.apache.calcite.sql.SqlTruncate.class, t);
    }
  }

  @Nested
  class Views {
    @Test void createView() throws Exception {
      final SqlCreateViewStmt v = roundTrip("CREATE VIEW v AS SELECT 1 AS a",
          SqlCreateViewStmt.class);
      assertDdl(v, SqlKind.CREATE_VIEW);
      assertFalse(v.orReplace);
      assertNull(v.columnList);
      assertFalse(v.noSchemaBinding);
      assertEquals("v", v.name.getSimple());
    }

    @Test void orReplaceColumnsAndLateBinding() throws Exception {
      final SqlCreateViewStmt v = roundTrip("create or replace view s.v (x, \"Y\") as "
              + "select a, b from s.t with no schema binding",
          SqlCreateViewStmt.class);
      assertTrue(v.orReplace);
      assertTrue(v.getReplace());
      assertEquals("x,Y", v.columnList.stream()
          .map(n -> ((SqlIdentifier) n).getSimple()).collect(Collectors.joining(",")));
      assertTrue(v.noSchemaBinding);
      assertInstanceOf(SqlSelect.class, v.query);
    }

    @Test void viewWithCteAndUnion() throws Exception {
      final SqlCreateViewStmt v = roundTrip("CREATE VIEW v AS WITH c AS (SELECT 1 AS a) "
          + "SELECT a FROM c UNION ALL SELECT 2 ORDER BY 1", SqlCreateViewStmt.class);
      assertNotNull(v.query);
    }
  }

  @Nested
  class SetStatements {
    @Test void setTo() throws Exception {
      final SqlSetOption s = parse("SET enable_case_sensitive_identifier TO true",
          SqlSetOption.class);
      assertDdl(s, SqlKind.SET_OPTION);
      assertEquals("enable_case_sensitive_identifier", s.getName().toString());
      assertEquals(Boolean.TRUE, ((SqlLiteral) s.getValue()).booleanValue());
      assertNull(s.getScope());
    }

    @Test void setEqualsAndVariants() throws Exception {
      assertEquals("UTC", ((SqlLiteral) parse("SET timezone = 'UTC'", SqlSetOption.class)
          .getValue()).getValueAs(String.class));
      assertEquals("ON", parse("SET x TO on", SqlSetOption.class).getValue().toString());
      assertEquals("DEFAULT",
          parse("SET x TO default", SqlSetOption.class).getValue().toString());
      assertEquals("off", parse("SET x TO off", SqlSetOption.class).getValue().toString());
      assertEquals("-5", parse("SET x TO -5", SqlSetOption.class).getValue().toString());
      final SqlSetOption path = parse("SET search_path TO '$user', public, s1",
          SqlSetOption.class);
      assertEquals(3, ((SqlNodeList) path.getValue()).size());
      final SqlSetOption reset = parse("RESET query_group", SqlSetOption.class);
      assertNull(reset.getValue());
      assertEquals("query_group", reset.getName().toString());
      assertEquals("ALL", parse("RESET ALL", SqlSetOption.class).getName().toString());
      assertEquals("SYSTEM", parse("ALTER SYSTEM SET a TO 1", SqlSetOption.class).getScope());
    }
  }

  @Nested
  class Types {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "VARBYTE | VARBINARY | -1 | VARBYTE",
        "VARBYTE(1024) | VARBINARY | 1024 | VARBYTE",
        "VARBYTE(MAX) | VARBINARY | 1024000 | VARBYTE",
        "VARBINARY(16) | VARBINARY | 16 | VARBYTE",
        "BINARY VARYING(8) | VARBINARY | 8 | VARBYTE",
        "TIMESTAMPTZ | TIMESTAMP_WITH_LOCAL_TIME_ZONE | -1 | TIMESTAMPTZ",
        "TIMESTAMP WITH TIME ZONE | TIMESTAMP_WITH_LOCAL_TIME_ZONE | -1 | TIMESTAMPTZ",
        "TIMESTAMP WITH LOCAL TIME ZONE | TIMESTAMP_WITH_LOCAL_TIME_ZONE | -1 | TIMESTAMPTZ",
        "TIMESTAMP WITHOUT TIME ZONE | TIMESTAMP | -1 | TIMESTAMP",
        "TIMESTAMP | TIMESTAMP | -1 | TIMESTAMP",
        "TIMESTAMP(3) | TIMESTAMP | 3 | TIMESTAMP",
        "TIMETZ | TIME_WITH_LOCAL_TIME_ZONE | -1 | TIMETZ",
        "TIME WITH TIME ZONE | TIME_WITH_LOCAL_TIME_ZONE | -1 | TIMETZ",
        "TIME | TIME | -1 | TIME",
        "TEXT | VARCHAR | -1 | VARCHAR",
        "BPCHAR(10) | VARCHAR | 10 | VARCHAR",
        "NVARCHAR(20) | VARCHAR | 20 | VARCHAR",
        "CHARACTER VARYING(30) | VARCHAR | 30 | VARCHAR",
        "VARCHAR(MAX) | VARCHAR | 65535 | VARCHAR",
        "VARCHAR(256) | VARCHAR | 256 | VARCHAR",
        "NCHAR(4) | CHAR | 4 | CHAR",
        "CHAR(2) | CHAR | 2 | CHAR",
        "CHARACTER | CHAR | -1 | CHAR",
        "BOOL | BOOLEAN | -1 | BOOLEAN",
        "BOOLEAN | BOOLEAN | -1 | BOOLEAN",
        "INT2 | SMALLINT | -1 | SMALLINT",
        "SMALLINT | SMALLINT | -1 | SMALLINT",
        "INT4 | INTEGER | -1 | INTEGER",
        "INT | INTEGER | -1 | INTEGER",
        "INT8 | BIGINT | -1 | BIGINT",
        "FLOAT4 | REAL | -1 | REAL",
        "FLOAT8 | DOUBLE | -1 | DOUBLE PRECISION",
        "DOUBLE PRECISION | DOUBLE | -1 | DOUBLE PRECISION",
        "FLOAT | FLOAT | -1 | DOUBLE PRECISION",
        "NUMERIC(10, 2) | DECIMAL | 10 | DECIMAL",
        "DECIMAL | DECIMAL | -1 | DECIMAL",
        "DATE | DATE | -1 | DATE"})
    void basicTypes(String sqlType, SqlTypeName expected, int precision, String redshift)
        throws Exception {
      for (SqlDataTypeSpec spec : specs(sqlType)) {
        final SqlBasicTypeNameSpec basic =
            assertInstanceOf(SqlBasicTypeNameSpec.class, spec.getTypeNameSpec(), sqlType);
        assertEquals(expected, RedshiftTypeNames.sqlTypeName(basic), sqlType);
        assertEquals(precision, basic.getPrecision(), sqlType);
        assertEquals(redshift, RedshiftTypeNames.redshiftTypeName(spec), sqlType);
      }
    }

    @Test void numericScale() throws Exception {
      final SqlBasicTypeNameSpec n = (SqlBasicTypeNameSpec) specs("NUMERIC(10,2)").get(0)
          .getTypeNameSpec();
      assertEquals(2, n.getScale());
    }

    @Test void superIsAUserDefinedTypeNamedSuper() throws Exception {
      for (SqlDataTypeSpec spec : specs("super")) {
        final SqlUserDefinedTypeNameSpec udt =
            assertInstanceOf(SqlUserDefinedTypeNameSpec.class, spec.getTypeNameSpec());
        assertEquals("SUPER", udt.getTypeName().getSimple());
        assertEquals("SUPER", RedshiftTypeNames.redshiftTypeName(spec));
      }
    }

    @Test void declarations() throws Exception {
      assertEquals("VARCHAR(256)",
          RedshiftTypeNames.redshiftTypeDeclaration(specs("VARCHAR(256)").get(0)));
      assertEquals("VARBYTE(64)",
          RedshiftTypeNames.redshiftTypeDeclaration(specs("VARBYTE(64)").get(0)));
      assertEquals("TIMESTAMPTZ",
          RedshiftTypeNames.redshiftTypeDeclaration(specs("TIMESTAMPTZ").get(0)));
      assertEquals("SUPER", RedshiftTypeNames.redshiftTypeDeclaration(specs("SUPER").get(0)));
    }

    /** The type as parsed in CREATE TABLE, in CAST and in "::". */
    private List<SqlDataTypeSpec> specs(String type) throws SqlParseException {
      final SqlCreateTableStmt t =
          roundTrip("CREATE TABLE t (c " + type + ")", SqlCreateTableStmt.class);
      final SqlSelect cast = roundTrip("SELECT CAST(x AS " + type + ") FROM t", SqlSelect.class);
      final SqlSelect infix = parse("SELECT x::" + type + " FROM t", SqlSelect.class);
      roundTrip("SELECT x::" + type + " FROM t", SqlSelect.class);
      return List.of(t.columns.get(0).type,
          (SqlDataTypeSpec) ((SqlCall) cast.getSelectList().get(0)).operand(1),
          (SqlDataTypeSpec) ((SqlCall) infix.getSelectList().get(0)).operand(1));
    }
  }

  @Nested
  class Queries {
    @Test void infixCast() throws Exception {
      final SqlSelect s = parse("SELECT '1'::integer", SqlSelect.class);
      final SqlBasicCall cast = (SqlBasicCall) s.getSelectList().get(0);
      assertEquals(SqlKind.CAST, cast.getKind());
      assertEquals(SqlStdOperatorTable.CAST, cast.getOperator());
      assertEquals("'1'", cast.operand(0).toString());
      assertEquals("CAST('1' AS INTEGER)", cast.toString());

      final SqlSelect p = parse("SELECT a::int + 1, (b || 'x')::varchar(10), "
          + "json_parse(data)::super FROM t WHERE c::date = DATE '2024-01-01'", SqlSelect.class);
      final SqlBasicCall plus = (SqlBasicCall) p.getSelectList().get(0);
      assertEquals(SqlKind.PLUS, plus.getKind());
      assertEquals(SqlKind.CAST, plus.operand(0).getKind());
    }

    @Test void keywordsStillWorkAsIdentifiersInQueries() throws Exception {
      final SqlOrderBy o = roundTrip("SELECT data, region, super, backup, refresh, external, "
          + "kinesis, msk, text, bool, auto, yes, sortkey, distkey, materialized, if, "
          + "iam_role, \"DATA\" FROM data.region AS super WHERE backup = 1 "
          + "ORDER BY external", SqlOrderBy.class);
      final SqlSelect s = (SqlSelect) o.query;
      assertEquals(18, s.getSelectList().size());
      assertEquals("data", ((SqlIdentifier) s.getSelectList().get(0)).getSimple());
      assertEquals("DATA", ((SqlIdentifier) s.getSelectList().get(17)).getSimple());
      parse("SELECT t.data, t.super.x FROM t", SqlSelect.class);
      parse("SELECT refresh(data), text(region) FROM kinesis", SqlSelect.class);
    }

    @Test void standardDmlIsIntact() throws Exception {
      assertEquals(SqlKind.INSERT, parse("INSERT INTO t (data, region) VALUES (1, 'a')")
          .getKind());
      assertEquals(SqlKind.UPDATE, parse("UPDATE t SET data = 2 WHERE region = 'a'")
          .getKind());
      assertEquals(SqlKind.DELETE, parse("DELETE FROM t WHERE data IS NULL").getKind());
      assertEquals(SqlKind.ORDER_BY,
          parse("SELECT * FROM t ORDER BY 1 LIMIT 10 OFFSET 2").getKind());
      assertEquals(SqlKind.EXPLAIN, parse("EXPLAIN PLAN FOR SELECT 1").getKind());
      assertEquals(SqlKind.SELECT, parse("SELECT TRUNCATE(1.5, 0)").getKind());
      assertEquals(SqlKind.SELECT,
          parse("SELECT CAST(x AS TIMESTAMP(3)) FROM t WHERE d > TIMESTAMP '2020-01-01 00:00:00'")
              .getKind());
    }
  }

  @Nested
  class Errors {
    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE EXTERNAL SCHEMA s FROM DATA CATALOG",
        "CREATE EXTERNAL SCHEMA s FROM KINESIS IAM_ROLE",
        "CREATE EXTERNAL SCHEMA s FROM KINESIS IAM_ROLE default IAM_ROLE default",
        "CREATE EXTERNAL SCHEMA s FROM KINESIS REGION 'a' REGION 'b'",
        "CREATE EXTERNAL SCHEMA s FROM KINESIS IAM_ROLE 42",
        "CREATE OR REPLACE EXTERNAL SCHEMA s FROM KINESIS IAM_ROLE default",
        "CREATE EXTERNAL SCHEMA FROM KINESIS",
        "CREATE MATERIALIZED VIEW mv",
        "CREATE MATERIALIZED VIEW mv SELECT 1",
        "CREATE MATERIALIZED VIEW mv AUTO REFRESH YES BACKUP NO AS SELECT 1",
        "CREATE MATERIALIZED VIEW mv AUTO REFRESH MAYBE AS SELECT 1",
        "CREATE MATERIALIZED VIEW mv BACKUP NO BACKUP YES AS SELECT 1",
        "CREATE MATERIALIZED VIEW mv DISTKEY(a, b) AS SELECT 1",
        "CREATE MATERIALIZED VIEW mv DISTKEY() AS SELECT 1",
        "CREATE MATERIALIZED VIEW mv SORTKEY(a) SORTKEY(b) AS SELECT 1",
        "CREATE MATERIALIZED VIEW mv DISTSTYLE sideways AS SELECT 1",
        "CREATE OR REPLACE MATERIALIZED VIEW mv AS SELECT 1",
        "REFRESH MATERIALIZED VIEW",
        "REFRESH VIEW v",
        "REFRESH MATERIALIZED VIEW a b",
        "ALTER MATERIALIZED VIEW mv AUTO REFRESH",
        "ALTER MATERIALIZED VIEW mv SET x = 1",
        "DROP MATERIALIZED VIEW",
        "DROP MATERIALIZED VIEW a,",
        "DROP TABLE a CASCADE RESTRICT",
        "DROP INDEX i",
        "CREATE TABLE t",
        "CREATE TABLE t ()",
        "CREATE TABLE t (a)",
        "CREATE TABLE t (a INT,)",
        "CREATE TABLE t (a INT PRIMARY KEY, b INT PRIMARY KEY)",
        "CREATE TABLE t (a INT PRIMARY KEY, PRIMARY KEY (a))",
        "CREATE TABLE t (a INT) AS SELECT 1",
        "CREATE TABLE t (a, PRIMARY KEY (a)) AS SELECT 1",
        "CREATE TABLE t (a INT) DISTSTYLE",
        "CREATE OR REPLACE TABLE t (a INT)",
        "CREATE TABLE t (a VARCHAR(-1))",
        "CREATE TABLE t (a VARCHAR(99999999999))",
        "CREATE VIEW v",
        "CREATE VIEW v AS SELECT 1 WITH SCHEMA BINDING",
        "TRUNCATE",
        "TRUNCATE TABLE",
        "SET x",
        "SET x TO",
        "SET x TO 1 2",
        "RESET",
        "SELECT 1::",
        "SELECT 1 ::: int",
        "SELECT # FROM t",
        "CREATE MATERIALIZED VIEW mv AS SELECT 'unterminated",
        "CREATE SCHEMA s",
        ""})
    void malformedStatementsRaiseSqlParseException(String sql) {
      assertParseError(sql);
    }

    @Test void errorCarriesPosition() {
      final SqlParseException e = assertThrows(SqlParseException.class,
          () -> parse("CREATE EXTERNAL SCHEMA s FROM KINESIS\nREGION 'a' REGION 'b'"));
      assertNotNull(e.getPos());
      assertEquals(2, e.getPos().getLineNum());
      assertTrue(e.getMessage().contains("REGION"), e.getMessage());
    }
  }
}
