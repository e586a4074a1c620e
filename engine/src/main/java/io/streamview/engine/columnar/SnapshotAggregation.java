package io.streamview.engine.columnar;

import io.streamview.engine.storage.ColumnSnapshot;
import io.streamview.engine.storage.ColumnVector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code SELECT <group columns>, <calls> … GROUP BY <group columns>} evaluated on a column snapshot, column by column:
 * each selected row's group is found once, then each call folds its column's values into per-group arrays.
 *
 * <p>Results are what Calcite's enumerable aggregate gives for the same rows in the same order: {@code COUNT(*)}
 * counts rows, {@code COUNT(c)} non-NULL values; {@code SUM} adds the non-NULL values in row order (doubles with
 * {@code +}, integers as {@code long} with Java's wrapping {@code +}) and is NULL when there were none, {@code $SUM0}
 * is then 0. Groups come out in the iteration order of a {@link HashMap} given the same keys in the same order as
 * Calcite's (a single column's value itself, several columns' values as a list); NULL is a key like any other.
 * Without group columns there is one row, also for no selected rows.
 */
public final class SnapshotAggregation {

  /** The aggregate functions evaluated here. */
  public enum Function { COUNT_STAR, COUNT, SUM, SUM0 }

  /** What a SUM returns: a {@code Long} (BIGINT) or a {@code Double} (DOUBLE). */
  public enum Result { LONG, DOUBLE }

  /**
   * One aggregate call.
   *
   * @param column the snapshot column it reads (ignored for {@code COUNT(*)})
   * @param result the Java class of a SUM's value
   */
  public record Call(Function function, int column, Result result) {
  }

  private final int[] groupColumns;
  private final Call[] calls;

  public SnapshotAggregation(int[] groupColumns, List<Call> calls) {
    this.groupColumns = groupColumns.clone();
    this.calls = calls.toArray(new Call[0]);
  }

  /** The snapshot columns it reads. */
  public boolean[] columns(int width) {
    boolean[] out = new boolean[width];
    for (int g : groupColumns) {
      out[g] = true;
    }
    for (Call c : calls) {
      if (c.function() != Function.COUNT_STAR) {
        out[c.column()] = true;
      }
    }
    return out;
  }

  /**
   * The result rows (group values, then one value per call) over the snapshot's rows {@code rows} lists, in order
   * ({@code null}: every row); {@code null} when a column holds values this operator does not take (a SUM's column
   * not of the numbers its result needs, a group value that is a byte array), for the caller to use the row path.
   */
  public List<Object[]> run(ColumnSnapshot snapshot, int[] rows) {
    int n = rows == null ? snapshot.rows() : rows.length;
    ColumnVector[] args = new ColumnVector[calls.length];
    for (int i = 0; i < calls.length; i++) {
      Call c = calls[i];
      if (c.function() == Function.COUNT_STAR) {
        continue;
      }
      args[i] = snapshot.column(c.column());
      if (args[i] == null || !takes(c, args[i].kind())) {
        return null;
      }
    }
    int[] groupOf;
    List<Object> keys;
    if (groupColumns.length == 0) {
      groupOf = null;
      keys = null;
    } else {
      groupOf = new int[n];
      keys = groups(snapshot, rows, n, groupOf);
      if (keys == null) {
        return null;
      }
    }
    int groups = keys == null ? 1 : keys.size();
    Object[][] values = new Object[calls.length][];
    for (int i = 0; i < calls.length; i++) {
      values[i] = fold(calls[i], args[i], rows, n, groupOf, groups);
    }
    List<Object[]> out = new ArrayList<>(groups);
    if (keys == null) {
      Object[] row = new Object[calls.length];
      for (int i = 0; i < calls.length; i++) {
        row[i] = values[i][0];
      }
      out.add(row);
      return out;
    }
    Map<Object, Integer> order = new HashMap<>();
    for (int g = 0; g < groups; g++) {
      order.put(keys.get(g), g); // Calcite's map: the same keys in the same order iterate alike
    }
    for (Map.Entry<Object, Integer> e : order.entrySet()) {
      int g = e.getValue();
      Object[] row = new Object[groupColumns.length + calls.length];
      if (groupColumns.length == 1) {
        row[0] = e.getKey();
      } else {
        List<?> key = (List<?>) e.getKey();
        for (int k = 0; k < groupColumns.length; k++) {
          row[k] = key.get(k);
        }
      }
      for (int i = 0; i < calls.length; i++) {
        row[groupColumns.length + i] = values[i][g];
      }
      out.add(row);
    }
    return out;
  }

  private static boolean takes(Call c, ColumnVector.Kind kind) {
    if (c.function() == Function.COUNT || kind == ColumnVector.Kind.NULLS) {
      return true;
    }
    return c.result() == Result.DOUBLE ? kind == ColumnVector.Kind.DOUBLE
        : kind == ColumnVector.Kind.INT || kind == ColumnVector.Kind.LONG;
  }

  /** Numbers each row's group (into {@code groupOf}) and returns the groups' keys by number, in first-seen order. */
  private List<Object> groups(ColumnSnapshot snapshot, int[] rows, int n, int[] groupOf) {
    ColumnVector[] keyColumns = new ColumnVector[groupColumns.length];
    for (int k = 0; k < keyColumns.length; k++) {
      keyColumns[k] = snapshot.column(groupColumns[k]);
      if (keyColumns[k] == null) {
        return null;
      }
    }
    Map<Object, Integer> numbers = new HashMap<>();
    List<Object> keys = new ArrayList<>();
    if (keyColumns.length == 1 && keyColumns[0].codes() != null) {
      ColumnVector c = keyColumns[0];
      int[] codes = c.codes();
      int[] groupOfCode = new int[c.dictionarySize() + 1];
      Arrays.fill(groupOfCode, -1);
      for (int i = 0; i < n; i++) {
        int code = codes[rows == null ? i : rows[i]];
        int g = groupOfCode[code];
        if (g < 0) {
          g = keys.size();
          groupOfCode[code] = g;
          keys.add(code == 0 ? null : c.dictionaryValue(code));
        }
        groupOf[i] = g;
      }
      return keys;
    }
    if (keyColumns.length == 1) {
      ColumnVector c = keyColumns[0];
      Object last = null;
      int lastGroup = -1;
      for (int i = 0; i < n; i++) {
        int r = rows == null ? i : rows[i];
        Object v = c.objectAt(r);
        if (lastGroup >= 0 && v == last) { // snapshot strings repeat as one object
          groupOf[i] = lastGroup;
          continue;
        }
        if (v instanceof byte[]) {
          return null;
        }
        Integer g = numbers.get(v);
        if (g == null) {
          g = keys.size();
          numbers.put(v, g);
          keys.add(v);
        }
        groupOf[i] = g;
        last = v;
        lastGroup = g;
      }
      return keys;
    }
    for (int i = 0; i < n; i++) {
      int r = rows == null ? i : rows[i];
      Object[] key = new Object[keyColumns.length];
      for (int k = 0; k < key.length; k++) {
        Object v = keyColumns[k].objectAt(r);
        if (v instanceof byte[]) {
          return null;
        }
        key[k] = v;
      }
      List<Object> list = Arrays.asList(key); // List.hashCode and equals, as Calcite's FlatLists keys
      Integer g = numbers.get(list);
      if (g == null) {
        g = keys.size();
        numbers.put(list, g);
        keys.add(list);
      }
      groupOf[i] = g;
    }
    return keys;
  }

  /** One call's value per group. */
  private static Object[] fold(Call c, ColumnVector arg, int[] rows, int n, int[] groupOf, int groups) {
    Object[] out = new Object[groups];
    switch (c.function()) {
      case COUNT_STAR -> {
        long[] counts = new long[groups];
        if (groupOf == null) {
          counts[0] = n;
        } else {
          for (int i = 0; i < n; i++) {
            counts[groupOf[i]]++;
          }
        }
        for (int g = 0; g < groups; g++) {
          out[g] = counts[g];
        }
      }
      case COUNT -> {
        long[] counts = new long[groups];
        for (int i = 0; i < n; i++) {
          int r = rows == null ? i : rows[i];
          if (!arg.isNull(r)) {
            counts[groupOf == null ? 0 : groupOf[i]]++;
          }
        }
        for (int g = 0; g < groups; g++) {
          out[g] = counts[g];
        }
      }
      default -> {
        boolean[] seen = new boolean[groups];
        boolean doubles = c.result() == Result.DOUBLE;
        double[] dsum = doubles ? new double[groups] : null;
        long[] lsum = doubles ? null : new long[groups];
        double[] values = doubles ? arg.doubleArray() : null;
        if (values != null) {
          long[] nulls = arg.nullBitmap();
          for (int i = 0; i < n; i++) {
            int r = rows == null ? i : rows[i];
            if (nulls != null && (nulls[r >>> 6] & (1L << r)) != 0) {
              continue;
            }
            int g = groupOf == null ? 0 : groupOf[i];
            seen[g] = true;
            dsum[g] += values[r];
          }
        } else if (arg.kind() != ColumnVector.Kind.NULLS) {
          for (int i = 0; i < n; i++) {
            int r = rows == null ? i : rows[i];
            if (arg.isNull(r)) {
              continue;
            }
            int g = groupOf == null ? 0 : groupOf[i];
            seen[g] = true;
            if (doubles) {
              dsum[g] += arg.doubleAt(r);
            } else {
              lsum[g] += arg.longAt(r);
            }
          }
        }
        boolean zero = c.function() == Function.SUM0;
        for (int g = 0; g < groups; g++) {
          if (!seen[g] && !zero) {
            out[g] = null;
          } else if (doubles) {
            out[g] = dsum[g];
          } else {
            out[g] = lsum[g];
          }
        }
      }
    }
    return out;
  }
}
