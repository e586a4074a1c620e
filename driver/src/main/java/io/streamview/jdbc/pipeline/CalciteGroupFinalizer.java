package io.streamview.jdbc.pipeline;

import io.streamview.catalog.ColumnDef;
import io.streamview.engine.aggregate.GroupFinalizer;
import io.streamview.engine.aggregate.GroupState;
import io.streamview.engine.aggregate.StateLayout;

import org.apache.calcite.avatica.util.ByteString;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Computes an aggregating view's columns and HAVING for stored groups by running the view's final-values query
 * ({@link AggregationSql#finalRows}) over them, so that AVG, expressions over aggregates and HAVING mean exactly
 * what Calcite makes of the view's query. Used by one merge at a time.
 */
final class CalciteGroupFinalizer implements GroupFinalizer {

  private final PreparedStatement statement;
  private final GroupStateTable table;
  private final List<ColumnDef> columns;

  CalciteGroupFinalizer(PreparedStatement statement, GroupStateTable table, List<ColumnDef> columns) {
    this.statement = statement;
    this.table = table;
    this.columns = columns;
  }

  @Override public List<FinalRow> finalRows(StateLayout layout, List<GroupState> groups) {
    List<Object[]> input = new ArrayList<>(groups.size());
    for (int i = 0; i < groups.size(); i++) {
      GroupState g = groups.get(i);
      Object[] row = new Object[1 + g.key().length + g.states().length];
      row[0] = i;
      int c = 1;
      for (Object v : g.key()) {
        row[c++] = internal(v);
      }
      for (Object v : g.states()) {
        row[c++] = internal(v);
      }
      input.add(row);
    }
    FinalRow[] out = new FinalRow[groups.size()];
    int n = columns.size();
    try (AutoCloseable scope = table.holding(input); ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
          values[i] = JdbcStorageValues.read(rs, i + 1, columns.get(i));
        }
        out[rs.getInt(n + 2)] = new FinalRow(values, rs.getBoolean(n + 1));
      }
    } catch (SQLException e) {
      throw new FinalValuesException(e);
    } catch (Exception e) {
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
    if (Arrays.asList(out).contains(null)) {
      throw new IllegalStateException("the final-values query returned no row for a group");
    }
    return Arrays.asList(out);
  }

  private static Object internal(Object v) {
    return v instanceof byte[] b ? new ByteString(b) : v;
  }

  /** Computing a view's columns from its groups failed. */
  static final class FinalValuesException extends RuntimeException {
    FinalValuesException(SQLException cause) {
      super("computing the view's columns from its groups failed: " + cause.getMessage(), cause);
    }
  }
}
