package io.streamview.jdbc.meta;

import java.util.Map;

/** One line per Redshift function, as {@code getFunctions} REMARKS. */
final class FunctionRemarks {

  private static final Map<String, String> REMARKS = Map.ofEntries(
      Map.entry("from_varbyte", "VARBYTE to text in an encoding ('utf-8', 'hex', 'base64', …)"),
      Map.entry("to_varbyte", "text to VARBYTE in an encoding"),
      Map.entry("is_utf8", "whether a VARBYTE value is valid UTF-8"),
      Map.entry("json_parse", "JSON text to SUPER"),
      Map.entry("can_json_parse", "whether text is valid JSON"),
      Map.entry("is_valid_json", "whether text is a JSON object"),
      Map.entry("is_valid_json_array", "whether text is a JSON array"),
      Map.entry("json_serialize", "SUPER to JSON text"),
      Map.entry("json_extract_path_text", "the text at a path of JSON text"),
      Map.entry("json_extract_array_element_text", "the text of an element of a JSON array"),
      Map.entry("json_typeof", "the JSON type of a SUPER value"),
      Map.entry("json_size", "the size in bytes of a SUPER value serialized"),
      Map.entry("get_array_length", "the length of a SUPER array"),
      Map.entry("date_trunc", "a timestamp truncated to a date part"));

  private FunctionRemarks() {
  }

  static String of(String function) {
    String r = REMARKS.get(function);
    if (r != null) {
      return r;
    }
    if (function.startsWith("is_")) {
      return "SUPER type test: whether the value is " + function.substring(3);
    }
    return "Redshift function";
  }
}
