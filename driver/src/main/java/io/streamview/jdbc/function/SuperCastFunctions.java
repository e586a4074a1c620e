package io.streamview.jdbc.function;

import io.streamview.jdbc.function.SuperScalar.Kind;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Casts from SUPER, in Redshift's lax mode ({@code cast_super_null_on_error} on): a value that cannot become the
 * target type gives NULL, never an error. Objects, arrays and JSON null become NULL for every scalar type. A JSON
 * string holding a number casts to that number ({@code "12"::int} is 12). Casts to integer types and DECIMAL round
 * half away from zero, as Redshift rounds decimals; out of range is NULL. A number casts to BOOLEAN only when
 * integral ({@code 5::super::bool} is true, {@code 5.0::super::bool} NULL).
 */
public final class SuperCastFunctions {

  private SuperCastFunctions() {
  }

  /** The text of a string (without quotes), number (as written) or boolean; NULL for anything else. */
  public static String toVarchar(String value) {
    return varcharOf(SuperScalar.of(value));
  }

  static String varcharOf(SuperScalar s) {
    if (s == null) {
      return null;
    }
    return switch (s.kind()) {
      case STRING, NUMBER, BOOLEAN -> s.text();
      default -> null;
    };
  }

  /**
   * The digits of a number rounded (half away from zero) to {@code scale}, for a cast to DECIMAL(precision, scale);
   * NULL if the value is not numeric or does not fit.
   */
  public static String toDecimalText(String value, Integer precision, Integer scale) {
    BigDecimal n = numeric(SuperScalar.of(value), false);
    if (n == null || precision == null || scale == null) {
      return null;
    }
    if (n.precision() - n.scale() > precision - scale) {
      return null; // more integer digits than the type has (checked first: 1e999999999 must not be expanded)
    }
    if (n.precision() - n.scale() < -scale - 1) {
      return BigDecimal.ZERO.setScale(scale).toPlainString(); // below half a unit of the last digit
    }
    BigDecimal r = n.setScale(scale, RoundingMode.HALF_UP);
    return r.precision() - r.scale() > precision - scale ? null : r.toPlainString();
  }

  public static Long toBigint(String value) {
    SuperScalar s = SuperScalar.of(value);
    long q = quickIntegral(s);
    if (q != NO_QUICK_INTEGRAL) {
      return q;
    }
    return bigintOf(s);
  }

  static Long bigintOf(SuperScalar s) {
    BigDecimal n = integral(s);
    return n == null || !within(n, Long.MIN_VALUE, Long.MAX_VALUE) ? null : n.longValueExact();
  }

  public static Integer toInt(String value) {
    SuperScalar s = SuperScalar.of(value);
    long q = quickIntegral(s);
    if (q != NO_QUICK_INTEGRAL) {
      return q < Integer.MIN_VALUE || q > Integer.MAX_VALUE ? null : (int) q;
    }
    return intOf(s);
  }

  static Integer intOf(SuperScalar s) {
    BigDecimal n = integral(s);
    return n == null || !within(n, Integer.MIN_VALUE, Integer.MAX_VALUE) ? null : n.intValueExact();
  }

  public static Short toSmallint(String value) {
    SuperScalar s = SuperScalar.of(value);
    long q = quickIntegral(s);
    if (q != NO_QUICK_INTEGRAL) {
      return q < Short.MIN_VALUE || q > Short.MAX_VALUE ? null : (short) q;
    }
    return smallintOf(s);
  }

  static Short smallintOf(SuperScalar s) {
    BigDecimal n = integral(s);
    return n == null || !within(n, Short.MIN_VALUE, Short.MAX_VALUE) ? null : n.shortValueExact();
  }

  public static Double toDouble(String value) {
    SuperScalar s = SuperScalar.of(value);
    if (s != null && s.is(Kind.NUMBER)) {
      double q = quickDouble(s.text());
      if (!Double.isNaN(q)) {
        return q;
      }
    }
    return doubleOf(s);
  }

  static Double doubleOf(SuperScalar s) {
    Double special = s != null && s.is(Kind.STRING) ? specialFloat(s.text()) : null;
    if (special != null) {
      return special;
    }
    BigDecimal n = numeric(s, true);
    return n == null ? null : n.doubleValue();
  }

  public static Float toReal(String value) {
    Double d = toDouble(value);
    return d == null ? null : d.floatValue();
  }

  public static Boolean toBoolean(String value) {
    SuperScalar s = SuperScalar.of(value);
    if (s == null) {
      return null;
    }
    return switch (s.kind()) {
      case BOOLEAN -> Boolean.valueOf(s.text());
      case NUMBER -> s.isIntegral() ? s.number().signum() != 0 : null;
      case STRING -> switch (s.text().strip().toLowerCase(Locale.ROOT)) {
        case "true", "t", "yes", "y", "on", "1" -> true;
        case "false", "f", "no", "n", "off", "0" -> false;
        default -> null;
      };
      default -> null;
    };
  }

