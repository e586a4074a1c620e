package org.apache.calcite.jdbc;

import io.streamview.jdbc.connection.CachedConnectionConfig;
import io.streamview.jdbc.connection.ExecutionDataContext;
import io.streamview.jdbc.connection.VersionedProperties;

import org.apache.calcite.DataContext;
import org.apache.calcite.DataContexts;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.linq4j.QueryProvider;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;

/**
 * A Calcite connection of StreamView: Calcite's own, except that its configuration is read from the connection
 * properties once per change of them ({@link CachedConnectionConfig}) rather than parsed again from every property
 * on each of the five or so calls Calcite and Avatica make per statement execution. Its properties are a
 * {@link VersionedProperties} copy of the ones given, so a change made through {@code getProperties()} is seen by the
 * next call. Each execution's data context is an {@link ExecutionDataContext}, which works out the variables a plan
 * seldom reads (time zone, locale, timestamps) only when asked. See {@link StreamViewCalciteFactory} for why this
 * class is in Calcite's package.
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
