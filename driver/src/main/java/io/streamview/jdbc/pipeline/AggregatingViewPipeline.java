package io.streamview.jdbc.pipeline;

import io.streamview.catalog.ColumnDef;
import io.streamview.engine.aggregate.GroupFinalizer;
import io.streamview.engine.aggregate.GroupMerger;
import io.streamview.engine.aggregate.RecordContribution;
import io.streamview.engine.aggregate.StateKind;
import io.streamview.engine.aggregate.StateLayout;
import io.streamview.engine.database.Database;
import io.streamview.engine.refresh.ViewPipeline;
import io.streamview.engine.source.ShardBatch;
import io.streamview.engine.storage.RowStore;
import io.streamview.jdbc.StreamViewDriver;
import io.streamview.jdbc.error.ErrorCode;
import io.streamview.jdbc.error.StreamViewException;

import org.apache.calcite.jdbc.CalciteConnection;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An aggregating view's refresh pipeline. Per batch: Calcite evaluates the view's WHERE, group keys and aggregate
 * arguments over the batch's records ({@link AggregationSql#records}); the records are merged into the stored groups
 * they belong to by a {@link GroupMerger} (one batch at a time), which skips records a group already includes and
 * recomputes the changed groups' columns and HAVING with {@link CalciteGroupFinalizer} (or, for plain
 * COUNT/SUM/MIN/MAX/AVG columns without HAVING, {@link PlainGroupFinalizer}, which gives the same values without
 * SQL). The stored history is never re-read: only the groups a batch touches, each read once per refresh.
 */
public final class AggregatingViewPipeline implements ViewPipeline {

  private final BatchQuery statements;
  private final String viewName;
  private final List<ColumnDef> groupColumns;
  private final List<ColumnDef> stateColumns;
  private final List<Aggregation.State> states;
  private final GroupMerger merger;
  private final boolean withoutSql;
  private final InternalStorageValues.Kind[] groupKinds;
  private final InternalStorageValues.Kind[] stateKinds;

  private AggregatingViewPipeline(BatchQuery statements, String viewName, StreamingQuery query,
                                  List<ColumnDef> groupColumns, List<ColumnDef> stateColumns, GroupMerger merger,
                                  boolean withoutSql) {
    this.statements = statements;
    this.viewName = viewName;
    this.groupColumns = groupColumns;
    this.stateColumns = stateColumns;
    this.states = query.aggregation().states();
    this.merger = merger;
    this.withoutSql = withoutSql;
    this.groupKinds = InternalStorageValues.kinds(groupColumns);
    this.stateKinds = InternalStorageValues.kinds(stateColumns);
  }

  /** Whether the view's columns are computed by {@link PlainGroupFinalizer} rather than by SQL. */
  boolean computesColumnsWithoutSql() {
    return withoutSql;
  }

  /** Compiles the pipeline of {@code query}, an aggregating view's query; {@code columns} are the view's columns. */
  public static AggregatingViewPipeline open(Database db, StreamingQuery query, List<ColumnDef> columns)
      throws SQLException {
    return open(db, query, columns, true);
  }

