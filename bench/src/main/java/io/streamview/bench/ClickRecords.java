package io.streamview.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic clickstream JSON records of about 200 bytes: record {@code i} is always the same bytes. Users are
 * drawn from {@value #USERS} ids (so an aggregate by user has about that many groups); one event in ten is a
 * {@code heartbeat}, which the benchmark views filter out.
 */
public final class ClickRecords {

  public static final int USERS = 10_000;
  static final String[] EVENTS = {"view", "click", "view", "add_to_cart", "view", "click", "purchase", "view", "click",
      "heartbeat"};
  private static final String[] PAGES = {"/", "/search", "/product", "/cart", "/checkout", "/account", "/help"};

  private ClickRecords() {
  }

  /** The payload of record {@code i}. */
  public static byte[] payload(long i) {
    long h = mix(i);
    int user = (int) Math.floorMod(h, USERS);
    String event = EVENTS[(int) (i % EVENTS.length)];
    String page = PAGES[(int) Math.floorMod(h >>> 20, PAGES.length)];
    long cents = Math.floorMod(h >>> 32, 100_000);
    String json = "{\"event_id\":\"e-" + i + "\",\"user_id\":" + user + ",\"session\":\"s-"
        + Long.toHexString(h & 0xffffffffL) + "\",\"event\":\"" + event + "\",\"page\":\"" + page + "/"
        + Math.floorMod(h >>> 8, 5000) + "\",\"price\":" + (cents / 100) + "." + pad(cents % 100, 2)
        + ",\"ts\":\"2026-11-26T10:" + pad((i / 60000) % 60, 2) + ":" + pad((i / 1000) % 60, 2) + "."
        + pad(i % 1000, 3) + "Z\",\"ua\":\"Mozilla/5.0 (X11; Linux x86_64)\",\"lang\":\"en-GB\"}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static String pad(long v, int width) {
    String s = Long.toString(v);
    return s.length() >= width ? s : "000".substring(0, width - s.length()) + s;
  }

  /** Records {@code 0 .. n-1}. */
  public static List<byte[]> generate(int n) {
    List<byte[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(payload(i));
    }
    return out;
  }

  /** Whether record {@code i} passes the views' filter (is not a heartbeat). */
  public static boolean kept(long i) {
    return !EVENTS[(int) (i % EVENTS.length)].equals("heartbeat");
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
