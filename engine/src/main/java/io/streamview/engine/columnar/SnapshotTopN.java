package io.streamview.engine.columnar;

import io.streamview.engine.storage.ColumnSnapshot;
import io.streamview.engine.storage.ColumnVector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code SELECT <columns> … ORDER BY <keys> LIMIT fetch OFFSET offset} evaluated on a column snapshot: a bounded heap
 * of row numbers compared on the key columns' arrays, so that only the returned rows' values are materialised.
 *
 * <p>The order is Calcite's for the same rows: values by {@link Comparable#compareTo} ({@link Double#compare} for
 * doubles) when there are several keys; one key's numbers by their value as Calcite's single-key comparator takes
 * them (as decimals: {@code -0.0} equals {@code 0.0}); NULLs first or last as each key says, whatever its direction;
 * rows equal on every key keep the order they have in the selection (a stable sort, as Calcite's bounded sort keeps
 * them).
 */
public final class SnapshotTopN {

  /** One ORDER BY key: a snapshot column, its direction, where its NULLs go. */
  public record Key(int column, boolean descending, boolean nullsFirst) {
  }

  /** Most rows ({@code offset + fetch}) it keeps; more is left to the row path. */
  public static final int MAX_ROWS = 100_000;

  private final int[] outputColumns;
  private final Key[] keys;
  private final int offset;
  private final int fetch;

  public SnapshotTopN(int[] outputColumns, List<Key> keys, int offset, int fetch) {
    this.outputColumns = outputColumns.clone();
    this.keys = keys.toArray(new Key[0]);
    this.offset = offset;
    this.fetch = fetch;
  }

  /** The snapshot columns it reads. */
  public boolean[] columns(int width) {
    boolean[] out = new boolean[width];
    for (int c : outputColumns) {
      out[c] = true;
    }
    for (Key k : keys) {
      out[k.column()] = true;
    }
    return out;
  }

  /**
   * The rows (the output columns' values, each through {@code value}) among the snapshot's rows {@code rows} lists,
   * in order ({@code null}: every row); {@code null} when a key column holds values it does not compare (byte arrays,
   * values of different classes), for the caller to use the row path.
   */
  public List<Object[]> run(ColumnSnapshot snapshot, int[] rows, UnaryOperator<Object> value) {
    int n = rows == null ? snapshot.rows() : rows.length;
    ColumnVector[] keyColumns = new ColumnVector[keys.length];
    for (int k = 0; k < keys.length; k++) {
      keyColumns[k] = snapshot.column(keys[k].column());
      if (keyColumns[k] == null) {
        return null;
      }
      if (keyColumns[k].kind() == ColumnVector.Kind.OBJECT && !comparable(keyColumns[k], rows, n)) {
        return null;
      }
    }
    long wanted = (long) offset + fetch;
    int limit = (int) Math.min(wanted, n);
    List<Object[]> out = new ArrayList<>();
    if (limit <= offset) {
      return out;
    }
    Order order = new Order(keyColumns, keys, rows);
    // a max-heap on the order of positions in the selection: its root is the worst row kept
    int[] heap = new int[limit];
    int size = 0;
    // a first key of doubles: most rows are turned away by comparing their value with the worst kept one's
    double[] first = keyColumns[0].doubleArray();
    long[] firstNulls = keyColumns[0].nullBitmap();
    boolean descending = keys[0].descending();
    boolean byValue = keys.length == 1;
    boolean worstKnown = false;
    double worst = 0;
    for (int i = 0; i < n; i++) {
      if (size < limit) {
        heap[size] = i;
        siftUp(heap, size++, order);
        continue;
      }
      if (first != null) {
        if (!worstKnown) {
          int w = rows == null ? heap[0] : rows[heap[0]];
          worstKnown = firstNulls == null || (firstNulls[w >>> 6] & (1L << w)) == 0;
          worst = first[w];
          if (!worstKnown) {
            worst = Double.NaN; // the worst kept row's key is NULL: compare in full
          }
        }
        int r = rows == null ? i : rows[i];
        if (worstKnown && (firstNulls == null || (firstNulls[r >>> 6] & (1L << r)) == 0)) {
          double x = first[r];
          int c = byValue ? (x < worst ? -1 : x > worst ? 1 : 0) : Double.compare(x, worst);
          if (descending) {
            c = -c;
          }
          if (c > 0) {
            continue; // after the worst kept row: not among the first rows
          }
        }
      }
      if (order.compare(i, heap[0]) < 0) {
        heap[0] = i;
        siftDown(heap, size, order);
        worstKnown = false;
      }
    }
    Integer[] sorted = new Integer[size];
    for (int i = 0; i < size; i++) {
      sorted[i] = heap[i];
    }
    Arrays.sort(sorted, order::compare);
    for (int i = offset; i < size; i++) {
      int r = rows == null ? sorted[i] : rows[sorted[i]];
      Object[] row = new Object[outputColumns.length];
      for (int c = 0; c < row.length; c++) {
        row[c] = value.apply(snapshot.column(outputColumns[c]).get(r));
      }
      out.add(row);
    }
    return out;
  }

