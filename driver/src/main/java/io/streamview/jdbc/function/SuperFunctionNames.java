package io.streamview.jdbc.function;

/**
 * The SQL names of the internal functions SUPER navigation, casts and comparisons are rewritten to. They are
 * registered like every other function (so plans and EXPLAIN show them) but are not part of Redshift's SQL; the
 * {@code sv_} prefix keeps them out of the way of user names.
 */
public final class SuperFunctionNames {

  public static final String NAVIGATE = "sv_navigate";
  public static final String ELEMENT = "sv_element";
  public static final String ATTRIBUTE = "sv_attribute";
  public static final String TO_VARCHAR = "sv_to_varchar";
  public static final String TO_DECIMAL_TEXT = "sv_to_decimal_text";
  public static final String TO_BIGINT = "sv_to_bigint";
  public static final String TO_INT = "sv_to_int";
  public static final String TO_SMALLINT = "sv_to_smallint";
  public static final String TO_DOUBLE = "sv_to_double";
  public static final String TO_REAL = "sv_to_real";
  public static final String TO_BOOLEAN = "sv_to_boolean";
  public static final String COMPARE_TEXT = "sv_compare_text";
  public static final String COMPARE_NUMBER = "sv_compare_number";
  public static final String COMPARE_BOOLEAN = "sv_compare_boolean";
  public static final String COMPARE_SCALAR = "sv_compare_scalar";
  public static final String COMPARE_SUPER = "sv_compare_super";
  public static final String EQUALS_SUPER = "sv_equals_super";

  private SuperFunctionNames() {
  }
}
