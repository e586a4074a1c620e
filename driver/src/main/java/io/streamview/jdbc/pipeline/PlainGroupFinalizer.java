package io.streamview.jdbc.pipeline;

import io.streamview.catalog.ColumnDef;
import io.streamview.engine.aggregate.GroupFinalizer;
import io.streamview.engine.aggregate.GroupState;
import io.streamview.engine.aggregate.StateLayout;

import org.apache.calcite.sql.SqlNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Computes an aggregating view's columns from its groups without running SQL, for the queries where that gives
 * exactly what {@link CalciteGroupFinalizer} gives: no HAVING, and every select item a GROUP BY expression or a bare
 * {@code COUNT}, {@code SUM}, {@code MIN}, {@code MAX} or {@code AVG} whose column has the very type of the key or
 * state it shows (so the final-values query's CAST changes nothing), of a type read back as it is stored
 * ({@link #AS_STORED}); an {@code AVG} only over {@code DOUBLE PRECISION}, where Calcite's
 * {@code CAST(CAST(sum AS DOUBLE) / count AS DOUBLE)} is the double division {@code sum / count}. Any other query
 * keeps {@link CalciteGroupFinalizer}. {@code PlainGroupFinalizerTest} checks both give the same stored rows.
 */
final class PlainGroupFinalizer implements GroupFinalizer {

  /** Types whose values a CAST to the same type and {@link JdbcStorageValues#read} give back unchanged. */
  static final Set<String> AS_STORED = Set.of("SMALLINT", "INTEGER", "BIGINT", "REAL", "DOUBLE PRECISION",
      "BOOLEAN", "VARCHAR");

  private static final String DOUBLE = "DOUBLE PRECISION";

  /** Where a view column's value comes from: a key value, a state, or SUM / COUNT of two states. */
  private record Source(Kind kind, int index, int countIndex) {
  }

  private enum Kind { KEY, STATE, AVERAGE }

  private final Source[] sources;

  private PlainGroupFinalizer(Source[] sources) {
    this.sources = sources;
  }

  /**
   * The finalizer of {@code a}'s view if its columns can be computed without SQL; empty otherwise.
   *
   * @param columns      the view's columns
   * @param groupColumns the types of the GROUP BY expressions
   * @param stateColumns the types of the stored states
   * @param averageTypes the types of {@link Aggregation#averages()}
   */
  static Optional<GroupFinalizer> of(Aggregation a, List<ColumnDef> columns, List<ColumnDef> groupColumns,
                                     List<ColumnDef> stateColumns, List<ColumnDef> averageTypes) {
    if (a.having() != null || a.items().size() != columns.size()) {
      return Optional.empty();
    }
    List<Aggregation.Use> averages = a.averages();
    Source[] sources = new Source[columns.size()];
    for (int i = 0; i < sources.length; i++) {
      SqlNode item = a.items().get(i);
      ColumnDef column = columns.get(i);
      int g = a.groupIndexOf(item);
      if (g >= 0) {
        if (!sameStoredType(column, groupColumns.get(g))) {
          return Optional.empty();
        }
        sources[i] = new Source(Kind.KEY, g, -1);
        continue;
      }
      Aggregation.Use use = a.aggregateOf(item);
      if (use == null) {
        return Optional.empty();
      }
      if (use.function().equals("avg")) {
        int sum = use.states().get(0);
        int count = use.states().get(1);
        ColumnDef type = averageTypes.get(averages.indexOf(use));
        if (!DOUBLE.equals(column.typeName()) || !sameStoredType(column, type)
            || !sameStoredType(column, stateColumns.get(sum))) {
          return Optional.empty();
        }
        sources[i] = new Source(Kind.AVERAGE, sum, count);
      } else {
        int state = use.states().get(0);
        if (!sameStoredType(column, stateColumns.get(state))) {
          return Optional.empty();
        }
        sources[i] = new Source(Kind.STATE, state, -1);
      }
    }
    return Optional.of(new PlainGroupFinalizer(sources));
  }

  private static boolean sameStoredType(ColumnDef a, ColumnDef b) {
    return AS_STORED.contains(a.typeName()) && a.typeName().equals(b.typeName())
        && a.precision() == b.precision() && a.scale() == b.scale();
  }

  @Override public List<FinalRow> finalRows(StateLayout layout, List<GroupState> groups) {
    List<FinalRow> out = new ArrayList<>(groups.size());
    for (GroupState g : groups) {
      Object[] key = g.key();
      Object[] states = g.states();
      Object[] values = new Object[sources.length];
      for (int i = 0; i < sources.length; i++) {
        Source s = sources[i];
        values[i] = switch (s.kind()) {
          case KEY -> key[s.index()];
          case STATE -> states[s.index()];
          case AVERAGE -> average((Double) states[s.index()], (Long) states[s.countIndex()]);
        };
      }
      out.add(new FinalRow(values, true));
    }
    return out;
  }

  /** {@code CAST(CAST(sum AS DOUBLE) / count AS DOUBLE)}: NULL without values. */
  private static Double average(Double sum, Long count) {
    return sum == null || count == null ? null : sum / count;
  }
}
