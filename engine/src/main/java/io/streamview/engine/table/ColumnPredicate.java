package io.streamview.engine.table;

import java.math.BigDecimal;

/**
 * One condition a scan evaluates on a stored column, with SQL's result for it: a comparison of the column with a
 * value (exact numbers compared by value whatever their classes, strings, booleans, dates and timestamps by their
 * stored form), {@code IS NULL} or {@code IS NOT NULL}. A comparison with a NULL column value, or with a NULL
 * operand, is not true, so the row is dropped as SQL drops a row whose WHERE is UNKNOWN.
 */
record ColumnPredicate(int column, Op op, Object operand) {

  /** The comparisons a scan evaluates. */
  enum Op {
    EQUALS, NOT_EQUALS, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL, IS_NULL, IS_NOT_NULL;

    /** Whether a value that compares as {@code c} to the operand ({@code Comparator} sign) satisfies this op. */
    boolean holdsFor(int c) {
      return switch (this) {
        case EQUALS -> c == 0;
        case NOT_EQUALS -> c != 0;
        case LESS -> c < 0;
        case LESS_OR_EQUAL -> c <= 0;
        case GREATER -> c > 0;
        case GREATER_OR_EQUAL -> c >= 0;
        default -> throw new IllegalStateException(name());
      };
    }

    /** The same comparison with its operands swapped ({@code 5 < x} is {@code x > 5}). */
    Op flipped() {
      return switch (this) {
        case LESS -> GREATER;
        case LESS_OR_EQUAL -> GREATER_OR_EQUAL;
        case GREATER -> LESS;
        case GREATER_OR_EQUAL -> LESS_OR_EQUAL;
        default -> this;
      };
    }
  }

  /** Whether a row whose column holds {@code value} (storage representation) passes. */
  boolean test(Object value) {
    switch (op) {
      case IS_NULL:
        return value == null;
      case IS_NOT_NULL:
        return value != null;
      default:
        break;
    }
    if (value == null || operand == null) {
      return false;
    }
    return op.holdsFor(compare(value, operand));
  }

  /**
   * Compares a stored value with an operand of a matching kind ({@link ScanFilters} pairs them): exact numbers as
   * numbers, strings and booleans by equality only (the caller never asks them for an order), the rest by
   * {@code compareTo}.
   */
  private static int compare(Object value, Object operand) {
    if (operand instanceof Long l) {
      if (isIntegral(value)) {
        return Long.compare(((Number) value).longValue(), l);
      }
      return toDecimal(value).compareTo(BigDecimal.valueOf(l));
    }
    if (operand instanceof BigDecimal d) {
      return toDecimal(value).compareTo(d);
    }
    if (operand instanceof String || operand instanceof Boolean) {
      return value.equals(operand) ? 0 : 1;
    }
    throw new IllegalStateException("no comparison for " + operand.getClass().getName());
  }

  private static boolean isIntegral(Object v) {
    return v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte;
  }

  private static BigDecimal toDecimal(Object v) {
    if (v instanceof BigDecimal d) {
      return d;
    }
    if (isIntegral(v)) {
      return BigDecimal.valueOf(((Number) v).longValue());
    }
    throw new IllegalStateException("a stored value of class " + v.getClass().getName()
        + " where an exact number was expected; the view's storage does not match its columns");
  }
}
