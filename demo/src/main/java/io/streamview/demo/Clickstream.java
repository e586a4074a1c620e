package io.streamview.demo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A small, seeded clickstream: JSON objects
 * {@code {"event_time":"…","user_id":…,"event":"page_view|click|purchase","page":"/…","price":…}} and, mixed in,
 * payloads the documentation example's view must leave out.
 */
final class Clickstream {

  /** Payloads that are JSON arrays: valid JSON, but {@code is_valid_json} is true only for objects. */
  static final List<byte[]> JSON_ARRAYS = List.of(
      utf8("[{\"event\":\"click\",\"page\":\"/\"},{\"event\":\"click\",\"page\":\"/cart\"}]"),
      utf8("[1,2,3]"),
      utf8("[]"));

  /** Payloads that are not JSON at all. */
  static final List<byte[]> MALFORMED_JSON = List.of(
      utf8("{\"event_time\":\"2025-01-01T00:00:00Z\",\"user_id\":1001,\"event\":\"click\""), // truncated
      utf8("{event: click, page: /}"),                                                     // unquoted names
      utf8("{\"user_id\":1002,}"),                                                         // trailing comma
      utf8("not json at all"));

  /** Payloads whose bytes are not UTF-8 (JSON-looking once decoded some other way). */
  static final List<byte[]> NON_UTF8 = List.of(
      concat(utf8("{\"user_id\":1003,\"event\":\"page_view\",\"page\":\"/caf"), new byte[] {(byte) 0xE9},
          utf8("\"}")),                                                       // ISO-8859-1 'é'
      concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
          "{\"event\":\"click\"}".getBytes(StandardCharsets.UTF_16LE)),       // UTF-16LE with a byte-order mark
      new byte[] {'{', '"', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}); // broken 2-byte sequence

  private static final String[] PAGES = {"/", "/products", "/products/42", "/products/7", "/products/133", "/search",
      "/cart", "/checkout", "/account", "/help"};

  private final Random random;
  private Instant clock;
  private int sent;

  /** A stream whose events start at {@code start}; the same seed gives the same events. */
  Clickstream(long seed, Instant start) {
    this.random = new Random(seed);
    this.clock = start.truncatedTo(ChronoUnit.MILLIS);
  }

  /** The next {@code count} click events, each a JSON object encoded in UTF-8. */
  List<byte[]> events(int count) {
    List<byte[]> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      events.add(utf8(nextEvent()));
    }
    return events;
  }

  /** {@code count} events with every bad payload of this class mixed in at seeded positions. */
  List<byte[]> eventsWithBadPayloads(int count) {
    List<byte[]> records = events(count);
    List<byte[]> bad = new ArrayList<>();
    bad.addAll(JSON_ARRAYS);
    bad.addAll(MALFORMED_JSON);
    bad.addAll(NON_UTF8);
    for (byte[] payload : bad) {
      records.add(random.nextInt(records.size() + 1), payload);
    }
    return Collections.unmodifiableList(records);
  }

  /** How many bad payloads {@link #eventsWithBadPayloads} mixes in. */
  static int badPayloadCount() {
    return JSON_ARRAYS.size() + MALFORMED_JSON.size() + NON_UTF8.size();
  }

  private String nextEvent() {
    clock = clock.plusMillis(200 + random.nextInt(2_000));
    int userId = 1000 + random.nextInt(40);
    int roll = random.nextInt(100);
    String event = roll < 60 ? "page_view" : roll < 90 ? "click" : "purchase";
    String page;
    String price;
    if (event.equals("purchase")) {
      page = "/checkout";
      price = String.format(Locale.ROOT, "%.2f", 4.99 + random.nextInt(19_500) / 100.0);
    } else {
      page = PAGES[random.nextInt(PAGES.length)];
      price = "null";
    }
    sent++;
    return "{\"event_time\":\"" + clock + "\",\"user_id\":" + userId + ",\"event\":\"" + event + "\",\"page\":\""
        + page + "\",\"price\":" + price + "}";
  }

  /** Events produced so far. */
  int sent() {
    return sent;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }
}
