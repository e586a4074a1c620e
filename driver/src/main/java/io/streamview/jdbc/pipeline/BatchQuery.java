package io.streamview.jdbc.pipeline;

import io.streamview.engine.source.ShardBatch;
import io.streamview.engine.table.StreamBatchScope;
import io.streamview.jdbc.superpath.SuperPrepare;

import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.AvaticaResultSetMetaData;
import org.apache.calcite.avatica.Helper;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.rel.type.TimeFrames;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.util.Holder;
import org.apache.calcite.util.Util;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A pipeline's query over one batch of stream records, compiled by Calcite on the pipeline's internal connection
 * (parsed, validated, planned and code-generated exactly as {@code prepareStatement} does it) and executed by binding
 * its compiled plan to a data context, as Calcite's own statement execution does; the rows come as Calcite's
 * internal {@code Object[]} values, without a JDBC result set in between ({@link InternalStorageValues} converts
 * them). The query is compiled once and its compiled plan is shared by every batch, also by batches of shards
 * evaluated at the same time: binding the plan ({@code Bindable.bind}) builds a new enumerable over the given data
 * context and keeps no state in the compiled class (Calcite's own {@code EnumerableInterpretable} shares one bound
 * class between statements the same way, in its bindable cache), and the variables of an execution live in its own
 * data context. Compiling a second plan for a second shard cost a Calcite prepare and a Janino compile (100–200 ms)
 * in the first refresh after CREATE. Statements the pipeline prepares for other uses can be handed over to be
 * closed with the connection.
 */
final class BatchQuery implements AutoCloseable {

  /** Reads the rows of the query over one batch, each an array of the query's columns (internal values). */
  @FunctionalInterface
  interface BatchReader<T> {
    T read(Enumerator<Object[]> rows);
  }

  private final Connection connection;
  private final CalciteConnection calcite;
  private final String sql;
  private final String streamName;
  private final CalcitePrepare.CalciteSignature<Object> compiled;
  private final List<PreparedStatement> statements = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean closed;

  /** Compiles {@code sql} once (so that a query that cannot be compiled fails here) over {@code streamName}. */
  BatchQuery(Connection connection, String sql, String streamName) throws SQLException {
    this.connection = connection;
    this.calcite = connection.unwrap(CalciteConnection.class);
    this.sql = sql;
    this.streamName = streamName;
    this.compiled = prepare();
  }

  /**
   * Compiles the query, as {@code CalciteConnectionImpl.prepareStatement} does (with the driver's
   * {@link SuperPrepare}, its prepare context pushed for the duration, a failure reported as "Error while preparing
   * statement").
   */
  private CalcitePrepare.CalciteSignature<Object> prepare() throws SQLException {
    synchronized (connection) {
      CalcitePrepare.Context context = calcite.createPrepareContext();
      CalcitePrepare.Dummy.push(context);
      try {
        return new SuperPrepare().prepareSql(context, CalcitePrepare.Query.of(sql),
            Object[].class, -1);
      } catch (RuntimeException e) {
        throw Helper.INSTANCE.createException("Error while preparing statement [" + sql + "]", e);
      } finally {
        CalcitePrepare.Dummy.pop(context);
      }
    }
  }

  /** The columns of the query's result. */
  ResultSetMetaData metaData() {
    return new AvaticaResultSetMetaData(null, sql, compiled);
  }

  /** Closes {@code ps} when this closes. */
  void closeWith(PreparedStatement ps) {
    statements.add(ps);
  }

  /** Runs the query with the stream table scanning exactly {@code batch}'s records, and reads its rows. */
  <T> T query(ShardBatch batch, Instant refreshTime, BatchReader<T> reader) {
    try {
      if (closed || connection.isClosed()) {
        throw new SQLException("the compiled query of stream \"" + streamName + "\" was closed");
      }
    } catch (SQLException e) {
      throw new CalciteViewPipeline.PipelineException(streamName, e);
    }
    try (StreamBatchScope scope = StreamBatchScope.open(streamName, batch.records(), refreshTime);
         Enumerator<Object[]> rows = rows(compiled)) {
      return reader.read(rows);
    } catch (RuntimeException e) {
      throw new CalciteViewPipeline.PipelineException(streamName,
          Helper.INSTANCE.createException("Error while executing SQL \"" + sql + "\": " + e.getMessage(), e));
    }
  }

