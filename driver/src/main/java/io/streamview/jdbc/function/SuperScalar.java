package io.streamview.jdbc.function;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * The dynamic type of a SUPER value and, for a scalar, its content: a string's characters (without quotes), a
 * number's literal exactly as written in the JSON text, {@code true}/{@code false}. Only the first token is read, so
 * classifying a large object or array costs nothing. Text that is not JSON at all (a plain string cast to SUPER) is a
 * string.
 *
 * @param kind the dynamic type
 * @param text the content of a string, number or boolean; null for objects, arrays and JSON null
 */
record SuperScalar(Kind kind, String text) {

  /** SUPER's dynamic types, named as JSON_TYPEOF names them. */
  enum Kind {
    OBJECT("object"), ARRAY("array"), STRING("string"), NUMBER("number"), BOOLEAN("boolean"), NULL("null");

    final String typeName;

    Kind(String typeName) {
      this.typeName = typeName;
    }
  }

  private static final SuperScalar OBJECT = new SuperScalar(Kind.OBJECT, null);
  private static final SuperScalar ARRAY = new SuperScalar(Kind.ARRAY, null);
  private static final SuperScalar NULL = new SuperScalar(Kind.NULL, null);
  private static final SuperScalar TRUE = new SuperScalar(Kind.BOOLEAN, "true");
  private static final SuperScalar FALSE = new SuperScalar(Kind.BOOLEAN, "false");

  /** The classification of {@code superText}, or null for SQL NULL. */
  static SuperScalar of(String superText) {
    if (superText == null) {
      return null;
    }
    SuperScalar quick = quick(superText);
    return quick != null ? quick : ofSlow(superText);
  }

  /**
   * The classification of the common forms without a parser, or null when Jackson has to decide: a text starting
   * with a brace or bracket (Jackson's first token is then the container's start, whatever follows), a string
   * without backslash or control character (its first token, whatever follows), a strict JSON number that is the
   * whole text, or exactly {@code true}, {@code false}, {@code null}.
   */
  static SuperScalar quick(String t) {
    int n = t.length();
    if (n == 0 || n > CanonicalJson.MAX_TEXT) {
      return null;
    }
    char c = t.charAt(0);
    switch (c) {
      case '{':
        return OBJECT;
      case '[':
        return ARRAY;
      case '"': {
        int end = CanonicalJson.skipString(t, 0);
        return end < 0 ? null : new SuperScalar(Kind.STRING, t.substring(1, end - 1));
      }
      case 't':
        return t.equals("true") ? TRUE : null;
      case 'f':
        return t.equals("false") ? FALSE : null;
      case 'n':
        return t.equals("null") ? NULL : null;
      default:
        return (c == '-' || (c >= '0' && c <= '9')) && CanonicalJson.skipNumber(t, 0) == n
            ? new SuperScalar(Kind.NUMBER, t) : null;
    }
  }

  /** {@link #of} with Jackson only: the reference the quick classification must agree with. */
  static SuperScalar ofSlow(String superText) {
    if (superText == null) {
      return null;
    }
    try (JsonParser p = SuperJson.FACTORY.createParser(superText)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return new SuperScalar(Kind.STRING, superText);
      }
      return switch (t) {
        case START_OBJECT -> new SuperScalar(Kind.OBJECT, null);
        case START_ARRAY -> new SuperScalar(Kind.ARRAY, null);
        case VALUE_STRING -> new SuperScalar(Kind.STRING, p.getText());
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new SuperScalar(Kind.NUMBER, p.getText());
        case VALUE_TRUE -> new SuperScalar(Kind.BOOLEAN, "true");
        case VALUE_FALSE -> new SuperScalar(Kind.BOOLEAN, "false");
        case VALUE_NULL -> new SuperScalar(Kind.NULL, null);
        default -> new SuperScalar(Kind.STRING, superText);
      };
    } catch (IOException e) {
      return new SuperScalar(Kind.STRING, superText);
    }
  }

  boolean is(Kind k) {
    return kind == k;
  }

  /** The number's value; only for {@link Kind#NUMBER}. */
  /** The number, or null when its exponent is beyond BigDecimal's ({@code 1e12345678901}). */
  BigDecimal number() {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  /** Whether the number is written without a fraction or exponent (Redshift's integers: scale 0). */
  boolean isIntegral() {
    return kind == Kind.NUMBER && text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
  }

  /**
   * Whether the number is a floating-point value: written with an exponent ({@code 1e3}, {@code 2.5E-7}) or too
   * precise for DECIMAL(38). Every other number is a DECIMAL (Redshift's IS_DECIMAL and IS_FLOAT are disjoint).
   */
  boolean isFloat() {
    if (kind != Kind.NUMBER) {
      return false;
    }
    return text.indexOf('e') >= 0 || text.indexOf('E') >= 0 || number().precision() > 38;
  }
}
