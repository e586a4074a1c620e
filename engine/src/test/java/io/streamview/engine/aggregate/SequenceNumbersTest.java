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

  /** Equal lengths (the fast path compares them as text): same sign as the digit-by-digit reference. */
  @Test
  void equalLengthsAgreeWithTheReference() {
    Random random = new Random(11);
    String alphabet = "0123456789012345678901234567890123456789a-Z ";
    for (int i = 0; i < 200_000; i++) {
      int length = 1 + random.nextInt(random.nextBoolean() ? 4 : 60);
      String a = randomText(random, alphabet, length);
      String b = random.nextInt(5) == 0 ? a : randomText(random, alphabet, length);
      assertEquals(Integer.signum(reference(a, b)), Integer.signum(SequenceNumbers.compare(a, b)), a + " vs " + b);
    }
  }

  private static String randomText(Random random, String alphabet, int length) {
    StringBuilder s = new StringBuilder(length);
    boolean digitsOnly = random.nextInt(3) > 0;
    for (int i = 0; i < length; i++) {
      s.append(alphabet.charAt(random.nextInt(digitsOnly ? 10 : alphabet.length())));
    }
    return s.toString();
  }

  /** The comparison as it was before the equal-length fast path: integers for digit strings, else text. */
  private static int reference(String a, String b) {
    boolean digits = !a.isEmpty() && !b.isEmpty() && a.chars().allMatch(c -> c >= '0' && c <= '9')
        && b.chars().allMatch(c -> c >= '0' && c <= '9');
    return digits ? new BigInteger(a).compareTo(new BigInteger(b)) : a.compareTo(b);
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
