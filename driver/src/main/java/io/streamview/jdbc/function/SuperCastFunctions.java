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
    SuperScalar s = SuperScalar.of(value);
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
    BigDecimal r = n.setScale(scale, RoundingMode.HALF_UP);
    return r.precision() - r.scale() > precision - scale ? null : r.toPlainString();
  }

  public static Long toBigint(String value) {
    BigDecimal n = integral(value);
    return n == null || !within(n, Long.MIN_VALUE, Long.MAX_VALUE) ? null : n.longValueExact();
  }

  public static Integer toInt(String value) {
    BigDecimal n = integral(value);
    return n == null || !within(n, Integer.MIN_VALUE, Integer.MAX_VALUE) ? null : n.intValueExact();
  }

  public static Short toSmallint(String value) {
    BigDecimal n = integral(value);
    return n == null || !within(n, Short.MIN_VALUE, Short.MAX_VALUE) ? null : n.shortValueExact();
  }

  public static Double toDouble(String value) {
    SuperScalar s = SuperScalar.of(value);
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
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static BigDecimal integral(String value) {
    BigDecimal n = numeric(SuperScalar.of(value), true);
    return n == null ? null : n.setScale(0, RoundingMode.HALF_UP);
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
