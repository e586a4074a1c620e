package org.apache.calcite.jdbc;

import io.streamview.jdbc.connection.CachedConnectionConfig;
import io.streamview.jdbc.connection.ExecutionDataContext;
import io.streamview.jdbc.connection.VersionedProperties;

import org.apache.calcite.DataContext;
import org.apache.calcite.DataContexts;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.QueryProvider;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Calcite connection of StreamView: Calcite's own, except that its configuration is read from the connection
 * properties once per change of them ({@link CachedConnectionConfig}) rather than parsed again from every property
 * on each of the five or so calls Calcite and Avatica make per statement execution. Its properties are a
 * {@link VersionedProperties} copy of the ones given, so a change made through {@code getProperties()} is seen by the
 * next call. Each execution's data context is an {@link ExecutionDataContext}, which works out the variables a plan
 * seldom reads (time zone, locale, timestamps) only when asked, and the parameter map it is given is filled
 * without Calcite's per-execution lambda and string building ({@link #enumerable}). See {@link StreamViewCalciteFactory}
 * for why this class is in Calcite's package.
 */
public final class StreamViewCalciteConnection extends CalciteConnectionImpl {

  private volatile @Nullable CachedConnectionConfig config;

  StreamViewCalciteConnection(Driver driver, AvaticaFactory factory, String url, Properties info,
                              @Nullable CalciteSchema rootSchema, @Nullable JavaTypeFactory typeFactory) {
    super(driver, factory, url, new VersionedProperties(info), rootSchema, typeFactory);
  }

  @Override public CalciteConnectionConfig config() {
    if (!(info instanceof VersionedProperties versioned)) {
      return super.config(); // called by Avatica's constructor, before this class's part of the object is set
    }
    long version = versioned.version();
    CachedConnectionConfig c = config;
    if (c == null || c.version() != version) {
      c = new CachedConnectionConfig(info, version);
      config = c;
    }
    return c;
  }

  /** {@code "?0"}, {@code "?1"}, … as the data context names parameters, made once. */
  private static final String[] PARAMETER_NAMES = new String[32];

  static {
    for (int i = 0; i < PARAMETER_NAMES.length; i++) {
      PARAMETER_NAMES[i] = "?" + i;
    }
  }

  /**
   * What Calcite's {@code enumerable} does for each execution of a prepared plan (the parameter values, internal
   * parameters, cancel flag and timeout put in the data context's map, then the plan bound to the context), with the
   * same values and errors, but the map filled by a plain loop with parameter names made once.
   */
  @Override public <T> Enumerable<T> enumerable(Meta.StatementHandle handle,
      CalcitePrepare.CalciteSignature<T> signature, @Nullable List<TypedValue> parameterValues0) throws SQLException {
    AvaticaStatement statement = lookupStatement(handle);
    List<TypedValue> parameterValues = parameterValues0 == null || parameterValues0.isEmpty()
        ? TROJAN.getParameterValues(statement) : parameterValues0;
    if (MetaImpl.checkParameterValueHasNull(parameterValues)) {
      throw new SQLException("exception while executing query: unbound parameter");
    }
    int count = parameterValues.size();
    Map<String, Object> map = new HashMap<>(Math.max(8, (count + signature.internalParameters.size() + 2) * 2));
    for (int i = 0; i < count; i++) {
      map.put(i < PARAMETER_NAMES.length ? PARAMETER_NAMES[i] : "?" + i, parameterValues.get(i).toLocal());
    }
    map.putAll(signature.internalParameters);
    AtomicBoolean cancelFlag;
    try {
      cancelFlag = getCancelFlag(handle);
    } catch (NoSuchStatementException e) {
      throw new RuntimeException(e);
    }
    map.put(DataContext.Variable.CANCEL_FLAG.camelName, cancelFlag);
    int queryTimeout = statement.getQueryTimeout();
    if (queryTimeout > 0 && queryTimeout < Integer.MAX_VALUE / 1000) { // as Calcite: avoid overflow
      map.put(DataContext.Variable.TIMEOUT.camelName, queryTimeout * 1000L);
    }
    return signature.enumerable(createDataContext(map, signature.rootSchema));
  }

  /** The time zone named by the configuration it was made from, kept with that configuration. */
  private volatile @Nullable ZoneOfConfig zone;

  private record ZoneOfConfig(CalciteConnectionConfig config, TimeZone zone) {
  }

  /**
   * Avatica's time zone (the {@code timeZone} property, else the JVM's default), looked up again only when the
   * configuration changed; each caller gets its own copy, as {@code TimeZone.getTimeZone} gives one, since a result
   * set's calendar holds it. The default zone is not kept: it may change at any time.
   */
  @Override public TimeZone getTimeZone() {
    CalciteConnectionConfig c = config();
    String id = c.timeZone();
    if (id == null) {
      return TimeZone.getDefault();
    }
    ZoneOfConfig z = zone;
    if (z == null || z.config() != c) {
      z = new ZoneOfConfig(c, TimeZone.getTimeZone(id));
      zone = z;
    }
    return (TimeZone) z.zone().clone();
  }

  @Override public DataContext createDataContext(Map<String, Object> parameterValues,
                                                 @Nullable CalciteSchema rootSchema) {
    if (config().spark()) {
      return DataContexts.EMPTY;
    }
    return new ExecutionDataContext(dataContextConnection, parameterValues, rootSchema,
        name -> super.createDataContext(parameterValues, rootSchema).get(name));
  }

  private final ExecutionDataContext.Connection dataContextConnection = new ExecutionDataContext.Connection() {
    @Override public TimeZone timeZone() {
      return getTimeZone();
    }

    @Override public @Nullable String locale() {
      return config().locale();
    }

    @Override public JavaTypeFactory typeFactory() {
      return getTypeFactory();
    }

    @Override public QueryProvider queryProvider() {
      return StreamViewCalciteConnection.this;
    }
  };
}
