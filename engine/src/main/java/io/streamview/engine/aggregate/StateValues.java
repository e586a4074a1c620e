package io.streamview.engine.aggregate;

import java.math.BigDecimal;
import java.util.Arrays;

/** Arithmetic and ordering on stored values (the storage layer's value classes), for merging aggregates. */
final class StateValues {

  private StateValues() {
  }

  /**
   * {@code a + b} for two values of one numeric class.
   *
   * @throws ArithmeticException when an integer sum overflows its type
   */
  static Object add(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      return Math.addExact(x, y);
    }
    if (a instanceof Integer x && b instanceof Integer y) {
      return Math.addExact(x, y);
    }
    if (a instanceof Short x && b instanceof Short y) {
      int s = x + y;
      if (s != (short) s) {
        throw new ArithmeticException("SMALLINT overflow");
      }
      return (short) s;
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.add(y);
    }
    if (a instanceof Double x && b instanceof Double y) {
      return x + y;
    }
    if (a instanceof Float x && b instanceof Float y) {
      return x + y;
    }
    throw new IllegalArgumentException("cannot add " + describe(a) + " and " + describe(b));
  }

  /** Orders two values of one class: numbers, strings and booleans naturally, bytes unsigned lexicographically. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Object a, Object b) {
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.compareUnsigned(x, y);
    }
    if (a instanceof Comparable x && a.getClass() == b.getClass()) {
      return x.compareTo(b);
    }
    throw new IllegalArgumentException("cannot compare " + describe(a) + " and " + describe(b));
  }

  private static String describe(Object v) {
    return v == null ? "NULL" : v.getClass().getSimpleName();
  }
}
