package io.streamview.engine.table;

import io.streamview.engine.storage.ColumnSnapshot;
import io.streamview.engine.storage.ColumnVector;
import io.streamview.engine.storage.RowCodec;
import io.streamview.engine.storage.RowStore;

import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

import java.util.List;

/**
 * A scan of stored rows that decodes only the values it needs (the projected columns, the columns its predicates
 * test, and an aggregating view's HAVING flag), keeps the visible rows that pass every predicate, and hands back the
 * projected values in Calcite's internal representation. Reads go through {@link RowStore#openScan}, one part of
 * the store at a time, so a scan sees each refresh batch whole or not at all and holds few rows on the heap.
 */
final class StoredRowScan {

  private static final Object[] NO_VALUES = new Object[0];

  private final int visibleColumns;
  private final int[] projects;
  private final List<ColumnPredicate> predicates;
  private final boolean[] wanted;

  /**
   * @param visibleColumns the relation's columns (an aggregating view's group rows hold more values)
   * @param projects       the columns to return, in order; {@code null} for all
   * @param predicates     conditions every returned row passes
   */
  StoredRowScan(int visibleColumns, int[] projects, List<ColumnPredicate> predicates) {
    this.visibleColumns = visibleColumns;
    this.projects = projects == null ? identity(visibleColumns) : projects.clone();
    this.predicates = List.copyOf(predicates);
    this.wanted = new boolean[visibleColumns + 1];
    for (int p : this.projects) {
      wanted[p] = true;
    }
    for (ColumnPredicate p : this.predicates) {
      wanted[p.column()] = true;
    }
    wanted[visibleColumns] = true; // an aggregating view's HAVING flag
  }

  private static int[] identity(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }

  /**
   * The passing rows of the whole store, read as they are enumerated ({@link StoredRowEnumerator}: part by part,
   * one snapshot per enumerator).
   */
  Enumerable<Object[]> all(RowStore store) {
    return new AbstractEnumerable<>() {
      @Override public Enumerator<Object[]> enumerator() {
        return new StoredRowEnumerator(StoredRowScan.this, store);
      }
    };
  }

  /** The stored row {@code encoded} as the scan returns it, or {@code null} when it is hidden or fails a predicate. */
  Object[] row(byte[] encoded, Object[] values) {
    return decodeVisible(encoded, wanted, values) ? project(values) : null;
  }

  /**
   * Decodes the columns {@code columns} marks (and the HAVING flag) of the stored row {@code encoded} into
   * {@code values}; {@code false} when the row is a group that does not pass HAVING.
   */
  boolean decodeVisible(byte[] encoded, boolean[] columns, Object[] values) {
    int count = RowCodec.decodeSelected(encoded, columns, values);
    if (count > visibleColumns) {
      return Boolean.TRUE.equals(values[visibleColumns]);
    }
    for (int i = count; i < visibleColumns; i++) {
      values[i] = null;
    }
    return true;
  }

  /** The row of decoded {@code values} as the scan returns it, or {@code null} when it fails a predicate. */
  Object[] project(Object[] values) {
    for (ColumnPredicate p : predicates) {
      if (!p.test(values[p.column()])) {
        return null;
      }
    }
    if (projects.length == 0) {
      return NO_VALUES; // COUNT(*) and the like: one shared row, nothing decoded but the filters' columns
    }
    Object[] out = new Object[projects.length];
    for (int i = 0; i < projects.length; i++) {
      out[i] = StoredValues.toInternal(values[projects[i]]);
    }
    return out;
  }

  /** The rows of a snapshot holding the {@link #needed} columns, as the scan returns them. */
  SnapshotRows rows(ColumnSnapshot snapshot) {
    return new SnapshotRows(snapshot);
  }

  /** Reads a snapshot's rows as the scan returns them, with its columns looked up once. */
  final class SnapshotRows {
    private final ColumnPredicate[] tests;
    private final ColumnVector[] tested;
    private final ColumnVector[] projected;

    private SnapshotRows(ColumnSnapshot snapshot) {
      tests = predicates.toArray(new ColumnPredicate[0]);
      tested = new ColumnVector[tests.length];
      for (int i = 0; i < tests.length; i++) {
        tested[i] = snapshot.column(tests[i].column());
      }
      projected = new ColumnVector[projects.length];
      for (int i = 0; i < projects.length; i++) {
        projected[i] = snapshot.column(projects[i]);
      }
    }

    /** Row {@code row} as the scan returns it, or {@code null} when it fails a predicate. */
    Object[] row(int row) {
      for (int i = 0; i < tests.length; i++) {
        if (!tests[i].test(tested[i].get(row))) {
          return null;
        }
      }
      if (projected.length == 0) {
        return NO_VALUES;
      }
      Object[] out = new Object[projected.length];
      for (int i = 0; i < projected.length; i++) {
        out[i] = StoredValues.toInternal(projected[i].get(row));
      }
      return out;
    }
  }

  /** The relation's columns the scan reads (projected or tested), over the visible columns. */
  boolean[] needed() {
    return java.util.Arrays.copyOf(wanted, visibleColumns);
  }

  /** {@code columns} (over the visible columns) and the HAVING flag, as {@link #decodeVisible} takes them. */
  boolean[] withHavingFlag(boolean[] columns) {
    boolean[] out = java.util.Arrays.copyOf(columns, visibleColumns + 1);
    out[visibleColumns] = true;
    return out;
  }

  /** How many values each returned row holds. */
  int width() {
    return projects.length;
  }

  /** A buffer for {@link #row}. */
  Object[] buffer() {
    return new Object[visibleColumns + 1];
  }
}
