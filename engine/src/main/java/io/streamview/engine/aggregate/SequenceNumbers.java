package io.streamview.engine.aggregate;

import java.math.BigInteger;

/** Orders Kinesis sequence numbers, which are decimal integers of up to 128 digits, numerically. */
public final class SequenceNumbers {

  private SequenceNumbers() {
  }

  /** Negative, zero or positive as {@code a} is below, equal to or above {@code b}. */
  public static int compare(String a, String b) {
    if (isDigits(a) && isDigits(b)) {
      return new BigInteger(a).compareTo(new BigInteger(b));
    }
    return a.compareTo(b);
  }

  /** The greater of two sequence numbers; {@code null} is below every number. */
  public static String max(String a, String b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return compare(a, b) >= 0 ? a : b;
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
