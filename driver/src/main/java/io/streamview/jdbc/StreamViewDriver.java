package io.streamview.jdbc;

import io.streamview.engine.database.Database;
import io.streamview.engine.database.DatabaseLocation;
import io.streamview.engine.database.DatabaseOptions;
import io.streamview.engine.database.DatabaseRegistry;
import io.streamview.engine.source.SourceConfig;
import io.streamview.engine.source.StreamSourceFactory;
import io.streamview.engine.table.GroupKeyColumns;
import io.streamview.engine.table.RedshiftTypeSystem;
import io.streamview.engine.table.RedshiftTypes;
import io.streamview.jdbc.boundary.JdbcBoundary;
import io.streamview.jdbc.ddl.AutoRefreshCommands;
import io.streamview.jdbc.ddl.StreamViewDdlExecutor;
import io.streamview.jdbc.error.ErrorCode;
import io.streamview.jdbc.error.SqlExceptionMapper;
import io.streamview.jdbc.error.StreamViewException;
import io.streamview.jdbc.function.RedshiftFunctions;
import io.streamview.jdbc.pipeline.GroupKeyAnalysis;
import io.streamview.jdbc.plancache.PlanCachingPrepare;
import io.streamview.jdbc.plancache.QueryPlanCaches;

import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Handler;
import org.apache.calcite.avatica.HandlerImpl;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.StreamViewCalciteFactory;

import java.sql.Connection;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * The {@code jdbc:streamview:} driver. Calcite parses, validates, plans and executes SQL; Avatica provides the JDBC
 * objects; every connection is wrapped by {@link JdbcBoundary}, where errors become SQLExceptions.
 */
public final class StreamViewDriver extends org.apache.calcite.jdbc.Driver {

  private static final ThreadLocal<Database> CONNECTING = new ThreadLocal<>();
  private static final ThreadLocal<Boolean> WARMING_UP = new ThreadLocal<>();

  public StreamViewDriver() {
    super();
  }

  @Override protected String getConnectStringPrefix() {
    return DatabaseUrl.PREFIX;
  }

  /** Calcite's JDBC factory, making connections that read their configuration once per property change. */
  @Override protected String getFactoryClassName(JdbcVersion jdbcVersion) {
    return StreamViewCalciteFactory.class.getName();
  }

  @Override protected DriverVersion createDriverVersion() {
    return new DriverVersion("StreamView JDBC Driver", "0.1.0", "StreamView", "0.1.0", true, 0, 1, 0, 1);
  }

  @Override public boolean acceptsURL(String url) {
    return url != null && url.startsWith(DatabaseUrl.PREFIX);
  }

