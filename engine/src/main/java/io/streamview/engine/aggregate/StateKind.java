package io.streamview.engine.aggregate;

/**
 * The kinds of partial aggregate a group stores, and how two partials of a kind merge. AVG is stored as a SUM and a
 * COUNT. NULL rules follow SQL: COUNT is never NULL (0 for no rows); SUM, MIN and MAX ignore NULL inputs and are NULL
 * until a non-NULL value arrives.
 */
public enum StateKind {
  /** {@code COUNT(*)} or {@code COUNT(x)}: a {@code Long}. */
  COUNT,
  /** {@code SUM(x)}, in SUM's result type. */
  SUM,
  /** {@code MIN(x)}. */
  MIN,
  /** {@code MAX(x)}. */
  MAX;

  /** The state of no rows. */
  public Object empty() {
    return this == COUNT ? 0L : null;
  }

  /**
   * The state of one record. For COUNT the input is whether the record counts ({@code COUNT(*)}: always;
   * {@code COUNT(x)}: when x is not NULL); for the others it is the aggregated value.
   */
  public Object ofRecord(Object input) {
    if (this == COUNT) {
      return Boolean.TRUE.equals(input) ? 1L : 0L;
    }
    return input;
  }

  /**
   * The state of the rows of two states.
   *
   * @throws ArithmeticException when a COUNT or an integer SUM overflows its type
   */
  public Object merge(Object a, Object b) {
    if (this == COUNT) {
      return Math.addExact((Long) a, (Long) b);
    }
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return switch (this) {
      case SUM -> StateValues.add(a, b);
      case MIN -> StateValues.compare(a, b) <= 0 ? a : b;
      case MAX -> StateValues.compare(a, b) >= 0 ? a : b;
      default -> throw new IllegalStateException(name());
    };
  }
}
