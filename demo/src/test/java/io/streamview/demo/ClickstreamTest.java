package io.streamview.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ClickstreamTest {

  private static final Pattern EVENT = Pattern.compile("\\{\"event_time\":\"[0-9T:.Z-]+\",\"user_id\":\\d+,"
      + "\"event\":\"(page_view|click|purchase)\",\"page\":\"/[a-z0-9/]*\",\"price\":(null|\\d+\\.\\d\\d)}");

  @Test
  void eventsAreClickObjectsInUtf8() {
    List<byte[]> events = new Clickstream(1, Instant.parse("2025-06-01T09:00:00Z")).events(200);
    assertEquals(200, events.size());
    for (byte[] event : events) {
      String text = new String(event, StandardCharsets.UTF_8);
      assertTrue(EVENT.matcher(text).matches(), text);
      assertEquals(text.contains("\"purchase\""), !text.endsWith("\"price\":null}"), text);
    }
  }

  @Test
  void badPayloadsAreMixedInAndAreWhatTheyClaim() throws Exception {
    List<byte[]> records = new Clickstream(2, Instant.now()).eventsWithBadPayloads(300);
    assertEquals(300 + Clickstream.badPayloadCount(), records.size());
    assertEquals(300, records.stream().filter(r -> EVENT.matcher(utf8OrNull(r) == null ? "" : utf8OrNull(r))
        .matches()).count());
    for (byte[] array : Clickstream.JSON_ARRAYS) {
      assertEquals('[', utf8OrNull(array).charAt(0));
    }
    for (byte[] malformed : Clickstream.MALFORMED_JSON) {
      assertTrue(utf8OrNull(malformed) != null);
    }
    for (byte[] notUtf8 : Clickstream.NON_UTF8) {
      assertEquals(null, utf8OrNull(notUtf8));
    }
  }

  @Test
  void sameSeedSameEvents() {
    Instant start = Instant.parse("2025-06-01T09:00:00Z");
    List<byte[]> a = new Clickstream(7, start).events(20);
    List<byte[]> b = new Clickstream(7, start).events(20);
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i), b.get(i));
    }
    assertFalse(new String(a.get(0), StandardCharsets.UTF_8).isEmpty());
  }

  private static String utf8OrNull(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