  @Override public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    try {
      DatabaseUrl parsed = DatabaseUrl.parse(url, info);
      int planCacheSize = queryCacheSize(parsed.properties());
      DriverWarmUp.connecting(parsed.location() instanceof DatabaseLocation.Directory);
      Database db = DatabaseRegistry.INSTANCE.acquire(parsed.location(), options(parsed.properties()));
      try {
        DriverWarmUp.awaitCalcite(); // Calcite's classes are initialized by one thread at a time
        Connection calcite = openCalcite(db, false);
        QueryPlanCaches.bind(calcite.unwrap(CalciteConnection.class).getRootSchema(), db, planCacheSize);
        return JdbcBoundary.wrap(calcite, db, () -> DatabaseRegistry.INSTANCE.release(db));
      } catch (RuntimeException | SQLException e) {
        DatabaseRegistry.INSTANCE.release(db);
        throw e;
      }
    } catch (Throwable t) {
      throw SqlExceptionMapper.toSqlException(t);
    }
  }

  @Override public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    Properties props = new Properties();
    if (info != null) {
      props.putAll(info);
    }
    try {
      props = DatabaseUrl.parse(url, info).properties();
    } catch (RuntimeException ignored) {
      // show the defaults for a URL that does not parse yet (a GUI asks while the user types)
    }
    Properties p = props;
    return Arrays.stream(ConnectionProperty.values()).map(c -> c.info(p)).toArray(DriverPropertyInfo[]::new);
  }

  /** A connection to {@code db} for the driver's own work (validation, refresh pipelines), with UTC times. */
  public static Connection openInternal(Database db) throws SQLException {
    return INTERNAL.openCalcite(db, true);
  }

  private static final StreamViewDriver INTERNAL;

  static {
    // Chronicle Map must not phone home: switch its analytics off before any of its classes can load.
    if (System.getProperty("chronicle.analytics.disable") == null) {
      System.setProperty("chronicle.analytics.disable", "true");
    }
    INTERNAL = new StreamViewDriver(0);
    // point lookups on aggregating views: which view columns are their GROUP BY keys
    GroupKeyColumns.resolveWith(GroupKeyAnalysis::keyColumns);
    new StreamViewDriver().register();
    DriverWarmUp.start(() -> {
      WARMING_UP.set(Boolean.TRUE);
      try {
        return INTERNAL.openCalcite(null, true);
      } finally {
        WARMING_UP.remove();
      }
    });
  }

  /**
   * Waits until the background warm-up of a new JVM has finished with Calcite ({@link DriverWarmUp}); called before
   * work that may be the first of the JVM to use Calcite on a thread other than a connecting one (auto refresh).
   */
  public static void awaitWarmUp() {
    DriverWarmUp.awaitCalcite();
  }

  private StreamViewDriver(int unregistered) {
    super();
  }

  private Connection openCalcite(Database db, boolean internal) throws SQLException {
    Properties p = new Properties();
    p.setProperty("quoting", "DOUBLE_QUOTE");
    p.setProperty("unquotedCasing", "TO_LOWER");
    p.setProperty("quotedCasing", "UNCHANGED");
    p.setProperty("caseSensitive", "true");
    p.setProperty("conformance", "LENIENT");
    p.setProperty("fun", "standard,postgresql");
    p.setProperty("parserFactory", StreamViewDdlExecutor.class.getName() + "#PARSER_FACTORY");
    p.setProperty("typeSystem", RedshiftTypeSystem.class.getName() + "#INSTANCE");
    p.setProperty("schema", SchemaSync.LOCAL_SCHEMA);
    if (internal) {
      p.setProperty("timeZone", "UTC");
    }
    CONNECTING.set(db);
    try {
      return super.connect(DatabaseUrl.PREFIX, p);
    } finally {
      CONNECTING.remove();
    }
  }

  @Override protected Handler createHandler() {
    Handler calcite = super.createHandler();
    return new HandlerImpl() {
      @Override public void onConnectionInit(AvaticaConnection connection) throws SQLException {
        calcite.onConnectionInit(connection);
        Database db = CONNECTING.get();
        CalciteConnection cc = connection.unwrap(CalciteConnection.class);
        if (db == null && Boolean.TRUE.equals(WARMING_UP.get())) { // DriverWarmUp: functions and types, no database
          RedshiftFunctions.register(cc.getRootSchema());
          return;
        }
        if (db == null) {
          throw new StreamViewException(ErrorCode.INVALID_URL, "(none)", "connections are opened through DriverManager");
        }
        RedshiftFunctions.register(cc.getRootSchema());
        // SUPER, as CAST(x AS SUPER) names it: JSON text in a VARCHAR that no Redshift VARCHAR can be as long as
        cc.getRootSchema().add("SUPER", tf -> tf.createTypeWithNullability(
            tf.createSqlType(org.apache.calcite.sql.type.SqlTypeName.VARCHAR, RedshiftTypes.SUPER_PRECISION), true));
        SchemaSync.sync(cc.getRootSchema(), db);
        ConnectionDatabases.bind(cc, db);
        cc.setSchema(SchemaSync.LOCAL_SCHEMA);
      }

      @Override public void onConnectionClose(AvaticaConnection connection) {
        try {
          QueryPlanCaches.unbind(connection.unwrap(CalciteConnection.class).getRootSchema());
        } catch (SQLException e) {
          throw new IllegalStateException(e); // a Calcite connection unwraps to itself
        }
        calcite.onConnectionClose(connection);
      }

      @Override public void onStatementExecute(AvaticaStatement statement, ResultSink resultSink) {
        calcite.onStatementExecute(statement, resultSink);
      }

      @Override public void onStatementClose(AvaticaStatement statement) {
        calcite.onStatementClose(statement);
      }
    };
  }

  private static final long MAX_AUTO_REFRESH_INTERVAL_MILLIS = 86_400_000L;

  /** Database options from connection properties. */
  static DatabaseOptions options(Properties props) {
    Optional<String> key = ConnectionProperty.AWS_ACCESS_KEY_ID.get(props);
    Optional<String> secret = ConnectionProperty.AWS_SECRET_ACCESS_KEY.get(props);
    if (key.isPresent() != secret.isPresent()) {
      throw new StreamViewException(ErrorCode.INVALID_PARAMETER_VALUE,
          "awsAccessKeyId and awsSecretAccessKey must be given together (or neither, for the default credentials chain)");
    }
    Optional<SourceConfig.StaticCredentials> creds = key.map(k -> new SourceConfig.StaticCredentials(k, secret.get(),
        ConnectionProperty.AWS_SESSION_TOKEN.get(props)));
    SourceConfig source = new SourceConfig(ConnectionProperty.KINESIS_ENDPOINT.get(props),
        ConnectionProperty.AWS_REGION.get(props), ConnectionProperty.AWS_PROFILE.get(props), creds, List.of(),
        ConnectionProperty.STS_ENDPOINT.get(props));
    int parallelism;
    String par = ConnectionProperty.REFRESH_PARALLELISM.get(props).orElse("4");
    try {
      parallelism = Integer.parseInt(par);
    } catch (NumberFormatException e) {
      parallelism = -1;
    }
    if (parallelism < 1 || parallelism > 256) {
      throw new StreamViewException(ErrorCode.INVALID_PARAMETER_VALUE,
          "refreshParallelism must be a whole number from 1 to 256, not '" + par + "'");
    }
    return new DatabaseOptions(source, parallelism, autoRefreshInterval(props), AutoRefreshCommands.refresher(),
        sourceFactory(props));
  }

  /**
   * The key of the connection property, given only in the {@link Properties} passed to {@code connect}, whose value
   * is the {@link StreamSourceFactory} that serves the database's external schemas of its kind in place of the one
   * ServiceLoader finds: an instance, or the class name of a factory ServiceLoader lists. A shared database keeps the
   * factory of the connection that opened it.
   */
  public static final String SOURCE_FACTORY_PROPERTY = "streamSourceFactory";

  private static StreamSourceFactory sourceFactory(Properties props) {
    Object value = null;
    for (Object k : props.keySet()) {
      if (k instanceof String name && name.equalsIgnoreCase(SOURCE_FACTORY_PROPERTY)) {
        value = props.get(k);
      }
    }
    if (value == null || value instanceof StreamSourceFactory) {
      return (StreamSourceFactory) value;
    }
    if (value instanceof String className && !className.isBlank()) {
      List<String> listed = new ArrayList<>();
      for (StreamSourceFactory f : ServiceLoader.load(StreamSourceFactory.class, StreamSourceFactory.class
          .getClassLoader())) {
        if (f.getClass().getName().equals(className.trim())) {
          return f;
        }
        listed.add(f.getClass().getName());
      }
      throw new StreamViewException(ErrorCode.INVALID_PARAMETER_VALUE, SOURCE_FACTORY_PROPERTY + " names "
          + className.trim() + ", which is not a stream source factory ServiceLoader lists (listed: " + listed
          + "); pass the factory object itself, or list its class in META-INF/services/"
          + StreamSourceFactory.class.getName());
    }
    throw new StreamViewException(ErrorCode.INVALID_PARAMETER_VALUE, SOURCE_FACTORY_PROPERTY + " must be a "
        + StreamSourceFactory.class.getName() + " or the name of its class, not a " + value.getClass().getName());
  }

  /** The {@code queryCacheSize} connection property: how many query plans the connection keeps (0: none). */
  static int queryCacheSize(Properties props) {
    String text = ConnectionProperty.QUERY_CACHE_SIZE.get(props).orElse(String.valueOf(QueryPlanCaches.DEFAULT_SIZE));
    int size;
    try {
      size = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      size = -1;
    }
    if (size < 0 || size > QueryPlanCaches.MAX_SIZE) {
      throw new StreamViewException(ErrorCode.INVALID_PARAMETER_VALUE, "queryCacheSize must be a whole number from 0 "
          + "(no plan cache) to " + QueryPlanCaches.MAX_SIZE + ", not '" + text + "'");
    }
    return size;
  }

  private static Duration autoRefreshInterval(Properties props) {
    String text = ConnectionProperty.AUTO_REFRESH_INTERVAL_MILLIS.get(props).orElse("1000");
    long millis;
    try {
      millis = Long.parseLong(text);
    } catch (NumberFormatException e) {
      millis = -1;
    }
    long min = DatabaseOptions.MIN_AUTO_REFRESH_INTERVAL.toMillis();
    if (millis < min || millis > MAX_AUTO_REFRESH_INTERVAL_MILLIS) {
      throw new StreamViewException(ErrorCode.INVALID_PARAMETER_VALUE, "autoRefreshIntervalMillis must be a whole "
          + "number from " + min + " to " + MAX_AUTO_REFRESH_INTERVAL_MILLIS + ", not '" + text + "'");
    }
    return Duration.ofMillis(millis);
  }

  // --- SUPER navigation (io.streamview.jdbc.superpath) and the query plan cache (io.streamview.jdbc.plancache):
  // every connection prepares with PlanCachingPrepare, a SuperPrepare ---
  @Override public org.apache.calcite.jdbc.CalcitePrepare createPrepare() {
    return new PlanCachingPrepare();
  }
  // --- end SUPER navigation ---

  /** Unused; Calcite's meta is kept. */
  @Override public Meta createMeta(AvaticaConnection connection) {
    return super.createMeta(connection);
  }
}
