package io.streamview.jdbc.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A SUPER navigation path: attribute names and zero-based array positions, written as one JSON array
 * ({@code ["items",0,"sku"]}). The validator puts that text into the SQL it rewrites ({@code payload.items[0].sku}
 * becomes {@code sv_navigate(payload, '["items",0,"sku"]', FALSE)}); the navigation function reads it back.
 */
public final class SuperPath {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final int CACHE_LIMIT = 4096;
  private static final Map<String, Object[]> DECODED = new ConcurrentHashMap<>();

  private final List<Object> steps;

  private SuperPath(List<Object> steps) {
    this.steps = steps;
  }

  /** The empty path (the value itself). */
  public static SuperPath empty() {
    return new SuperPath(List.of());
  }

  /** The path of {@code encoded} (as {@link #encode()} writes it). */
  public static SuperPath decode(String encoded) {
    Object[] s = steps(encoded);
    if (s == null) {
      throw new IllegalArgumentException("not a SUPER path: " + encoded);
    }
    return new SuperPath(List.of(s));
  }

  /** This path followed by an attribute name. */
  public SuperPath attribute(String name) {
    return with(name);
  }

  /** This path followed by a zero-based array position. */
  public SuperPath element(int position) {
    return with(position);
  }

  /** The path followed by every step of {@code more}. */
  public SuperPath then(SuperPath more) {
    List<Object> s = new ArrayList<>(steps);
    s.addAll(more.steps);
    return new SuperPath(Collections.unmodifiableList(s));
  }

  private SuperPath with(Object step) {
    List<Object> s = new ArrayList<>(steps);
    s.add(step);
    return new SuperPath(Collections.unmodifiableList(s));
  }

  public boolean isEmpty() {
    return steps.isEmpty();
  }

  /** The steps: {@code String} attribute names and {@code Integer} positions. */
  public List<Object> steps() {
    return steps;
  }

  /** The path as a JSON array of strings (attributes) and integers (positions). */
  public String encode() {
    ArrayNode a = MAPPER.createArrayNode();
    for (Object s : steps) {
      if (s instanceof String name) {
        a.add(name);
      } else {
        a.add((Integer) s);
      }
    }
    return a.toString();
  }

  /** The steps of an encoded path, or null if it is not one; decoded once per distinct text. */
  static Object[] steps(String encoded) {
    if (encoded == null) {
      return null;
    }
    Object[] cached = DECODED.get(encoded);
    if (cached != null) {
      return cached;
    }
    Object[] s = parse(encoded);
    if (s != null) {
      if (DECODED.size() >= CACHE_LIMIT) {
        DECODED.clear();
      }
      DECODED.put(encoded, s);
    }
    return s;
  }

  private static Object[] parse(String encoded) {
    JsonNode n;
    try {
      n = MAPPER.readTree(encoded);
    } catch (java.io.IOException e) {
      return null;
    }
    if (n == null || !n.isArray()) {
      return null;
    }
    Object[] out = new Object[n.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode s = n.get(i);
      if (s.isTextual()) {
        out[i] = s.textValue();
      } else if (s.canConvertToInt() && s.isIntegralNumber()) {
        out[i] = s.intValue();
      } else {
        return null;
      }
    }
    return out;
  }

  @Override public boolean equals(Object o) {
    return o instanceof SuperPath p && p.steps.equals(steps);
  }

  @Override public int hashCode() {
    return steps.hashCode();
  }

  @Override public String toString() {
    return encode();
  }
}
