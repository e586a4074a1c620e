package io.streamview.jdbc.connection;

import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.rel.type.TimeFrames;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.util.Holder;
import org.apache.calcite.util.Util;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.function.Function;

/**
 * The data context of one statement execution: what Calcite's own ({@code CalciteConnectionImpl.DataContextImpl})
 * holds, with the same values, but the variables a plan seldom reads (time zone, locale, time frames, user, the
 * current timestamps derived from the execution's start time) are worked out when first asked for instead of for
 * every execution. The start time and the standard streams are taken when the context is made, through Calcite's
 * {@link Hook#CURRENT_TIME} and {@link Hook#STANDARD_STREAMS} as Calcite does, so {@code CURRENT_TIMESTAMP} stays one
 * value throughout a query. The SQL advisor, which Calcite's context makes when asked, is asked of {@code fallback},
 * Calcite's own data context.
 */
public final class ExecutionDataContext implements DataContext {

  /** What the context needs of its connection. */
  public interface Connection {
    TimeZone timeZone();

    @Nullable String locale();

    JavaTypeFactory typeFactory();

    QueryProvider queryProvider();
  }

  private final Connection connection;
  private final Map<String, Object> parameters;
  private final @Nullable CalciteSchema rootSchema;
  private final Function<String, @Nullable Object> fallback;
  private final long time;
  private final Object[] streams;
  private @Nullable SchemaPlus rootSchemaPlus;
  private @Nullable Map<String, Object> variables;

  /**
   * @param parameters the statement's parameter values ({@code ?0}…), internal parameters, cancel flag and timeout:
   *                   a map Calcite makes for this execution and does not touch afterwards, so it is kept, not copied
   * @param fallback   answers the SQL advisor variable (Calcite's own data context, made only then)
   */
  public ExecutionDataContext(Connection connection, Map<String, Object> parameters,
                              @Nullable CalciteSchema rootSchema, Function<String, @Nullable Object> fallback) {
    this.connection = connection;
    this.parameters = parameters;
    this.rootSchema = rootSchema;
    this.fallback = fallback;
    Holder<Long> timeHolder = Holder.of(System.currentTimeMillis());
    Hook.CURRENT_TIME.run(timeHolder);
    this.time = timeHolder.get();
    Holder<Object[]> streamHolder = Holder.of(new Object[] {System.in, System.out, System.err});
    Hook.STANDARD_STREAMS.run(streamHolder);
    this.streams = streamHolder.get();
  }

  @Override public synchronized @Nullable SchemaPlus getRootSchema() {
    if (rootSchemaPlus == null && rootSchema != null) {
      rootSchemaPlus = rootSchema.plus();
    }
    return rootSchemaPlus;
  }

  @Override public JavaTypeFactory getTypeFactory() {
    return connection.typeFactory();
  }

  @Override public QueryProvider getQueryProvider() {
    return connection.queryProvider();
  }

  @Override public @Nullable Object get(String name) {
    Object parameter = parameters.get(name); // not changed after the context is made: read without the lock
    if (parameter != null || parameters.containsKey(name)) {
      return parameter;
    }
    return variable(name);
  }

  private synchronized @Nullable Object variable(String name) {
    if (variables == null) {
      variables = variables();
    }
    Object o = variables.get(name);
    return o == null && Variable.SQL_ADVISOR.camelName.equals(name) ? fallback.apply(name) : o;
  }

  /** The variables Calcite's data context sets, computed as it computes them. */
  private Map<String, Object> variables() {
    TimeZone timeZone = connection.timeZone();
    long localOffset = timeZone.getOffset(time);
    long sysOffset = TimeZone.getDefault().getOffset(time);
    String localeName = connection.locale();
    Locale locale = localeName != null ? Util.parseLocale(localeName) : Locale.ROOT;
    Map<String, Object> v = new HashMap<>();
    v.put(Variable.UTC_TIMESTAMP.camelName, time);
    v.put(Variable.CURRENT_TIMESTAMP.camelName, time + localOffset);
    v.put(Variable.LOCAL_TIMESTAMP.camelName, time + localOffset);
    v.put(Variable.SYS_TIMESTAMP.camelName, time + sysOffset);
    v.put(Variable.TIME_ZONE.camelName, timeZone);
    v.put(Variable.TIME_FRAME_SET.camelName,
        connection.typeFactory().getTypeSystem().deriveTimeFrameSet(TimeFrames.CORE));
    v.put(Variable.USER.camelName, "sa");
    String systemUser = System.getProperty("user.name");
    if (systemUser != null) {
      v.put(Variable.SYSTEM_USER.camelName, systemUser);
    }
    v.put(Variable.LOCALE.camelName, locale);
    v.put(Variable.STDIN.camelName, streams[0]);
    v.put(Variable.STDOUT.camelName, streams[1]);
    v.put(Variable.STDERR.camelName, streams[2]);
    return v;
  }
}
