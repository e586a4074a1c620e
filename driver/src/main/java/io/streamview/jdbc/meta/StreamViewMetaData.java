package io.streamview.jdbc.meta;

import io.streamview.catalog.ColumnDef;
import io.streamview.engine.database.Database;
import io.streamview.engine.table.RedshiftTypes;
import io.streamview.jdbc.meta.CatalogObjects.Relation;
import io.streamview.jdbc.meta.CatalogObjects.SchemaInfo;

import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.schema.SchemaPlus;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The {@link DatabaseMetaData} a StreamView connection hands out: what GUIs ask (catalogs, schemas with their stream
 * source, tables by type, exact column types with SUPER and VARBYTE by name, keys, types, functions, keywords,
 * client info) is answered from the catalog; the rest (product name, SQL capability flags Calcite knows) is
 * Calcite's. There is one catalog, named after the database ({@code mem}, {@code NAME} of {@code mem:NAME}, the
 * directory's name); statements name objects by schema, never by catalog.
 */
public final class StreamViewMetaData implements InvocationHandler {

  /** The client info properties a connection keeps (and shows through {@code getClientInfo}). */
  public static final List<String> CLIENT_INFO = List.of("ApplicationName", "ClientUser", "ClientHostname");
  /** The longest client info value kept. */
  public static final int CLIENT_INFO_MAX = 255;
  /** The one user. */
  static final String USER = "sa";

  private final DatabaseMetaData calcite;
  private final Database database;
  private final Connection connection;

  private StreamViewMetaData(DatabaseMetaData calcite, Database database, Connection connection) {
    this.calcite = calcite;
    this.database = database;
    this.connection = connection;
  }

  /**
   * The metadata of a connection.
   *
   * @param calcite    Calcite's metadata of the underlying connection
   * @param connection the connection the user holds (what {@code getConnection} returns)
   */
  public static DatabaseMetaData of(DatabaseMetaData calcite, Database database, Connection connection) {
    return (DatabaseMetaData) Proxy.newProxyInstance(StreamViewMetaData.class.getClassLoader(),
        new Class<?>[] {DatabaseMetaData.class}, new StreamViewMetaData(calcite, database, connection));
  }

  /** The catalog name of a database: its name. */
  public static String catalogName(Database database) {
    return database.name();
  }

