package io.streamview.jdbc.superpath;

import io.streamview.jdbc.error.ErrorCode;
import io.streamview.jdbc.error.StreamViewException;

import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSetOption;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The per-connection value of {@code enable_case_sensitive_super_attribute} (default false), keyed by the
 * connection's (mutable) root schema, which lives as long as the connection. {@link SuperPrepare} records it when a
 * {@code SET}/{@code RESET} of that name runs on the connection; the validator reads it when it prepares a
 * statement, so a statement keeps the value it was prepared with.
 */
public final class SuperSettings {

  /** The setting's name, as {@code SET} takes it. */
  public static final String CASE_SENSITIVE_SUPER_ATTRIBUTE = "enable_case_sensitive_super_attribute";

  private static final Map<CalciteSchema, Boolean> CASE_SENSITIVE = Collections.synchronizedMap(new WeakHashMap<>());

  private SuperSettings() {
  }

  /** Whether attribute names match case-sensitively on the connection whose root schema is {@code root}. */
  public static boolean caseSensitiveAttributes(CalciteSchema root) {
    return Boolean.TRUE.equals(CASE_SENSITIVE.get(root.root()));
  }

  /** Whether {@code option} sets this package's setting. */
  static boolean isOurs(SqlSetOption option) {
    return option.getName().toString().toLowerCase(Locale.ROOT).equals(CASE_SENSITIVE_SUPER_ATTRIBUTE);
  }

  /** The value {@code option} sets ({@code RESET} and {@code DEFAULT} give false); 22023 for anything else. */
  static boolean valueOf(SqlSetOption option) {
    SqlNode value = option.getValue();
    if (value == null) {
      return false;
    }
    String text;
    if (value instanceof SqlLiteral lit) {
      Object v = lit.getValue();
      text = v instanceof Boolean b ? b.toString() : lit.toValue();
    } else if (value instanceof SqlIdentifier id) {
      text = id.toString();
    } else {
      text = value.toString();
    }
    return switch (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) {
      case "true", "on", "yes", "1", "t" -> true;
      case "false", "off", "no", "0", "f", "default" -> false;
      default -> throw new StreamViewException(ErrorCode.INVALID_PARAMETER_VALUE, "parameter \""
          + CASE_SENSITIVE_SUPER_ATTRIBUTE + "\" requires a Boolean value (true/on or false/off), not " + value);
    };
  }

  static void set(CalciteSchema root, boolean caseSensitive) {
    CASE_SENSITIVE.put(root.root(), caseSensitive);
  }
}
