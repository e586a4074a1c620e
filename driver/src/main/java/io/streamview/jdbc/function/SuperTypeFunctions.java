package io.streamview.jdbc.function;

import io.streamview.jdbc.function.SuperScalar.Kind;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Redshift's SUPER type information functions: JSON_TYPEOF, IS_OBJECT, IS_ARRAY, IS_SCALAR, IS_VARCHAR,
 * IS_BOOLEAN, IS_SMALLINT, IS_INTEGER, IS_BIGINT, IS_DECIMAL, IS_FLOAT, GET_ARRAY_LENGTH, JSON_SIZE. SQL NULL in
 * gives NULL out; a JSON {@code null} is a value of type {@code null} (every IS_ function but IS_SCALAR is false for
 * it). Numbers are typed by how the JSON writes them: without fraction or exponent an integer (IS_SMALLINT,
 * IS_INTEGER, IS_BIGINT by range), with a fraction a DECIMAL, with an exponent (or beyond 38 digits) a FLOAT.
 */
public final class SuperTypeFunctions {

  private SuperTypeFunctions() {
  }

  /** {@code JSON_TYPEOF(super)}: object, array, string, number, boolean or null. */
  public static String jsonTypeof(String value) {
    SuperScalar s = SuperScalar.of(value);
    return s == null ? null : s.kind().typeName;
  }

  public static Boolean isObject(String value) {
    return is(value, Kind.OBJECT);
  }

  public static Boolean isArray(String value) {
    return is(value, Kind.ARRAY);
  }

  /** {@code IS_SCALAR(super)}: true for anything but an object or an array (JSON null included). */
  public static Boolean isScalar(String value) {
    SuperScalar s = SuperScalar.of(value);
    return s == null ? null : !s.is(Kind.OBJECT) && !s.is(Kind.ARRAY);
  }

  public static Boolean isVarchar(String value) {
    return is(value, Kind.STRING);
  }

  public static Boolean isBoolean(String value) {
    return is(value, Kind.BOOLEAN);
  }

  public static Boolean isSmallint(String value) {
    return integralWithin(value, Short.MIN_VALUE, Short.MAX_VALUE);
  }

  public static Boolean isInteger(String value) {
    return integralWithin(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  public static Boolean isBigint(String value) {
    return integralWithin(value, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** {@code IS_DECIMAL(super)}: true for every number that is not a FLOAT (a superset of IS_BIGINT). */
  public static Boolean isDecimal(String value) {
    SuperScalar s = SuperScalar.of(value);
    return s == null ? null : s.is(Kind.NUMBER) && !s.isFloat();
  }

  /** {@code IS_FLOAT(super)}: true for numbers written with an exponent or beyond DECIMAL(38)'s precision. */
  public static Boolean isFloat(String value) {
    SuperScalar s = SuperScalar.of(value);
    return s == null ? null : s.isFloat();
  }

  /** {@code GET_ARRAY_LENGTH(super)}: the number of elements of an array; NULL for anything else. */
  public static Integer getArrayLength(String value) {
    return SuperJson.arrayLength(value);
  }

  /** {@code JSON_SIZE(super)}: the number of bytes of the value's JSON text (UTF-8). */
  public static Integer jsonSize(String value) {
    return value == null ? null : value.getBytes(StandardCharsets.UTF_8).length;
  }

  private static Boolean is(String value, Kind kind) {
    SuperScalar s = SuperScalar.of(value);
    return s == null ? null : s.is(kind);
  }

  private static Boolean integralWithin(String value, long min, long max) {
    SuperScalar s = SuperScalar.of(value);
    if (s == null) {
      return null;
    }
    if (!s.isIntegral()) {
      return false;
    }
    BigDecimal n = s.number();
    return n.compareTo(BigDecimal.valueOf(min)) >= 0 && n.compareTo(BigDecimal.valueOf(max)) <= 0;
  }
}