  private Enumerator<Object[]> rows(CalcitePrepare.CalciteSignature<Object> signature) {
    Enumerator<Object> e = signature.enumerable(dataContext(signature)).enumerator();
    boolean arrays = signature.cursorFactory.style == Meta.Style.ARRAY;
    return new Enumerator<>() {
      @Override public Object[] current() {
        Object row = e.current();
        return arrays ? (Object[]) row : new Object[] {row};
      }

      @Override public boolean moveNext() {
        return e.moveNext();
      }

      @Override public void reset() {
        e.reset();
      }

      @Override public void close() {
        e.close();
      }
    };
  }

  /**
   * The variables Calcite's statement execution gives a query ({@code CalciteConnectionImpl.DataContextImpl} and
   * {@code enumerable}): the query's start time (the same for all its rows) in UTC, local and session time, the
   * connection's time zone and locale, the query's internal parameters and a cancel flag.
   */
  private DataContext dataContext(CalcitePrepare.CalciteSignature<Object> signature) {
    Holder<Long> timeHolder = Holder.of(System.currentTimeMillis());
    Hook.CURRENT_TIME.run(timeHolder);
    long time = timeHolder.get();
    String zone = calcite.config().timeZone();
    TimeZone timeZone = zone == null ? TimeZone.getDefault() : TimeZone.getTimeZone(zone);
    long localOffset = timeZone.getOffset(time);
    String localeName = calcite.config().locale();
    Map<String, Object> map = new HashMap<>();
    map.put(DataContext.Variable.UTC_TIMESTAMP.camelName, time);
    map.put(DataContext.Variable.CURRENT_TIMESTAMP.camelName, time + localOffset);
    map.put(DataContext.Variable.LOCAL_TIMESTAMP.camelName, time + localOffset);
    map.put(DataContext.Variable.SYS_TIMESTAMP.camelName, time + TimeZone.getDefault().getOffset(time));
    map.put(DataContext.Variable.TIME_ZONE.camelName, timeZone);
    map.put(DataContext.Variable.TIME_FRAME_SET.camelName,
        calcite.getTypeFactory().getTypeSystem().deriveTimeFrameSet(TimeFrames.CORE));
    map.put(DataContext.Variable.USER.camelName, "sa");
    map.put(DataContext.Variable.SYSTEM_USER.camelName, System.getProperty("user.name"));
    map.put(DataContext.Variable.LOCALE.camelName, localeName != null ? Util.parseLocale(localeName) : Locale.ROOT);
    map.put(DataContext.Variable.STDIN.camelName, System.in);
    map.put(DataContext.Variable.STDOUT.camelName, System.out);
    map.put(DataContext.Variable.STDERR.camelName, System.err);
    map.putAll(signature.internalParameters);
    map.put(DataContext.Variable.CANCEL_FLAG.camelName, new AtomicBoolean());
    SchemaPlus root = signature.rootSchema == null ? null : signature.rootSchema.plus();
    JavaTypeFactory types = calcite.getTypeFactory();
    QueryProvider provider = calcite;
    return new DataContext() {
      @Override public SchemaPlus getRootSchema() {
        return root;
      }

      @Override public JavaTypeFactory getTypeFactory() {
        return types;
      }

      @Override public QueryProvider getQueryProvider() {
        return provider;
      }

      @Override public Object get(String name) {
        return map.get(name);
      }
    };
  }

  @Override public void close() {
    closed = true;
    synchronized (statements) {
      for (PreparedStatement ps : statements) {
        try {
          ps.close();
        } catch (SQLException ignored) {
          // closing anyway
        }
      }
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing anyway
    }
  }
}
