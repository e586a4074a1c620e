package io.streamview.jdbc.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.calcite.avatica.util.ByteString;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * The canonical-text fast paths (JSON_PARSE, navigation with and without the per-thread index, scalar
 * classification, casts, UTF-8 decoding) give exactly what the Jackson paths they short-cut give, over generated
 * JSON: compact and pretty text, escapes, unicode (surrogates, U+2028, case-folding letters), duplicate and
 * case-variant attribute names, deep nesting, every number form, and the same texts damaged (truncated, characters
 * inserted, deleted or replaced, trailing garbage).
 */
class SuperFastPathEqualityTest {

  private static final String[] KEYS = {"a", "A", "b", "B", "ab", "Ab", "aB", "AB", "user_id", "User_Id", "USER_ID",
      "event", "EVENT", "price", "é", "É", "ß", "SS", "ss", "ǅ", "ǆ", "Ǆ", "ı", "I", "i", "İ", "k\"q", "x\\y", "",
      " ", "n\nl", "\u2028", "日本", "😀"};
  private static final String[] NUMBERS = {"0", "-0", "1", "-1", "12", "12.50", "0.0", "-0.0", "0.05", "1e5", "1E5",
      "1e+5", "1E-5", "-1.5e-7", "2147483647", "2147483648", "-2147483648", "-2147483649", "32767", "32768",
      "9223372036854775807", "9223372036854775808", "-9223372036854775808", "999999999999999999",
      "1000000000000000000", "123456789012345678901234567890", "4503599627370495", "4503599627370496",
      "4503599627370495.5", "0.1234567890123456789012", "0.12345678901234567890123", "1.7976931348623157e308",
      "1e400", "-1e-400", "4.9e-324", "2.5", "-2.5", "0.5", "1.5", "32767.5", "-32768.5", "2147483647.4",
      "100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001"};
  private static final char[] SPECIAL = {' ', '"', '\\', '/', '\b', '\f', '\n', '\r', '\t', '\u0000', '\u001f',
      '\u007f', '\u0080', '\u00e9', '\u2028', '\u2029', '\ufeff', '\ufffd', '\ud83d', '\ude00', '{', '}', '[', ']',
      ':', ',', 'e', 'E', '-', '+', '.', '0', '1', '9', 't', 'n', 'f', 'x'};

  private static final java.util.regex.Pattern HUGE_EXPONENT = java.util.regex.Pattern.compile("[eE][+-]?\\d{5,}");

  /** Reads documents only to pick paths (SuperJson.tree fails on 1e12345678901: BigDecimal refuses it). */
  private static final com.fasterxml.jackson.databind.ObjectMapper STRUCTURE =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private final Random random = new Random(20261126L);

  @Test
  void generatedDocumentsParseNavigateAndCastAlike() {
    for (int d = 0; d < 2500; d++) {
      StringBuilder sb = new StringBuilder();
      boolean pretty = random.nextInt(3) == 0;
      value(sb, 0, random.nextInt(5) + 1, pretty);
      String doc = sb.toString();
      checkDocument(doc);
      for (int m = 0; m < 3; m++) {
        checkDocument(mutate(doc));
      }
    }
  }

  @Test
  void clickRecordsLikeTheBenchmarkOnes() {
    for (int i = 0; i < 1000; i++) {
      String doc = "{\"event_id\":\"e-" + i + "\",\"user_id\":" + random.nextInt(10_000) + ",\"session\":\"s-"
          + Integer.toHexString(random.nextInt()) + "\",\"event\":\"" + KEYS[random.nextInt(KEYS.length)]
          + "\",\"page\":\"/p/" + i + "\",\"price\":" + random.nextInt(1000) + "." + random.nextInt(100)
          + ",\"ts\":\"2026-11-26T10:00:00.000Z\",\"ua\":\"Mozilla/5.0 (X11; Linux x86_64)\",\"lang\":\"en-GB\"}";
      checkDocument(doc);
      checkDocument(mutate(doc));
    }
  }

