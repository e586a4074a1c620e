package io.streamview.jdbc.pipeline;

import io.streamview.catalog.ColumnDef;
import io.streamview.engine.database.Database;
import io.streamview.engine.refresh.ViewPipeline;
import io.streamview.engine.source.ShardBatch;
import io.streamview.engine.storage.RowKeys;
import io.streamview.engine.table.StreamBatchScope;
import io.streamview.jdbc.StreamViewDriver;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A streaming view's query compiled by Calcite on an internal connection, applied to one batch at a time: the
 * batch becomes the stream table's content for the duration of the execution ({@link StreamBatchScope}). The query
 * carries two extra output columns, the shard id and sequence number of each row's record, which key the row.
 */
public final class CalciteViewPipeline implements ViewPipeline {

  private static final String SHARD_COLUMN = "$sv_shard_id";
  private static final String SEQUENCE_COLUMN = "$sv_sequence_number";

  private final BatchQuery statements;
  private final List<ColumnDef> columns;
  private final InternalStorageValues.Kind[] kinds;

  private CalciteViewPipeline(BatchQuery statements, List<ColumnDef> columns) {
    this.statements = statements;
    this.columns = columns;
    this.kinds = InternalStorageValues.kinds(columns);
  }

  /** The SQL the pipeline runs: the view's query plus the two key columns. */
  public static String pipelineSql(StreamingQuery query) {
    SqlSelect select = query.select();
    SqlNodeList original = select.getSelectList();
    List<SqlNode> items = new ArrayList<>(original.getList());
    items.add(keyColumn(query.qualifier(), "shard_id", SHARD_COLUMN));
    items.add(keyColumn(query.qualifier(), "sequence_number", SEQUENCE_COLUMN));
    select.setSelectList(new SqlNodeList(items, original.getParserPosition()));
    try {
      return select.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
    } finally {
      select.setSelectList(original);
    }
  }

  private static SqlNode keyColumn(String qualifier, String column, String alias) {
    return SqlStdOperatorTable.AS.createCall(SqlParserPos.ZERO,
        new SqlIdentifier(List.of(qualifier, column), SqlParserPos.ZERO),
        new SqlIdentifier(alias, SqlParserPos.ZERO));
  }

  /** Compiles the pipeline; {@code columns} are the view's columns (without the key columns). */
  public static CalciteViewPipeline open(Database db, StreamingQuery query, List<ColumnDef> columns)
      throws SQLException {
    Connection c = StreamViewDriver.openInternal(db);
    try {
      return new CalciteViewPipeline(new BatchQuery(c, pipelineSql(query), query.streamName()), columns);
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /**
   * Compiles the pipeline of a view being created, whose columns the compiled query gives ({@link #columns()}): what
   * {@link #describe} finds, without compiling the query a second time for the view's first refresh.
   */
  static CalciteViewPipeline openDescribing(Database db, String viewName, StreamingQuery query) throws SQLException {
    Connection c = StreamViewDriver.openInternal(db);
    try {
      BatchQuery statements = new BatchQuery(c, pipelineSql(query), query.streamName());
      try {
        ResultSetMetaData md = statements.metaData();
        return new CalciteViewPipeline(statements, ResultColumns.of(viewName, md, md.getColumnCount() - 2));
      } catch (SQLException | RuntimeException e) {
        statements.close();
        throw e;
      }
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** The view's columns (without the key columns). */
  List<ColumnDef> columns() {
    return columns;
  }

  @Override public List<Map.Entry<byte[], Object[]>> apply(ShardBatch batch, Instant refreshTime) {
    if (batch.records().isEmpty()) {
      return List.of();
    }
    return statements.query(batch, refreshTime, rows -> {
        List<Map.Entry<byte[], Object[]>> out = new ArrayList<>(batch.records().size());
        int n = columns.size();
        String previousShard = null;
        String previousSequence = null;
        long previousSub = -1;
        while (rows.moveNext()) {
          Object[] internal = rows.current();
          Object[] row = new Object[n];
          for (int i = 0; i < n; i++) {
            row[i] = InternalStorageValues.convert(internal[i], kinds[i], columns.get(i));
          }
          String shard = internal[n].toString().trim();
          String sequence = internal[n + 1].toString();
          // the user records of a KPL-aggregated record share (shard, sequence): number the rows of one record
          // in output order, which is the same whenever the same batch is applied again (one batch holds all of a
          // record's user records), so keys stay unique and a re-applied batch overwrites the same rows
          long sub = sequence.equals(previousSequence) && shard.equals(previousShard) ? previousSub + 1 : 0;
          previousShard = shard;
          previousSequence = sequence;
          previousSub = sub;
          out.add(Map.entry(RowKeys.ofRecord(shard, sequence, sub), row));
        }
        return out;
    });
  }

  @Override public void close() {
    statements.close();
  }

  /** The view's query failed on a batch. */
  public static final class PipelineException extends RuntimeException {
    PipelineException(String streamName, SQLException cause) {
      super("evaluating the view's query on records of stream \"" + streamName + "\" failed: "
          + cause.getMessage(), cause);
    }
  }
}
