package io.streamview.jdbc.pipeline;

import io.streamview.engine.source.ShardBatch;
import io.streamview.engine.table.StreamBatchScope;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A pipeline's query over one batch of stream records, compiled on the pipeline's internal connection: one prepared
 * statement per batch evaluated at the same time (shards are read in parallel), reused across batches, and closed
 * with the connection. Statements the pipeline prepares for other uses can be handed over to be closed too.
 */
final class BatchStatements implements AutoCloseable {

  /** Reads the result of the query over one batch. */
  @FunctionalInterface
  interface BatchReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private final Connection connection;
  private final String sql;
  private final String streamName;
  private final ConcurrentLinkedQueue<PreparedStatement> idle = new ConcurrentLinkedQueue<>();
  private final List<PreparedStatement> all = Collections.synchronizedList(new ArrayList<>());

  /** Compiles {@code sql} once (so that a query that cannot be compiled fails here) over {@code streamName}. */
  BatchStatements(Connection connection, String sql, String streamName) throws SQLException {
    this.connection = connection;
    this.sql = sql;
    this.streamName = streamName;
    idle.add(prepare());
  }

  /**
   * Prepares one more statement. Shards read in parallel may both need one at once: Calcite's connection numbers its
   * statements with a plain counter, and two statements created at the same time on one connection can get the same
   * id (an AssertionError in {@code CalciteServerImpl.addStatement} with assertions on, a statement silently replacing
   * another without), so statements are created one at a time per connection.
   */
  private PreparedStatement prepare() throws SQLException {
    synchronized (connection) {
      PreparedStatement ps = connection.prepareStatement(sql);
      all.add(ps);
      return ps;
    }
  }

  /** The columns of the query's result, from a statement already prepared. */
  ResultSetMetaData metaData() throws SQLException {
    synchronized (all) {
      return all.get(0).getMetaData();
    }
  }

  /** Closes {@code ps} when this closes. */
  void closeWith(PreparedStatement ps) {
    all.add(ps);
  }

  /** Runs the query with the stream table scanning exactly {@code batch}'s records, and reads its result. */
  <T> T query(ShardBatch batch, Instant refreshTime, BatchReader<T> reader) {
    try {
      PreparedStatement ps = idle.poll();
      if (ps == null) {
        ps = prepare();
      }
      try (StreamBatchScope scope = StreamBatchScope.open(streamName, batch.records(), refreshTime);
           ResultSet rs = ps.executeQuery()) {
        return reader.read(rs);
      } finally {
        idle.add(ps);
      }
    } catch (SQLException e) {
      throw new CalciteViewPipeline.PipelineException(streamName, e);
    }
  }

  @Override public void close() {
    synchronized (all) {
      for (PreparedStatement ps : all) {
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
