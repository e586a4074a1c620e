package io.streamview.jdbc.function;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.StringWriter;

/**
 * Reading SUPER values (compact JSON text) without building trees: navigation streams through the text, skipping
 * what the path does not enter, and copies the value it lands on token by token, so numbers keep their literal
 * digits ({@code 12.50} stays {@code 12.50}). Text that is already canonical is navigated by {@link CanonicalJson}
 * without a parser; {@link #navigateSlow} is the Jackson path it must agree with.
 */
final class SuperJson {

  static final JsonFactory FACTORY = JsonFactory.builder().build();

  /** Trees with exact decimals ({@code 12.50} keeps its scale), for comparing whole values. */
  static final JsonMapper EXACT = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build();

  private SuperJson() {
  }

  /**
   * The value at {@code steps[from…]} in {@code text}, as compact JSON, or null when the path leads nowhere (a
   * missing attribute, a position outside the array, a step into a scalar) or the text is not JSON. Attribute names
   * match exactly first; unless {@code caseSensitive}, an attribute that differs only in case is taken when there is
   * no exact match (the first such attribute in document order).
   */
  static String navigate(String text, Object[] steps, int from, boolean caseSensitive) {
    if (text == null) {
      return null;
    }
    long found = CanonicalJson.find(text, steps, from, caseSensitive);
    if (found == CanonicalJson.NOT_FOUND) {
      return null;
    }
    if (found != CanonicalJson.UNDECIDED) {
      return text.substring(CanonicalJson.start(found), CanonicalJson.end(found));
    }
    return navigateSlow(text, steps, from, caseSensitive);
  }

  /** {@link #navigate} with Jackson only: the reference the canonical fast path must agree with. */
  static String navigateSlow(String text, Object[] steps, int from, boolean caseSensitive) {
    if (text == null) {
      return null;
    }
    try (JsonParser p = FACTORY.createParser(text)) {
      if (p.nextToken() == null) {
        return null;
      }
      for (int i = from; i < steps.length; i++) {
        if (steps[i] instanceof String name) {
          if (p.currentToken() != JsonToken.START_OBJECT) {
            return null;
          }
          String candidate = null;
          boolean found = false;
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            if (key.equals(name)) {
              found = true;
              break;
            }
            if (!caseSensitive && candidate == null && key.equalsIgnoreCase(name)) {
              candidate = copy(p);
            } else {
              p.skipChildren();
            }
          }
          if (!found) {
            if (candidate == null || i + 1 == steps.length) {
              return candidate;
            }
            return navigateSlow(candidate, steps, i + 1, caseSensitive);
          }
        } else {
          int position = (Integer) steps[i];
          if (p.currentToken() != JsonToken.START_ARRAY || position < 0) {
            return null;
          }
          int k = 0;
          boolean found = false;
          for (JsonToken t = p.nextToken(); t != null && t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (k++ == position) {
              found = true;
              break;
            }
            p.skipChildren();
          }
          if (!found) {
            return null;
          }
        }
      }
      return copy(p);
    } catch (IOException e) {
      return null;
    }
  }

  /** {@code text} as compact JSON with every token as written, or null unless it is exactly one JSON value. */
  static String compact(String text) {
    if (text == null) {
      return null;
    }
    try (JsonParser p = FACTORY.createParser(text)) {
      if (p.nextToken() == null) {
        return null;
      }
      String out = copy(p);
      return p.nextToken() == null ? out : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The number of elements of an array value, or null if {@code text} is not a JSON array. */
  static Integer arrayLength(String text) {
    if (text == null) {
      return null;
    }
    try (JsonParser p = FACTORY.createParser(text)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        return null;
      }
      int n = 0;
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (t == null) {
          return null;
        }
        p.skipChildren();
        n++;
      }
      return n;
    } catch (IOException e) {
      return null;
    }
  }

  /** The tree of {@code text} with exact decimals; text that is not JSON is a string. */
  static JsonNode tree(String text) {
    try {
      JsonNode n = EXACT.readTree(text);
      return n == null ? EXACT.getNodeFactory().textNode(text) : n;
    } catch (IOException e) {
      return EXACT.getNodeFactory().textNode(text);
    }
  }

  /** Copies the value at the parser's current token as compact JSON; leaves the parser on the value's last token. */
  static String copy(JsonParser p) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      int depth = 0;
      JsonToken t = p.currentToken();
      while (t != null) {
        switch (t) {
          case START_OBJECT -> {
            g.writeStartObject();
            depth++;
          }
          case START_ARRAY -> {
            g.writeStartArray();
            depth++;
          }
          case END_OBJECT -> {
            g.writeEndObject();
            depth--;
          }
          case END_ARRAY -> {
            g.writeEndArray();
            depth--;
          }
          case FIELD_NAME -> g.writeFieldName(p.currentName());
          case VALUE_STRING -> g.writeString(p.getText());
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> g.writeNumber(p.getText());
          case VALUE_TRUE -> g.writeBoolean(true);
          case VALUE_FALSE -> g.writeBoolean(false);
          case VALUE_NULL -> g.writeNull();
          default -> throw new IOException("unexpected JSON token " + t);
        }
        if (depth == 0) {
          break;
        }
        t = p.nextToken();
      }
      if (depth != 0) {
        throw new IOException("truncated JSON");
      }
    }
    return out.toString();
  }
}
