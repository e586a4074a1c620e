package io.streamview.jdbc.function;

import com.fasterxml.jackson.databind.JsonNode;

import io.streamview.jdbc.function.SuperScalar.Kind;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Locale;

/**
 * Comparisons of SUPER values, as the validator rewrites them ({@code payload.n > 5} becomes
 * {@code sv_compare_number(payload.n, '5') > 0}). Each {@code compare} returns the sign of the comparison, or NULL
 * when the two are not comparable, following Redshift's dynamic typing: a SUPER string compares only with strings,
 * a number with numbers, a boolean with booleans; an object, an array, JSON null or a missing value compares with
 * nothing. NULL makes the comparison unknown, so such rows do not pass a WHERE clause.
 */
public final class SuperComparisonFunctions {

  /** Numbers compare by value (1 equals 1.0), everything else by JSON equality. */
  private static final Comparator<JsonNode> BY_VALUE = (a, b) -> {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    return a.equals(b) ? 0 : 1;
  };

  private SuperComparisonFunctions() {
  }

  /** {@code sv_compare_text(super, varchar)}: a SUPER string against text. */
  public static Integer compareText(String value, String text) {
    SuperScalar s = SuperScalar.of(value);
    if (s == null || text == null || !s.is(Kind.STRING)) {
      return null;
    }
    return Integer.signum(s.text().compareTo(text));
  }

  /** {@code sv_compare_number(super, varchar)}: a SUPER number against a number given as its text. */
  public static Integer compareNumber(String value, String number) {
    SuperScalar s = SuperScalar.of(value);
    if (s == null || number == null || !s.is(Kind.NUMBER)) {
      return null;
    }
    BigDecimal other = SuperCastFunctions.parseNumber(number);
    return compareNumbers(s.number(), other);
  }

  /** {@code sv_compare_boolean(super, boolean)}: a SUPER boolean against a boolean. */
  public static Integer compareBoolean(String value, Boolean b) {
    SuperScalar s = SuperScalar.of(value);
    if (s == null || b == null || !s.is(Kind.BOOLEAN)) {
      return null;
    }
    return Boolean.compare(Boolean.parseBoolean(s.text()), b);
  }

  /**
   * {@code sv_compare_scalar(super, varchar)}: a SUPER scalar against text read as the SUPER value's own type (for
   * a parameter, whose type the statement does not fix).
   */
  public static Integer compareScalar(String value, String text) {
    SuperScalar s = SuperScalar.of(value);
    if (s == null || text == null) {
      return null;
    }
    return switch (s.kind()) {
      case STRING -> Integer.signum(s.text().compareTo(text));
      case NUMBER -> {
        BigDecimal other = SuperCastFunctions.parseNumber(text);
        yield compareNumbers(s.number(), other);
      }
      case BOOLEAN -> switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "true", "t" -> Boolean.compare(Boolean.parseBoolean(s.text()), true);
        case "false", "f" -> Boolean.compare(Boolean.parseBoolean(s.text()), false);
        default -> null;
      };
      default -> null;
    };
  }

  /** {@code sv_compare_super(super, super)}: two SUPER scalars of the same dynamic type, for ordering. */
  public static Integer compareSuper(String a, String b) {
    SuperScalar x = SuperScalar.of(a);
    SuperScalar y = SuperScalar.of(b);
    if (x == null || y == null || x.kind() != y.kind()) {
      return null;
    }
    return switch (x.kind()) {
      case STRING -> Integer.signum(x.text().compareTo(y.text()));
      case NUMBER -> compareNumbers(x.number(), y.number());
      case BOOLEAN -> Boolean.compare(Boolean.parseBoolean(x.text()), Boolean.parseBoolean(y.text()));
      default -> null;
    };
  }

  /**
   * {@code sv_equals_super(super, super)}: whether two SUPER values are equal: same dynamic type and value, objects
   * attribute by attribute (in any order), arrays element by element; numbers by value.
   */
  public static Boolean equalsSuper(String a, String b) {
    if (a == null || b == null) {
      return null;
    }
    if (a.equals(b)) {
      return true;
    }
    return SuperJson.tree(a).equals(BY_VALUE, SuperJson.tree(b));
  }

  /** Negative, zero or positive; null when either number could not be read (an exponent beyond BigDecimal's). */
  private static Integer compareNumbers(BigDecimal a, BigDecimal b) {
    return a == null || b == null ? null : Integer.signum(a.compareTo(b));
  }
}