  /** Whether an object column's non-NULL values are all {@link Comparable} of one class (not byte arrays). */
  private static boolean comparable(ColumnVector c, int[] rows, int n) {
    Class<?> seen = null;
    for (int i = 0; i < n; i++) {
      Object v = c.objectAt(rows == null ? i : rows[i]);
      if (v == null) {
        continue;
      }
      if (seen == null) {
        if (!(v instanceof Comparable)) {
          return false;
        }
        seen = v.getClass();
      } else if (v.getClass() != seen) {
        return false;
      }
    }
    return true;
  }

  private static void siftUp(int[] heap, int at, Order order) {
    int x = heap[at];
    while (at > 0) {
      int parent = (at - 1) >>> 1;
      if (order.compare(x, heap[parent]) <= 0) {
        break;
      }
      heap[at] = heap[parent];
      at = parent;
    }
    heap[at] = x;
  }

  private static void siftDown(int[] heap, int size, Order order) {
    int at = 0;
    int x = heap[0];
    while (true) {
      int child = 2 * at + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && order.compare(heap[child + 1], heap[child]) > 0) {
        child++;
      }
      if (order.compare(x, heap[child]) >= 0) {
        break;
      }
      heap[at] = heap[child];
      at = child;
    }
    heap[at] = x;
  }

  /** Compares two positions in the selection by the keys, then by position (stable). */
  private static final class Order {
    private final ColumnVector[] columns;
    private final Key[] keys;
    private final int[] rows;

    Order(ColumnVector[] columns, Key[] keys, int[] rows) {
      this.columns = columns;
      this.keys = keys;
      this.rows = rows;
    }

    int compare(int a, int b) {
      int ra = rows == null ? a : rows[a];
      int rb = rows == null ? b : rows[b];
      for (int k = 0; k < columns.length; k++) {
        ColumnVector c = columns[k];
        boolean na = c.isNull(ra);
        boolean nb = c.isNull(rb);
        int cmp;
        if (na || nb) {
          if (na && nb) {
            continue;
          }
          cmp = na == keys[k].nullsFirst() ? -1 : 1;
          return cmp;
        }
        cmp = switch (c.kind()) {
          case INT -> Integer.compare(c.intAt(ra), c.intAt(rb));
          case LONG -> Long.compare(c.longAt(ra), c.longAt(rb));
          case DOUBLE -> columns.length == 1 ? byValue(c.doubleAt(ra), c.doubleAt(rb))
              : Double.compare(c.doubleAt(ra), c.doubleAt(rb));
          default -> compareObjects(c.objectAt(ra), c.objectAt(rb), columns.length == 1);
        };
        if (cmp != 0) {
          return keys[k].descending() ? -cmp : cmp;
        }
      }
      return Integer.compare(a, b);
    }

    /** Two doubles by value, as decimals compare them ({@code -0.0} equals {@code 0.0}). */
    private static int byValue(double a, double b) {
      return a < b ? -1 : a > b ? 1 : 0;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareObjects(Object a, Object b, boolean single) {
      if (single && (a instanceof Float || a instanceof Double)) {
        return byValue(((Number) a).doubleValue(), ((Number) b).doubleValue());
      }
      return ((Comparable) a).compareTo(b);
    }
  }
}