  @Override public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (method.getDeclaringClass() == Object.class) {
      return switch (name) {
        case "toString" -> "StreamViewDatabaseMetaData[" + database.location().describe() + "]";
        case "hashCode" -> System.identityHashCode(proxy);
        case "equals" -> proxy == args[0];
        default -> throw new IllegalStateException(name);
      };
    }
    Object[] a = args == null ? new Object[0] : args;
    Object answer = answer(name, a, proxy);
    if (answer != NONE) {
      return answer;
    }
    try {
      return method.invoke(calcite, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static final Object NONE = new Object();

  private Object answer(String name, Object[] a, Object proxy) throws SQLException {
    switch (name) {
      case "unwrap":
        if (((Class<?>) a[0]).isInstance(proxy)) {
          return proxy;
        }
        throw new SQLException("not a wrapper for " + a[0]);
      case "isWrapperFor":
        return ((Class<?>) a[0]).isInstance(proxy);
      case "getConnection":
        return connection;
      case "getURL":
        return "jdbc:streamview:" + database.location().describe();
      case "getUserName":
        return USER;
      case "getDatabaseProductName":
        return "StreamView";
      case "getSQLKeywords":
        return String.join(",", RedshiftKeywords.NON_SQL2003);
      case "getCatalogTerm":
        return "database";
      case "getSchemaTerm":
        return "schema";
      case "getProcedureTerm":
        return "procedure";
      case "getCatalogSeparator":
        return ".";
      case "isCatalogAtStart":
        return true;
      case "getIdentifierQuoteString":
        return "\"";
      case "getSearchStringEscape":
        return "\\";
      case "storesLowerCaseIdentifiers", "storesMixedCaseQuotedIdentifiers", "supportsMixedCaseQuotedIdentifiers",
           "supportsSchemasInDataManipulation", "supportsSchemasInTableDefinitions", "allTablesAreSelectable",
           "nullPlusNonNullIsNull", "supportsOuterJoins", "supportsFullOuterJoins", "supportsLimitedOuterJoins",
           "supportsUnion", "supportsUnionAll", "supportsGroupBy", "supportsColumnAliasing",
           "supportsTableCorrelationNames", "supportsExpressionsInOrderBy", "supportsOrderByUnrelated",
           "supportsLikeEscapeClause", "supportsNonNullableColumns", "supportsCorrelatedSubqueries",
           "supportsSubqueriesInExists", "supportsSubqueriesInIns", "supportsSubqueriesInComparisons",
           "supportsANSI92EntryLevelSQL", "supportsMinimumSQLGrammar", "supportsBatchUpdates":
        return true;
      case "storesUpperCaseIdentifiers", "storesMixedCaseIdentifiers", "supportsMixedCaseIdentifiers",
           "storesLowerCaseQuotedIdentifiers", "storesUpperCaseQuotedIdentifiers",
           "supportsCatalogsInDataManipulation", "supportsCatalogsInTableDefinitions",
           "supportsCatalogsInProcedureCalls", "supportsCatalogsInIndexDefinitions",
           "supportsCatalogsInPrivilegeDefinitions", "supportsSchemasInProcedureCalls",
           "supportsSchemasInIndexDefinitions", "supportsSchemasInPrivilegeDefinitions", "supportsStoredProcedures",
           "supportsTransactions", "supportsMultipleTransactions", "supportsSavepoints",
           "supportsDataDefinitionAndDataManipulationTransactions", "supportsDataManipulationTransactionsOnly",
           "supportsGetGeneratedKeys", "supportsNamedParameters", "supportsMultipleResultSets",
           "supportsMultipleOpenResults", "supportsAlterTableWithAddColumn", "supportsAlterTableWithDropColumn",
           "supportsIntegrityEnhancementFacility", "supportsStoredFunctionsUsingCallSyntax",
           "supportsSelectForUpdate", "supportsPositionedDelete", "supportsPositionedUpdate",
           "supportsOpenCursorsAcrossCommit", "supportsOpenCursorsAcrossRollback", "supportsResultSetHoldability",
           "generatedKeyAlwaysReturned", "autoCommitFailureClosesAllResultSets", "isReadOnly",
           "supportsRefCursors", "supportsSharding", "locatorsUpdateCopy", "usesLocalFiles", "usesLocalFilePerTable":
        return false;
      case "getDefaultTransactionIsolation":
        return Connection.TRANSACTION_NONE;
      case "supportsTransactionIsolationLevel":
        return (Integer) a[0] == Connection.TRANSACTION_NONE;
      case "getRowIdLifetime":
        return RowIdLifetime.ROWID_UNSUPPORTED;
      case "getMaxTableNameLength", "getMaxColumnNameLength", "getMaxSchemaNameLength", "getMaxCatalogNameLength",
           "getMaxProcedureNameLength", "getMaxCursorNameLength", "getMaxUserNameLength":
        return 127; // Redshift identifiers: at most 127 bytes
      case "getCatalogs":
        return RowsResultSet.of(MetaLayouts.CATALOGS, List.<Object[]>of(new Object[] {catalog()}));
      case "getSchemas":
        return schemas(a.length > 0 ? (String) a[0] : null, a.length > 1 ? (String) a[1] : null);
      case "getTableTypes":
        return RowsResultSet.of(MetaLayouts.TABLE_TYPES,
            CatalogObjects.TYPES.stream().map(t -> new Object[] {t}).toList());
      case "getTables":
        return tables((String) a[0], (String) a[1], (String) a[2], (String[]) a[3]);
      case "getColumns":
        return columns((String) a[0], (String) a[1], (String) a[2], (String) a[3]);
      case "getPrimaryKeys":
        return primaryKeys((String) a[0], (String) a[1], (String) a[2]);
      case "getImportedKeys", "getExportedKeys", "getCrossReference":
        return empty(MetaLayouts.KEYS); // Redshift's foreign keys are informational; StreamView has none
      case "getIndexInfo":
        return empty(MetaLayouts.INDEX_INFO); // Redshift and StreamView have no indexes
      case "getTypeInfo":
        return RowsResultSet.of(MetaLayouts.TYPE_INFO, TypeInfoRows.rows());
      case "getFunctions":
        return functions((String) a[0], (String) a[1], (String) a[2]);
      case "getFunctionColumns":
        return functionColumns((String) a[0], (String) a[1], (String) a[2], (String) a[3]);
      case "getProcedures":
        return empty(MetaLayouts.PROCEDURES);
      case "getProcedureColumns":
        return empty(MetaLayouts.PROCEDURE_COLUMNS);
      case "getClientInfoProperties":
        return RowsResultSet.of(MetaLayouts.CLIENT_INFO, List.of(
            new Object[] {"ApplicationName", CLIENT_INFO_MAX, "", "the application using the connection"},
            new Object[] {"ClientHostname", CLIENT_INFO_MAX, "", "the host the application runs on"},
            new Object[] {"ClientUser", CLIENT_INFO_MAX, "", "the user the application acts for"}));
      case "getBestRowIdentifier":
        return empty(MetaLayouts.BEST_ROW);
      case "getVersionColumns":
        return empty(MetaLayouts.VERSION_COLUMNS);
      case "getTablePrivileges":
        return empty(MetaLayouts.TABLE_PRIVILEGES);
      case "getColumnPrivileges":
        return empty(MetaLayouts.COLUMN_PRIVILEGES);
      case "getUDTs":
        return empty(MetaLayouts.UDTS);
      case "getSuperTypes":
        return empty(MetaLayouts.SUPER_TYPES);
      case "getSuperTables":
        return empty(MetaLayouts.SUPER_TABLES);
      case "getAttributes":
        return empty(MetaLayouts.ATTRIBUTES);
      case "getPseudoColumns":
        return empty(MetaLayouts.PSEUDO_COLUMNS);
      default:
        return NONE;
    }
  }

  private String catalog() {
    return catalogName(database);
  }

  /** Whether a catalog argument selects this database's catalog (null: any; "": objects without one, none). */
  private boolean catalogMatches(String catalog) {
    return catalog == null || catalog.equals(catalog());
  }

  private static ResultSet empty(List<MetaColumn> layout) {
    return RowsResultSet.of(layout, List.of());
  }

  private ResultSet schemas(String catalog, String schemaPattern) {
    List<Object[]> rows = new ArrayList<>();
    if (catalogMatches(catalog)) {
      for (SchemaInfo s : objects().schemas()) {
        if (LikePatterns.matches(schemaPattern, s.name())) {
          rows.add(new Object[] {s.name(), catalog(), s.remarks()});
        }
      }
    }
    return RowsResultSet.of(MetaLayouts.SCHEMAS, rows);
  }

  private List<Relation> relations(String catalog, String schemaPattern, String tablePattern) {
    if (!catalogMatches(catalog)) {
      return List.of();
    }
    return objects().relations().stream()
        .filter(r -> LikePatterns.matches(schemaPattern, r.schema()) && LikePatterns.matches(tablePattern, r.name()))
        .toList();
  }

  private ResultSet tables(String catalog, String schemaPattern, String tablePattern, String[] types) {
    List<Relation> found = new ArrayList<>(relations(catalog, schemaPattern, tablePattern));
    if (types != null) {
      List<String> wanted = java.util.Arrays.stream(types).filter(Objects::nonNull)
          .map(t -> t.toUpperCase(java.util.Locale.ROOT))
          .map(t -> t.equals("SYSTEM TABLE") ? CatalogObjects.SYSTEM_VIEW : t).toList(); // Calcite's name for them
      found.removeIf(r -> !wanted.contains(r.type()));
    }
    found.sort(Comparator.comparing(Relation::type).thenComparing(Relation::schema).thenComparing(Relation::name));
    List<Object[]> rows = new ArrayList<>();
    for (Relation r : found) {
      rows.add(new Object[] {catalog(), r.schema(), r.name(), r.type(), r.remarks(), null, null, null, null, null});
    }
    return RowsResultSet.of(MetaLayouts.TABLES, rows);
  }

  private ResultSet columns(String catalog, String schemaPattern, String tablePattern, String columnPattern) {
    List<Relation> found = new ArrayList<>(relations(catalog, schemaPattern, tablePattern));
    found.sort(Comparator.comparing(Relation::schema).thenComparing(Relation::name));
    List<Object[]> rows = new ArrayList<>();
    for (Relation r : found) {
      int ordinal = 0;
      for (ColumnDef c : r.columns()) {
        ordinal++;
        if (!LikePatterns.matches(columnPattern, c.name())) {
          continue;
        }
        JdbcColumnType t = JdbcColumnType.of(c);
        rows.add(new Object[] {catalog(), r.schema(), r.name(), c.name(), t.dataType(), t.typeName(), t.size(), null,
            t.decimalDigits(), t.radix(), c.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
            null, null, null, null, t.charOctetLength(), ordinal, c.nullable() ? "YES" : "NO", null, null, null, null,
            "NO", "NO"});
      }
    }
    return RowsResultSet.of(MetaLayouts.COLUMNS, rows);
  }

  private ResultSet primaryKeys(String catalog, String schema, String table) {
    List<Object[]> rows = new ArrayList<>();
    for (Relation r : relations(catalog, null, null)) {
      if ((schema == null || schema.equals(r.schema())) && r.name().equals(table)) {
        List<String> key = new ArrayList<>(r.primaryKey());
        for (int i = 0; i < key.size(); i++) {
          rows.add(new Object[] {catalog(), r.schema(), r.name(), key.get(i), (short) (i + 1), r.name() + "_pkey"});
        }
      }
    }
    rows.sort(Comparator.comparing(row -> (String) row[3]));
    return RowsResultSet.of(MetaLayouts.PRIMARY_KEYS, rows);
  }

  private ResultSet functions(String catalog, String schemaPattern, String namePattern) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    if (catalogMatches(catalog) && (schemaPattern == null || LikePatterns.matches(schemaPattern, ""))) {
      for (String name : functionNames()) {
        if (LikePatterns.matches(namePattern, name)) {
          for (String specific : overloads(name).specificNames) {
            rows.add(new Object[] {catalog(), null, name, FunctionRemarks.of(name),
                (short) DatabaseMetaData.functionNoTable, specific});
          }
        }
      }
    }
    return RowsResultSet.of(MetaLayouts.FUNCTIONS, rows);
  }

  private ResultSet functionColumns(String catalog, String schemaPattern, String namePattern, String columnPattern)
      throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    if (catalogMatches(catalog) && (schemaPattern == null || LikePatterns.matches(schemaPattern, ""))) {
      for (String name : functionNames()) {
        if (LikePatterns.matches(namePattern, name)) {
          rows.addAll(overloads(name).columns.stream().filter(r -> LikePatterns.matches(columnPattern, (String) r[3]))
              .toList());
        }
      }
    }
    return RowsResultSet.of(MetaLayouts.FUNCTION_COLUMNS, rows);
  }

