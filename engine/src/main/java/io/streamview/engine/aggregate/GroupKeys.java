package io.streamview.engine.aggregate;

import io.streamview.engine.storage.RowKeys;

import java.math.BigDecimal;

/**
 * The storage key of a group: its GROUP BY values encoded by {@link RowKeys#ofValues}, after making values that SQL
 * considers equal encode equally (decimals of any scale, -0.0 and 0.0, every NaN).
 */
public final class GroupKeys {

  private GroupKeys() {
  }

  public static byte[] of(Object[] key) {
    Object[] normal = new Object[key.length];
    for (int i = 0; i < key.length; i++) {
      Object v = key[i];
      if (v instanceof BigDecimal d) {
        v = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
      } else if (v instanceof Double d) {
        v = d.isNaN() ? Double.NaN : d == 0.0 ? 0.0d : d;
      } else if (v instanceof Float f) {
        v = f.isNaN() ? Float.NaN : f == 0.0f ? 0.0f : f;
      }
      normal[i] = v;
    }
    return RowKeys.ofValues(normal);
  }
}