  /**
   * As {@link #open(Database, StreamingQuery, List)}; {@code plainAllowed} false always computes the columns with
   * the final-values query (for tests comparing it with {@link PlainGroupFinalizer}).
   */
  static AggregatingViewPipeline open(Database db, StreamingQuery query, List<ColumnDef> columns,
                                      boolean plainAllowed) throws SQLException {
    Aggregation a = query.aggregation();
    Connection c = StreamViewDriver.openInternal(db);
    try {
      List<ColumnDef> probe;
      try (PreparedStatement ps = c.prepareStatement(AggregationSql.probe(query))) {
        ResultSetMetaData md = ps.getMetaData();
        probe = ResultColumns.of(a.viewName(), md, md.getColumnCount());
      }
      int g = a.groups().size();
      int s = a.states().size();
      List<ColumnDef> groupColumns = probe.subList(0, g);
      List<ColumnDef> stateColumns = probe.subList(g, g + s);
      List<ColumnDef> averageTypes = probe.subList(g + s, probe.size());
      List<ColumnDef> tableColumns = new ArrayList<>();
      tableColumns.add(new ColumnDef(AggregationSql.ROW_COLUMN, "INTEGER", -1, -1, false));
      tableColumns.addAll(groupColumns);
      tableColumns.addAll(stateColumns);
      StateLayout layout = new StateLayout(columns.size(), g, a.stateKinds());
      GroupFinalizer finalizer = plainAllowed
          ? PlainGroupFinalizer.of(a, columns, groupColumns, stateColumns, averageTypes).orElse(null) : null;
      PreparedStatement finalRows = null;
      if (finalizer == null) {
        GroupStateTable table = new GroupStateTable(tableColumns);
        c.unwrap(CalciteConnection.class).getRootSchema().add(AggregationSql.GROUPS_TABLE, table);
        finalRows = c.prepareStatement(AggregationSql.finalRows(query, columns, averageTypes));
        finalizer = new CalciteGroupFinalizer(finalRows, table, columns);
      }
      GroupMerger merger = new GroupMerger(layout, finalizer);
      BatchQuery statements = new BatchQuery(c, AggregationSql.records(query), query.streamName());
      if (finalRows != null) {
        statements.closeWith(finalRows);
      }
      return new AggregatingViewPipeline(statements, a.viewName(), query, List.copyOf(groupColumns),
          List.copyOf(stateColumns), merger, finalRows == null);
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** The layout of the groups this pipeline stores. */
  public StateLayout layout() {
    return merger.layout();
  }

  @Override public void begin(RowStore store) {
    merger.startRefresh();
    if (groupColumns.isEmpty()) {
      merger.ensureGroup(store, new Object[0]);
    }
  }

  @Override public void end() {
    merger.endRefresh();
  }

  @Override public long write(ShardBatch batch, Instant refreshTime, RowStore store) {
    if (batch.records().isEmpty()) {
      return 0;
    }
    List<RecordContribution> records = contributions(batch, refreshTime);
    if (records.isEmpty()) {
      return 0;
    }
    String last = batch.records().get(batch.records().size() - 1).sequenceNumber();
    try {
      return merger.merge(store, batch.shardId(), last, records);
    } catch (ArithmeticException e) {
      throw overflow(e);
    }
  }

  @Override public boolean holdsBatches() {
    return true;
  }

  @Override public Object evaluate(ShardBatch batch, Instant refreshTime) {
    return batch.records().isEmpty() ? List.<RecordContribution>of() : contributions(batch, refreshTime);
  }

  @Override public void hold(ShardBatch batch, Object evaluated, RowStore store) {
    @SuppressWarnings("unchecked")
    List<RecordContribution> records = (List<RecordContribution>) evaluated;
    if (records.isEmpty()) {
      return;
    }
    String last = batch.records().get(batch.records().size() - 1).sequenceNumber();
    try {
      merger.hold(store, batch.shardId(), last, records);
    } catch (ArithmeticException e) {
      throw overflow(e);
    }
  }

  @Override public int heldRows() {
    return merger.dirtyGroups();
  }

  @Override public long flush(RowStore store) {
    return merger.flush(store);
  }

  private StreamViewException overflow(ArithmeticException e) {
    return new StreamViewException(ErrorCode.NUMERIC_OUT_OF_RANGE, e, "materialized view " + viewName
        + ": an aggregate overflowed its type (" + e.getMessage() + "); aggregate a wider type, e.g. "
        + "SUM(x::BIGINT) or SUM(x::DECIMAL(38, 0))");
  }

  /** One contribution per record of the batch that passes the view's WHERE. */
  private List<RecordContribution> contributions(ShardBatch batch, Instant refreshTime) {
    return statements.query(batch, refreshTime, rows -> {
        List<RecordContribution> out = new ArrayList<>(batch.records().size());
        int keys = groupColumns.size();
        while (rows.moveNext()) {
          Object[] row = rows.current();
          Object[] key = new Object[keys];
          for (int i = 0; i < keys; i++) {
            key[i] = normalized(InternalStorageValues.convert(row[i], groupKinds[i], groupColumns.get(i)),
                groupColumns.get(i));
          }
          int column = keys;
          Object[] inputs = new Object[states.size()];
          for (int i = 0; i < inputs.length; i++) {
            Aggregation.State s = states.get(i);
            if (s.argument() == null) {
              inputs[i] = Boolean.TRUE;
            } else if (s.kind() == StateKind.COUNT) {
              inputs[i] = Boolean.TRUE.equals(row[column++]); // getBoolean: NULL reads as false
            } else {
              inputs[i] = normalized(InternalStorageValues.convert(row[column++], stateKinds[i], stateColumns.get(i)),
                  stateColumns.get(i));
            }
          }
          out.add(new RecordContribution(key, row[column].toString(), inputs));
        }
        return out;
    });
  }

  /** A decimal with its column's scale, so that equal values of a group key or a sum look alike. */
  private static Object normalized(Object v, ColumnDef column) {
    if (v instanceof BigDecimal d && column.scale() >= 0 && d.scale() != column.scale()) {
      return d.setScale(column.scale(), RoundingMode.HALF_UP);
    }
    return v;
  }

  @Override public List<Map.Entry<byte[], Object[]>> apply(ShardBatch batch, Instant refreshTime) {
    throw new UnsupportedOperationException("an aggregating view's batches are merged by write()");
  }

  @Override public void close() {
    merger.endRefresh();
    statements.close();
  }
}
