package io.streamview.engine.table;

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
    int count = RowCodec.decodeSelected(encoded, wanted, values);
    if (count > visibleColumns) {
      if (!Boolean.TRUE.equals(values[visibleColumns])) {
        return null; // a group that does not pass HAVING
      }
    } else {
      for (int i = count; i < visibleColumns; i++) {
        values[i] = null;
      }
    }
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

  /** How many values each returned row holds. */
  int width() {
    return projects.length;
  }

  /** A buffer for {@link #row}. */
  Object[] buffer() {
    return new Object[visibleColumns + 1];
  }
}
