package io.streamview.engine.aggregate;

/**
 * Orders Kinesis sequence numbers, which are decimal integers of up to 128 digits, numerically. Two strings of
 * digits compare as the integers they spell (leading zeros ignored) without parsing them: the one with more
 * significant digits is larger, equal lengths compare digit by digit. Anything else compares as text.
 */
public final class SequenceNumbers {

  private SequenceNumbers() {
  }

  /** Negative, zero or positive as {@code a} is below, equal to or above {@code b}. */
  public static int compare(String a, String b) {
    int n = a.length();
    if (n == b.length() && n > 0 && nonZeroDigit(a.charAt(0)) && nonZeroDigit(b.charAt(0))) {
      // the common case (Kinesis numbers of one stream have the same length): two digit strings without leading
      // zeros and of equal length compare as text, and so does anything that is not all digits; String.compareTo
      // does it in one (vectorised) pass
      int c = a.compareTo(b);
      return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    int fa = significantStart(a);
    int fb = significantStart(b);
    if (fa >= 0 && fb >= 0) {
      int la = a.length() - fa;
      int lb = b.length() - fb;
      if (la != lb) {
        return la < lb ? -1 : 1;
      }
      for (int i = 0; i < la; i++) {
        char ca = a.charAt(fa + i);
        char cb = b.charAt(fb + i);
        if (ca != cb) {
          return ca < cb ? -1 : 1;
        }
      }
      return 0;
    }
    return a.compareTo(b);
  }

  private static boolean nonZeroDigit(char c) {
    return c >= '1' && c <= '9';
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

  /**
   * For a non-empty string of digits, the index of its first digit that is not a leading zero ({@code s.length()}
   * for all zeros); -1 for anything else. One pass over the string.
   */
  private static int significantStart(String s) {
    int n = s.length();
    if (n == 0) {
      return -1;
    }
    int first = -1;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      if (first < 0 && c != '0') {
        first = i;
      }
    }
    return first < 0 ? n : first;
  }
}
