package io.streamview.jdbc.ddl;

import io.streamview.jdbc.error.ErrorCode;
import io.streamview.jdbc.error.StreamViewException;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSetOption;

import java.util.Locale;
import java.util.Set;

/**
 * {@code SET name TO value} / {@code RESET name} for the Redshift settings that tools and scripts send. StreamView
 * already behaves as these ask (quoted identifiers keep their case), so they are accepted and have no further
 * effect; an unknown name is an error.
 */
final class SessionSettings {

  private static final Set<String> KNOWN = Set.of("enable_case_sensitive_identifier",
      "enable_case_sensitive_super_attribute", "search_path", "timezone", "datestyle", "statement_timeout",
      "query_group", "application_name", "client_encoding", "extra_float_digits", "enable_result_cache_for_session",
      "json_serialization_enable", "json_serialization_parse_nested_strings", "downcase_delimited_identifier");

  private SessionSettings() {
  }

  static void set(SqlSetOption node) {
    String name = node.getName().toString().toLowerCase(Locale.ROOT);
    if (!KNOWN.contains(name)) {
      throw new StreamViewException(ErrorCode.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name
          + "\"; known: " + new java.util.TreeSet<>(KNOWN));
    }
    SqlNode value = node.getValue();
    if (name.equals("search_path") && value != null && !value.toString().toLowerCase(Locale.ROOT).contains("public")) {
      throw new StreamViewException(ErrorCode.FEATURE_NOT_SUPPORTED,
          "search_path must include public: local objects live in schema public");
    }
  }
}