  /** The number a scalar holds: a JSON number, a string that spells one, or (if asked) a boolean as 1/0. */
  static BigDecimal numeric(SuperScalar s, boolean booleans) {
    if (s == null) {
      return null;
    }
    return switch (s.kind()) {
      case NUMBER -> s.number();
      case STRING -> parseNumber(s.text());
      case BOOLEAN -> booleans ? (Boolean.parseBoolean(s.text()) ? BigDecimal.ONE : BigDecimal.ZERO) : null;
      default -> null;
    };
  }

  /** A decimal number spelt as text ({@code " 12.5 "}, {@code "1e3"}), or null. */
  static BigDecimal parseNumber(String text) {
    String t = text.strip();
    if (t.isEmpty() || t.length() > 1000) {
      return null;
    }
    try {
      return new BigDecimal(t);
    } catch (NumberFormatException | ArithmeticException e) {
      return null; // not a number, or an exponent beyond BigDecimal's (1e12345678901)
    }
  }

  private static BigDecimal integral(SuperScalar s) {
    BigDecimal n = numeric(s, true);
    if (n == null || n.precision() - n.scale() > 19) {
      return null; // beyond every integer type (and 1e999999999 must not be expanded to its digits)
    }
    if (n.precision() - n.scale() < -1) {
      return BigDecimal.ZERO; // |n| < 0.1 rounds to 0 (1e-999999999 must not be divided out either)
    }
    return n.setScale(0, RoundingMode.HALF_UP);
  }

  /** Marks "no quick answer" from {@link #quickIntegral}; never a result (it has more than 18 digits). */
  static final long NO_QUICK_INTEGRAL = Long.MIN_VALUE;

  /**
   * The value of a JSON number written as a plain integer of at most 18 digits ({@code -?\d{1,18}}), which is what
   * the BigDecimal path gives for it, or {@link #NO_QUICK_INTEGRAL}.
   */
  static long quickIntegral(SuperScalar s) {
    if (s == null || !s.is(Kind.NUMBER)) {
      return NO_QUICK_INTEGRAL;
    }
    String t = s.text();
    int n = t.length();
    boolean negative = t.charAt(0) == '-';
    int i = negative ? 1 : 0;
    if (n - i > 18 || n == i) {
      return NO_QUICK_INTEGRAL;
    }
    long v = 0;
    for (; i < n; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return NO_QUICK_INTEGRAL;
      }
      v = v * 10 + (c - '0');
    }
    return negative ? -v : v;
  }

  /** Powers of ten that doubles hold exactly, as BigDecimal.doubleValue uses them. */
  private static final double[] DOUBLE_10_POW = {
      1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
      1e20, 1e21, 1e22};

  /**
   * {@code new BigDecimal(t).doubleValue()} for a number written {@code -?\d+(\.\d+)?} whose digits, read as an
   * integer, are below 2^52, with at most 22 after the point: BigDecimal then computes exactly
   * {@code (double) unscaled / 10^scale}, and so does this; NaN (never such a result) when the text is any other.
   */
  static double quickDouble(String t) {
    int n = t.length();
    boolean negative = n > 0 && t.charAt(0) == '-';
    int i = negative ? 1 : 0;
    long unscaled = 0;
    int digits = 0;
    int scale = -1;
    for (; i < n; i++) {
      char c = t.charAt(i);
      if (c >= '0' && c <= '9') {
        if (++digits > 16) {
          return Double.NaN;
        }
        unscaled = unscaled * 10 + (c - '0');
        if (scale >= 0) {
          scale++;
        }
      } else if (c == '.' && scale < 0) {
        scale = 0;
      } else {
        return Double.NaN;
      }
    }
    if (digits == 0 || scale == 0 || scale >= DOUBLE_10_POW.length || unscaled >= 1L << 52) {
      return Double.NaN;
    }
    double u = negative ? -unscaled : unscaled;
    return scale <= 0 ? u : u / DOUBLE_10_POW[scale];
  }

  private static boolean within(BigDecimal n, long min, long max) {
    return n.compareTo(BigDecimal.valueOf(min)) >= 0 && n.compareTo(BigDecimal.valueOf(max)) <= 0;
  }

  private static Double specialFloat(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "nan" -> Double.NaN;
      case "infinity", "+infinity", "inf" -> Double.POSITIVE_INFINITY;
      case "-infinity", "-inf" -> Double.NEGATIVE_INFINITY;
      default -> null;
    };
  }
}
