package io.streamview.engine.table;

import org.apache.calcite.avatica.util.ByteString;

/**
 * Converts between Calcite's internal row values and the storage layer's value classes. The two agree on every
 * type (dates as int days, timestamps as long millis, decimals as BigDecimal) except VARBYTE, which Calcite carries
 * as {@link ByteString} and storage as {@code byte[]}.
 */
final class StoredValues {

  private StoredValues() {
  }

  static Object[] toStorage(Object[] row) {
    Object[] out = new Object[row.length];
    for (int i = 0; i < row.length; i++) {
      Object v = row[i];
      out[i] = v instanceof ByteString b ? b.getBytes() : v;
    }
    return out;
  }

  static Object[] toInternal(Object[] row) {
    for (int i = 0; i < row.length; i++) {
      if (row[i] instanceof byte[] b) {
        row[i] = new ByteString(b);
      }
    }
    return row;
  }

  static Object toInternal(Object v) {
    return v instanceof byte[] b ? new ByteString(b) : v;
  }

  /**
   * A value-comparable copy of a row: byte arrays become ByteStrings (which have value equality), and decimals are
   * stripped of trailing zeros so that 1.0 and 1.00 match.
   */
  static Object[] toStorageKey(Object[] row) {
    Object[] out = new Object[row.length];
    for (int i = 0; i < row.length; i++) {
      Object v = row[i];
      if (v instanceof byte[] b) {
        v = new ByteString(b);
      } else if (v instanceof java.math.BigDecimal d) {
        v = d.signum() == 0 ? java.math.BigDecimal.ZERO : d.stripTrailingZeros();
      }
      out[i] = v;
    }
    return out;
  }
}