  private SchemaPlus rootSchema() throws SQLException {
    return calcite.getConnection().unwrap(CalciteConnection.class).getRootSchema();
  }

  private RelDataTypeFactory typeFactory() throws SQLException {
    return calcite.getConnection().unwrap(CalciteConnection.class).getTypeFactory();
  }

  /** The user-callable functions of the connection: Redshift's, without StreamView's internal {@code sv_} ones. */
  private List<String> functionNames() throws SQLException {
    return new TreeSet<>(rootSchema().getFunctionNames()).stream().filter(n -> !n.startsWith("sv_")).toList();
  }

  private record Overloads(List<String> specificNames, List<Object[]> columns) {
  }

  private Overloads overloads(String name) throws SQLException {
    RelDataTypeFactory tf = typeFactory();
    List<String> specific = new ArrayList<>();
    List<Object[]> columns = new ArrayList<>();
    for (Function f : rootSchema().getFunctions(name)) {
      List<String> parameterTypes = new ArrayList<>();
      List<Object[]> own = new ArrayList<>();
      if (f instanceof ScalarFunction scalar) {
        own.add(functionColumn(name, "", DatabaseMetaData.functionReturn, scalar.getReturnType(tf), 0));
      }
      int i = 0;
      for (FunctionParameter p : f.getParameters()) {
        i++;
        RelDataType type = p.getType(tf);
        parameterTypes.add(JdbcColumnType.of(toColumn(p.getName(), type)).typeName());
        own.add(functionColumn(name, p.getName(), DatabaseMetaData.functionColumnIn, type, i));
      }
      String specificName = name + "(" + String.join(", ", parameterTypes) + ")";
      specific.add(specificName);
      for (Object[] row : own) {
        row[16] = specificName;
      }
      columns.addAll(own);
    }
    return new Overloads(specific, columns);
  }

  private Object[] functionColumn(String function, String column, int kind, RelDataType type, int ordinal) {
    ColumnDef c = toColumn(column, type);
    JdbcColumnType t = JdbcColumnType.of(c);
    return new Object[] {catalog(), null, function, column, (short) kind, t.dataType(), t.typeName(), t.size(),
        t.charOctetLength(), t.decimalDigits() == null ? null : (short) (int) t.decimalDigits(),
        t.radix() == null ? null : (short) (int) t.radix(),
        (short) (type.isNullable() ? DatabaseMetaData.functionNullable : DatabaseMetaData.functionNoNulls), null,
        t.charOctetLength(), ordinal, type.isNullable() ? "YES" : "NO", null};
  }

  private static ColumnDef toColumn(String name, RelDataType type) {
    try {
      return RedshiftTypes.toColumnDef(name, type);
    } catch (IllegalArgumentException e) {
      return new ColumnDef(name, type.getSqlTypeName().getName(), -1, -1, type.isNullable());
    }
  }

  private CatalogObjects objects() {
    try {
      return new CatalogObjects(database, typeFactory());
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
