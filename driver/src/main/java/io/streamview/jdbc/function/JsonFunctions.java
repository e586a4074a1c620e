package io.streamview.jdbc.function;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.streamview.engine.table.StreamBatchScope;

import org.apache.calcite.avatica.util.ByteString;

import java.io.IOException;

/**
 * Redshift's JSON functions. SUPER values are carried as compact JSON text. Input that is not valid JSON gives NULL
 * (or FALSE for the predicates). The extraction functions raise an error for invalid JSON in a query, as Redshift
 * does, but give NULL while a refresh evaluates stream records, so that one bad record never fails a refresh.
 */
public final class JsonFunctions {

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private JsonFunctions() {
  }

  /**
   * {@code JSON_PARSE(varchar)}: the SUPER value of the text, or NULL if it is not exactly one valid JSON value. The
   * value is compact JSON text with every token as written: numbers keep their digits ({@code 12.50}, {@code 1e3}),
   * which is what tells a DECIMAL from a FLOAT later.
   */
  public static String jsonParse(String text) {
    if (text == null) {
      return null;
    }
    // text already in the form compact() writes is its own result; one pass checks it and indexes an object
    if (CanonicalJson.index(text)) {
      return text;
    }
    String out = SuperJson.compact(text);
    if (out != null) {
      CanonicalJson.index(out);
    }
    return out;
  }

  /**
   * {@code JSON_PARSE(varbyte)}: the bytes as UTF-8 JSON. The last input and result are kept per thread: a view's
   * query evaluates {@code JSON_PARSE(kinesis_data)} once in its filter and again in its projection, on the same
   * (immutable) {@link ByteString}, and the second call then returns the same String, whose index serves every
   * navigation of the row.
   */
  public static String jsonParse(ByteString bytes) {
    if (bytes == null) {
      return null;
    }
    CanonicalJson.Recent r = CanonicalJson.recent();
    if (r.parsedInput == bytes) {
      return r.parsedOutput;
    }
    String out = jsonParse(VarbyteFunctions.decodeUtf8(bytes.getBytes()));
    r.parsedInput = bytes;
    r.parsedOutput = out;
    return out;
  }

  /** {@code CAN_JSON_PARSE(varchar)}: whether the text is any valid JSON value. */
  public static Boolean canJsonParse(String text) {
    return text == null ? null : parse(text) != null;
  }

  /** {@code CAN_JSON_PARSE(varbyte)}. */
  public static Boolean canJsonParse(ByteString bytes) {
    if (bytes == null) {
      return null;
    }
    String text = VarbyteFunctions.decodeUtf8(bytes.getBytes());
    return text != null && parse(text) != null;
  }

  /** {@code IS_VALID_JSON(varchar)}: true only for a JSON object, as in Redshift. */
  public static Boolean isValidJson(String text) {
    if (text == null) {
      return null;
    }
    JsonNode n = parse(text);
    return n != null && n.isObject();
  }

  /** {@code IS_VALID_JSON_ARRAY(varchar)}: true only for a JSON array. */
  public static Boolean isValidJsonArray(String text) {
    if (text == null) {
      return null;
    }
    JsonNode n = parse(text);
    return n != null && n.isArray();
  }

  /** {@code JSON_SERIALIZE(super)}: the SUPER value as JSON text. */
  public static String jsonSerialize(String superValue) {
    return superValue;
  }

  /** {@code JSON_EXTRACT_PATH_TEXT(json, path…)} with up to six path elements. */
  public static String jsonExtractPathText(String json, String p1) {
    return extractPath(json, false, p1);
  }

  public static String jsonExtractPathText(String json, String p1, String p2) {
    return extractPath(json, false, p1, p2);
  }

  public static String jsonExtractPathText(String json, String p1, String p2, String p3) {
    return extractPath(json, false, p1, p2, p3);
  }

  public static String jsonExtractPathText(String json, String p1, String p2, String p3, String p4) {
    return extractPath(json, false, p1, p2, p3, p4);
  }

  public static String jsonExtractPathText(String json, String p1, String p2, String p3, String p4, String p5) {
    return extractPath(json, false, p1, p2, p3, p4, p5);
  }

  public static String jsonExtractPathText(String json, String p1, String p2, String p3, String p4, String p5,
                                           String p6) {
    return extractPath(json, false, p1, p2, p3, p4, p5, p6);
  }

  /** {@code JSON_EXTRACT_PATH_TEXT(json, p1, null_if_invalid)}. */
  public static String jsonExtractPathText(String json, String p1, Boolean nullIfInvalid) {
    return extractPath(json, Boolean.TRUE.equals(nullIfInvalid), p1);
  }

  /** {@code JSON_EXTRACT_PATH_TEXT(json, p1, p2, null_if_invalid)}. */
  public static String jsonExtractPathText(String json, String p1, String p2, Boolean nullIfInvalid) {
    return extractPath(json, Boolean.TRUE.equals(nullIfInvalid), p1, p2);
  }

  /** {@code JSON_EXTRACT_ARRAY_ELEMENT_TEXT(json_array, pos)}: the element at a zero-based position. */
  public static String jsonExtractArrayElementText(String json, Integer pos) {
    if (json == null || pos == null) {
      return null;
    }
    JsonNode n = parse(json);
    if (n == null) {
      if (StreamBatchScope.isActive()) {
        return null;
      }
      throw new InvalidJsonException("JSON_EXTRACT_ARRAY_ELEMENT_TEXT", json);
    }
    if (!n.isArray() || pos < 0 || pos >= n.size()) {
      return null;
    }
    return text(n.get(pos));
  }

  /** {@code JSON_EXTRACT_ARRAY_ELEMENT_TEXT(json_array, pos, null_if_invalid)}. */
  public static String jsonExtractArrayElementText(String json, Integer pos, Boolean nullIfInvalid) {
    if (Boolean.TRUE.equals(nullIfInvalid) && json != null && parse(json) == null) {
      return null;
    }
    return jsonExtractArrayElementText(json, pos);
  }

  private static String extractPath(String json, boolean nullIfInvalid, String... path) {
    if (json == null) {
      return null;
    }
    JsonNode n = parse(json);
    if (n == null) {
      if (nullIfInvalid || StreamBatchScope.isActive()) {
        return null;
      }
      throw new InvalidJsonException("JSON_EXTRACT_PATH_TEXT", json);
    }
    for (String p : path) {
      if (p == null || n == null || !n.isObject()) {
        return null;
      }
      n = n.get(p);
    }
    return n == null ? null : text(n);
  }

  private static String text(JsonNode n) {
    if (n.isNull()) {
      return null;
    }
    return n.isValueNode() ? n.asText() : n.toString();
  }

  /** The JSON value of the whole text, or null when the text is not exactly one valid JSON value. */
  static JsonNode parse(String text) {
    if (text == null) {
      return null;
    }
    try (JsonParser p = MAPPER.getFactory().createParser(text)) {
      JsonNode node = MAPPER.readTree(p);
      if (node == null || p.nextToken() != null) {
        return null;
      }
      return node;
    } catch (JsonProcessingException e) {
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Text given to a JSON extraction function is not valid JSON. */
  public static final class InvalidJsonException extends IllegalArgumentException {
    InvalidJsonException(String function, String json) {
      super(function + ": invalid JSON input (" + abbreviate(json) + "); pass true as the last argument "
          + "(null_if_invalid) to get NULL instead, or filter with IS_VALID_JSON / CAN_JSON_PARSE");
    }

    private static String abbreviate(String s) {
      return s.length() <= 60 ? "'" + s + "'" : "'" + s.substring(0, 57) + "...'";
    }
  }
}
