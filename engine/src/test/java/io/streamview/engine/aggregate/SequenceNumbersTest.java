package io.streamview.engine.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Random;

/** {@link SequenceNumbers} orders strings of digits exactly as the integers they spell, text as text. */
class SequenceNumbersTest {

  @Test
  void digitsCompareAsTheirIntegers() {
    Random random = new Random(7);
    for (int i = 0; i < 200_000; i++) {
      String a = randomDigits(random);
      String b = random.nextInt(4) == 0 ? a : random.nextInt(3) == 0 ? nearby(a, random) : randomDigits(random);
      int expected = Integer.signum(new BigInteger(a).compareTo(new BigInteger(b)));
      assertEquals(expected, Integer.signum(SequenceNumbers.compare(a, b)), a + " vs " + b);
      assertEquals(expected >= 0 ? a : b, SequenceNumbers.max(a, b), a + " vs " + b);
    }
  }

  @Test
  void textComparesAsText() {
    assertEquals(Integer.signum("abc".compareTo("12")), Integer.signum(SequenceNumbers.compare("abc", "12")));
    assertEquals(Integer.signum("".compareTo("0")), Integer.signum(SequenceNumbers.compare("", "0")));
    assertEquals(Integer.signum("-5".compareTo("3")), Integer.signum(SequenceNumbers.compare("-5", "3")));
    assertEquals(0, SequenceNumbers.compare("0", "000"));
    assertEquals("9", SequenceNumbers.max(null, "9"));
    assertEquals("9", SequenceNumbers.max("9", null));
  }

  private static String randomDigits(Random random) {
    int length = 1 + random.nextInt(random.nextBoolean() ? 60 : 130);
    StringBuilder s = new StringBuilder(length);
    int zeros = random.nextInt(5) == 0 ? random.nextInt(4) : 0;
    for (int i = 0; i < length; i++) {
      s.append(i < zeros ? '0' : (char) ('0' + random.nextInt(10)));
    }
    return s.toString();
  }

  /** {@code a} with one digit changed, or with leading zeros added. */
  private static String nearby(String a, Random random) {
    if (random.nextBoolean()) {
      return "0".repeat(1 + random.nextInt(3)) + a;
    }
    char[] c = a.toCharArray();
    c[random.nextInt(c.length)] = (char) ('0' + random.nextInt(10));
    return new String(c);
  }
}