  @Test
  void deepNestingAroundTheLimitIsDecidedAlike() {
    for (int depth : new int[] {1, 2, 100, 254, 255, 256, 257, 600, 999, 1000, 1001, 1200}) {
      for (String leaf : new String[] {"1", "\"s\"", "{}", "[]", "{\"a\":1}"}) {
        StringBuilder o = new StringBuilder();
        StringBuilder a = new StringBuilder();
        List<Object> objectPath = new ArrayList<>();
        List<Object> arrayPath = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
          o.append("{\"a\":");
          a.append('[');
          objectPath.add("a");
          arrayPath.add(0);
        }
        o.append(leaf);
        a.append(leaf);
        for (int i = 0; i < depth; i++) {
          o.append('}');
          a.append(']');
        }
        checkDocument(o.toString());
        checkDocument(a.toString());
        checkNavigation(JsonFunctions.jsonParse(o.toString()), objectPath.toArray(), false);
        checkNavigation(JsonFunctions.jsonParse(a.toString()), arrayPath.toArray(), true);
        checkNavigation(o.toString(), objectPath.toArray(), false);
      }
    }
  }

  @Test
  void scalarsNumbersAndOddTextsClassifyAndCastAlike() {
    List<String> texts = new ArrayList<>(List.of("", " ", "x", "true", "false", "null", "truex", "true ", " true",
        "nul", "{", "[", "{x", "[}", "\"", "\"ab", "\"ab\"x", "\"a\\\"b\"", "\"\u0001\"", "\"\u2028\"", "-", "+1",
        ".5", "5.", "01", "-01", "1e", "1e+", "0x10", "NaN", "Infinity", "\"NaN\"", "\"-inf\"", "\" 12 \"",
        "12 ", "12x", "12}", "1 2", "\ufeff1", "\"12.5\"", "\"t\"", "\"yes\""));
    for (String n : NUMBERS) {
      texts.add(n);
      texts.add("\"" + n + "\"");
      texts.add(n + " ");
      texts.add(" " + n);
    }
    for (int i = 0; i < 20_000; i++) {
      texts.add(randomNumberText());
    }
    for (int i = 0; i < 5000; i++) {
      texts.add(mutate(randomNumberText()));
      StringBuilder sb = new StringBuilder();
      value(sb, 0, 1, false);
      texts.add(mutate(sb.toString()));
    }
    for (String t : texts) {
      checkScalar(t);
    }
  }

  @Test
  void everyCharacterInAStringParsesNavigatesAndClassifiesAlike() {
    for (int c = 0; c < 0x10000; c++) {
      boolean interesting = c < 0x800 || (c >= 0x2000 && c < 0x2100) || (c >= 0xD800 && c < 0xE000) || c >= 0xFEF0;
      if (!interesting && c % 13 != 0) {
        continue;
      }
      String ch = String.valueOf((char) c);
      String doc = "{\"k\":\"x" + ch + "y\",\"" + ch + "\":" + c + "}";
      String parsed = JsonFunctions.jsonParse(doc);
      assertEquals(SuperJson.compact(doc), parsed, doc);
      if (parsed != null) {
        checkNavigation(parsed, new Object[] {"k"}, true);
        checkNavigation(parsed, new Object[] {ch}, false);
        checkNavigation(parsed, new Object[] {ch.toUpperCase(java.util.Locale.ROOT)}, false);
      }
      checkNavigation(doc, new Object[] {ch}, true);
      checkScalar("\"" + ch + "\"");
      checkScalar(ch);
    }
  }

  @Test
  void utf8DecodingAgreesWithTheStrictDecoder() {
    List<byte[]> inputs = new ArrayList<>();
    inputs.add(new byte[0]);
    inputs.add("\ufffd".getBytes(StandardCharsets.UTF_8));
    inputs.add(new byte[] {(byte) 0xc0, (byte) 0x80});
    inputs.add(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80});
    inputs.add(new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80});
    inputs.add(new byte[] {(byte) 0xe2, (byte) 0x82});
    inputs.add(new byte[] {(byte) 0x80});
    inputs.add(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{', '}'});
    for (int i = 0; i < 10_000; i++) {
      StringBuilder sb = new StringBuilder();
      int len = random.nextInt(12);
      for (int j = 0; j < len; j++) {
        sb.appendCodePoint(randomCodePoint());
      }
      byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
      inputs.add(b);
      byte[] broken = b.clone();
      if (broken.length > 0) {
        broken[random.nextInt(broken.length)] = (byte) random.nextInt(256);
        inputs.add(broken);
        inputs.add(java.util.Arrays.copyOf(b, random.nextInt(b.length)));
      }
      byte[] noise = new byte[random.nextInt(6)];
      random.nextBytes(noise);
      inputs.add(noise);
    }
    for (byte[] b : inputs) {
      assertEquals(VarbyteFunctions.decodeUtf8Strict(b), VarbyteFunctions.decodeUtf8(b), () -> hex(b));
      ByteString bs = new ByteString(b);
      String strict = VarbyteFunctions.decodeUtf8Strict(b);
      String expected = strict == null ? null : SuperJson.compact(strict);
      assertEquals(expected, JsonFunctions.jsonParse(bs));
      assertEquals(expected, JsonFunctions.jsonParse(bs));
    }
  }

  @Test
  void theVarbyteCacheAnswersOnlyForTheSameInstance() {
    ByteString one = new ByteString("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    ByteString other = new ByteString("{\"a\":2}".getBytes(StandardCharsets.UTF_8));
    String first = JsonFunctions.jsonParse(one);
    assertSame(first, JsonFunctions.jsonParse(one));
    assertEquals("{\"a\":2}", JsonFunctions.jsonParse(other));
    assertEquals("{\"a\":1}", JsonFunctions.jsonParse(new ByteString(one.getBytes())));
    ByteString bad = new ByteString("{\"a\":".getBytes(StandardCharsets.UTF_8));
    assertEquals(null, JsonFunctions.jsonParse(bad));
    assertEquals(null, JsonFunctions.jsonParse(bad));
  }

  @Test
  void theIndexAnswersOnlyForTheTextItWasBuiltOn() {
    String a = JsonFunctions.jsonParse("{\"k\":1,\"K\":2,\"m\":{\"n\":[1,{\"o\":\"p\"}]}}");
    String equalCopy = new String(a.toCharArray());
    assertNotSame(a, equalCopy);
    Object[] k = {"k"};
    Object[] deep = {"m", "n", 1, "o"};
    assertEquals("1", SuperJson.navigate(a, k, 0, true));
    assertEquals("\"p\"", SuperJson.navigate(a, deep, 0, true));
    assertEquals("1", SuperJson.navigate(equalCopy, k, 0, true));
    String b = JsonFunctions.jsonParse("{\"k\":\"other\"}");
    assertEquals("\"other\"", SuperJson.navigate(b, k, 0, true));
    assertEquals("1", SuperJson.navigate(a, k, 0, true));
    assertEquals("2", SuperJson.navigate(a, new Object[] {"K"}, 0, false));
    assertEquals("2", SuperJson.navigate(a, new Object[] {"K"}, 0, true));
    assertEquals(null, SuperJson.navigate(a, new Object[] {"KK"}, 0, false));
    assertEquals("[1,{\"o\":\"p\"}]", SuperJson.navigate(a, new Object[] {"M", "N"}, 0, false));
    assertEquals(null, SuperJson.navigate(a, new Object[] {"M", "N"}, 0, true));
  }

  @Test
  void canonicalTextIsReturnedAsItIs() {
    String text = "{\"a\":[1,2.50,-0,1e5,\"é😀\",true,false,null,{}],\"b\":{\"c\":\"\"}}";
    assertSame(text, JsonFunctions.jsonParse(text));
    assertEquals(text, SuperJson.compact(text));
    String pretty = "{ \"a\" : 1 }";
    assertEquals("{\"a\":1}", JsonFunctions.jsonParse(pretty));
    assertTrue(CanonicalJson.index("{\"a\":1}"));
  }

  // ---- checks

  private void checkDocument(String doc) {
    String expected = SuperJson.compact(doc);
    String parsed = JsonFunctions.jsonParse(doc);
    assertEquals(expected, parsed, () -> "JSON_PARSE of " + doc);
    checkScalar(doc);
    List<Object[]> paths = paths(expected != null ? expected : doc);
    for (Object[] path : paths) {
      boolean cs = random.nextBoolean();
      if (parsed != null) {
        // the index of the String JSON_PARSE returned is live here
        checkNavigation(parsed, path, cs);
        checkNavigation(new String(parsed.toCharArray()), path, cs);
      }
      checkNavigation(doc, path, cs);
    }
  }

  private void checkNavigation(String text, Object[] path, boolean caseSensitive) {
    for (int from = 0; from <= Math.min(path.length, 1); from++) {
      int f = from;
      String expected = SuperJson.navigateSlow(text, path, from, caseSensitive);
      String actual = SuperJson.navigate(text, path, from, caseSensitive);
      assertEquals(expected, actual, () -> "navigate " + java.util.Arrays.toString(path) + " from " + f + " cs "
          + caseSensitive + " in " + abbreviate(text));
      if (expected != null) {
        checkScalar(expected);
      }
    }
    String encoded = encode(path);
    if (encoded != null) {
      assertEquals(SuperJson.navigateSlow(text, path, 0, caseSensitive),
          SuperNavigationFunctions.navigate(text, encoded, caseSensitive));
    }
  }

  private static void checkScalar(String text) {
    SuperScalar slow = SuperScalar.ofSlow(text);
    assertEquals(slow, SuperScalar.of(text), () -> "classify " + abbreviate(text));
    assertEquals(SuperCastFunctions.varcharOf(slow), SuperCastFunctions.toVarchar(text));
    if (HUGE_EXPONENT.matcher(text).find()) {
      // the BigDecimal path runs for hours on 1e999999999::int (setScale builds 10^999999999): a known defect of
      // the Jackson path, which the fast paths never take over (they answer only for plain digits)
      return;
    }
    assertEquals(outcome(() -> SuperCastFunctions.intOf(slow)), outcome(() -> SuperCastFunctions.toInt(text)),
        () -> "int " + text);
    assertEquals(outcome(() -> SuperCastFunctions.bigintOf(slow)), outcome(() -> SuperCastFunctions.toBigint(text)),
        () -> "bigint " + text);
    assertEquals(outcome(() -> SuperCastFunctions.smallintOf(slow)),
        outcome(() -> SuperCastFunctions.toSmallint(text)), () -> "smallint " + text);
    // Double.equals compares bits: 0.0 and -0.0 differ, as they must
    assertEquals(outcome(() -> SuperCastFunctions.doubleOf(slow)), outcome(() -> SuperCastFunctions.toDouble(text)),
        () -> "double " + text);
  }

  /** A result, or the class of what it threw (the Jackson path throws for some numbers; the fast one must too). */
  private static Object outcome(java.util.function.Supplier<Object> f) {
    try {
      return f.get();
    } catch (RuntimeException e) {
      return e.getClass();
    }
  }

  // ---- generation

  private void value(StringBuilder sb, int depth, int maxDepth, boolean pretty) {
    int kind = depth >= maxDepth ? 2 + random.nextInt(4) : random.nextInt(6);
    switch (kind) {
      case 0 -> {
        sb.append('{');
        int n = random.nextInt(6);
        List<String> used = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          if (i > 0) {
            sb.append(',');
          }
          space(sb, pretty);
          String key = !used.isEmpty() && random.nextInt(5) == 0 ? used.get(random.nextInt(used.size())) : key();
          used.add(key);
          string(sb, key);
          space(sb, pretty);
          sb.append(':');
          space(sb, pretty);
          value(sb, depth + 1, maxDepth, pretty);
          space(sb, pretty);
        }
        sb.append('}');
      }
      case 1 -> {
        sb.append('[');
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
          if (i > 0) {
            sb.append(',');
          }
          space(sb, pretty);
          value(sb, depth + 1, maxDepth, pretty);
          space(sb, pretty);
        }
        sb.append(']');
      }
      case 2 -> sb.append(random.nextInt(3) == 0 ? randomNumberText() : NUMBERS[random.nextInt(NUMBERS.length)]);
      case 3 -> string(sb, randomText());
      case 4 -> sb.append(random.nextBoolean() ? "true" : "false");
      default -> sb.append(random.nextInt(3) == 0 ? "null" : "\"" + KEYS[random.nextInt(KEYS.length)]
          .replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"");
    }
  }

  private void space(StringBuilder sb, boolean pretty) {
    if (pretty && random.nextBoolean()) {
      sb.append(" \n\t\r".charAt(random.nextInt(4)));
    }
  }

  private String key() {
    return random.nextInt(8) == 0 ? randomText() : KEYS[random.nextInt(KEYS.length)];
  }

  /** Appends {@code s} as a JSON string, escaping as JSON requires and sometimes more (\\u escapes, \\/). */
  private void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int r = random.nextInt(12);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(r < 6 ? String.format("\\u%04x", (int) c) : c == '\n' ? "\\n" : String.format("\\u%04X", (int) c));
      } else if (r == 0) {
        sb.append(String.format("\\u%04x", (int) c));
      } else if (r == 1 && c == '/') {
        sb.append("\\/");
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }

  private String randomText() {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(8);
    for (int i = 0; i < n; i++) {
      int r = random.nextInt(4);
      if (r == 0) {
        sb.append(SPECIAL[random.nextInt(SPECIAL.length)]);
      } else if (r == 1) {
        sb.appendCodePoint(randomCodePoint());
      } else {
        sb.append((char) ('a' + random.nextInt(26)));
      }
    }
    return sb.toString();
  }

  private int randomCodePoint() {
    return switch (random.nextInt(5)) {
      case 0 -> random.nextInt(0x80);
      case 1 -> 0x80 + random.nextInt(0x780);
      case 2 -> {
        int c = 0x800 + random.nextInt(0xF800);
        yield c >= 0xD800 && c <= 0xDFFF ? 0x2028 : c;
      }
      case 3 -> 0x10000 + random.nextInt(0x100000);
      default -> "aAzZ09 \"\\{}".charAt(random.nextInt(11));
    };
  }

  private String randomNumberText() {
    StringBuilder sb = new StringBuilder();
    if (random.nextBoolean()) {
      sb.append('-');
    }
    int intDigits = random.nextInt(4) == 0 ? 1 + random.nextInt(25) : 1 + random.nextInt(6);
    for (int i = 0; i < intDigits; i++) {
      sb.append((char) ('0' + (i == 0 && intDigits > 1 && random.nextInt(10) != 0 ? 1 + random.nextInt(9)
          : random.nextInt(10))));
    }
    if (random.nextInt(3) > 0) {
      sb.append('.');
      int frac = random.nextInt(4) == 0 ? random.nextInt(30) : 1 + random.nextInt(4);
      for (int i = 0; i < frac; i++) {
        sb.append((char) ('0' + random.nextInt(10)));
      }
    }
    if (random.nextInt(6) == 0) {
      sb.append(random.nextBoolean() ? 'e' : 'E');
      int r = random.nextInt(3);
      if (r == 1) {
        sb.append('+');
      } else if (r == 2) {
        sb.append('-');
      }
      sb.append(random.nextInt(500));
    }
    return sb.toString();
  }

  private String mutate(String s) {
    if (s.isEmpty()) {
      return String.valueOf(SPECIAL[random.nextInt(SPECIAL.length)]);
    }
    int at = random.nextInt(s.length());
    char c = SPECIAL[random.nextInt(SPECIAL.length)];
    return switch (random.nextInt(7)) {
      case 0 -> s.substring(0, at);
      case 1 -> s.substring(0, at) + c + s.substring(at);
      case 2 -> s.substring(0, at) + s.substring(at + 1);
      case 3 -> s.substring(0, at) + c + s.substring(at + 1);
      case 4 -> s + (random.nextBoolean() ? " " : String.valueOf(c));
      case 5 -> (random.nextBoolean() ? " " : String.valueOf(c)) + s;
      default -> s.substring(0, at) + s.substring(at).toUpperCase(java.util.Locale.ROOT);
    };
  }

  /** Paths that exist in {@code text} (keys in random case variants), near misses, and random ones. */
  private List<Object[]> paths(String text) {
    List<Object[]> out = new ArrayList<>();
    out.add(new Object[0]);
    JsonNode root;
    try {
      root = STRUCTURE.readTree(text);
    } catch (java.io.IOException | RuntimeException e) {
      root = null;
    }
    for (int p = 0; p < 8; p++) {
      List<Object> steps = new ArrayList<>();
      JsonNode n = root;
      int len = random.nextInt(5);
      for (int i = 0; i < len; i++) {
        if (n != null && n.isObject() && n.size() > 0 && random.nextInt(6) > 0) {
          List<String> names = new ArrayList<>();
          for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
          }
          String name = names.get(random.nextInt(names.size()));
          n = n.get(name);
          steps.add(switch (random.nextInt(4)) {
            case 0 -> name.toUpperCase(java.util.Locale.ROOT);
            case 1 -> name.toLowerCase(java.util.Locale.ROOT);
            default -> name;
          });
        } else if (n != null && n.isArray() && random.nextInt(6) > 0) {
          int i2 = random.nextInt(n.size() + 2) - 1;
          n = i2 >= 0 && i2 < n.size() ? n.get(i2) : null;
          steps.add(i2);
        } else {
          n = null;
          steps.add(random.nextBoolean() ? (Object) KEYS[random.nextInt(KEYS.length)] : (Object) random.nextInt(3));
        }
      }
      out.add(steps.toArray());
    }
    return out;
  }

  private static String encode(Object[] path) {
    SuperPath p = SuperPath.empty();
    for (Object s : path) {
      p = s instanceof String name ? p.attribute(name) : p.element((Integer) s);
    }
    return p.encode();
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }

  private static String hex(byte[] b) {
    return java.util.HexFormat.of().formatHex(b);
  }
}
