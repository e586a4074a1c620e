package io.streamview.engine.system;

import java.time.Instant;

/** System-table values in Calcite's internal representation. */
final class SystemValues {

  private SystemValues() {
  }

  /** A TIMESTAMP: UTC wall-clock milliseconds, or null. */
  static Long timestamp(Instant t) {
    return t == null ? null : t.toEpochMilli();
  }

  /** Redshift's one-letter boolean: {@code t} or {@code f}. */
  static String flag(boolean b) {
    return b ? "t" : "f";
  }
}
