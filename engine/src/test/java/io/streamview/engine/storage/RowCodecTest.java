package io.streamview.engine.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RowCodecTest {

    private static Object[] roundTrip(Object[] row) {
        Object[] back = RowCodec.decode(RowCodec.encode(row));
        assertEquals(row.length, back.length);
        for (int i = 0; i < row.length; i++) {
            if (row[i] == null) {
                assertEquals(null, back[i]);
            } else {
                assertEquals(row[i].getClass(), back[i].getClass(), "class of column " + i);
                if (row[i] instanceof byte[] bytes) {
                    assertArrayEquals(bytes, (byte[]) back[i]);
                } else {
                    assertEquals(row[i], back[i], "column " + i);
                }
            }
        }
        return back;
    }

    @Test
    void everySupportedTypeRoundTripsWithItsClass() {
        roundTrip(new Object[] {
            null, Boolean.TRUE, Boolean.FALSE,
            (byte) 0, Byte.MIN_VALUE, Byte.MAX_VALUE,
            (short) 0, Short.MIN_VALUE, Short.MAX_VALUE,
            0, Integer.MIN_VALUE, Integer.MAX_VALUE, -1,
            0L, Long.MIN_VALUE, Long.MAX_VALUE, 1_700_000_000_123L,
            0f, -0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN, Float.NEGATIVE_INFINITY, 1.5f,
            0d, -0d, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Math.PI,
            BigDecimal.ZERO, new BigDecimal("0.00"), new BigDecimal("-123.4500"), new BigDecimal("1E+10"),
            new BigDecimal(new BigInteger("-" + "9".repeat(60)), 38), new BigDecimal(BigInteger.ONE, -5),
            new BigDecimal("12345678901234567890.123456789"),
            "", "plain", "ünïcødé", "日本語テキスト", "emoji 😀🚀 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "nul\u0000char", "x".repeat(100_000),
            new byte[0], new byte[] {0, 1, -1, 127, -128}, new byte[70_000],
        });
    }

    @Test
    void nullsAndEmptyRows() {
        assertEquals(0, roundTrip(new Object[0]).length);
        roundTrip(new Object[] {null});
        roundTrip(new Object[] {null, null, null, null});
        roundTrip(new Object[300]);
    }

    @Test
    void floatsKeepTheirExactBits() {
        float oddNan = Float.intBitsToFloat(0x7fc0_1234);
        double oddDoubleNan = Double.longBitsToDouble(0x7ff8_0000_0000_abcdL);
        Object[] back = RowCodec.decode(RowCodec.encode(new Object[] {oddNan, oddDoubleNan, -0f, -0d}));
        assertEquals(0x7fc0_1234, Float.floatToRawIntBits((Float) back[0]));
        assertEquals(0x7ff8_0000_0000_abcdL, Double.doubleToRawLongBits((Double) back[1]));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits((Float) back[2]));
        assertEquals(Double.doubleToRawLongBits(-0d), Double.doubleToRawLongBits((Double) back[3]));
    }

    @Test
    void decimalsKeepTheirScale() {
        Object[] back = RowCodec.decode(RowCodec.encode(new Object[] {new BigDecimal("1.0"), new BigDecimal("1.00")}));
        assertEquals(1, ((BigDecimal) back[0]).scale());
        assertEquals(2, ((BigDecimal) back[1]).scale());
    }

    @Test
    void stringsWithUnpairedSurrogatesRoundTrip() {
        String[] odd = {"\uD800", "a\uDC00b", "\uDBFF\uDBFF", "ok😀\uD83D", "\uDE00😀"};
        for (String s : odd) {
            assertEquals(s, RowCodec.decode(RowCodec.encode(new Object[] {s}))[0]);
        }
        assertEquals(RowCodec.STRING_UTF16, RowCodec.encode(new Object[] {"\uD800"})[2]);
        assertEquals(RowCodec.STRING_UTF8, RowCodec.encode(new Object[] {"😀"})[2]);
    }

    @Test
    void decodedRowsAreFreshCopies() {
        byte[] data = {1, 2, 3};
        byte[] encoded = RowCodec.encode(new Object[] {data});
        data[0] = 9;
        Object[] a = RowCodec.decode(encoded);
        Object[] b = RowCodec.decode(encoded);
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) a[0]);
        assertNotSame(a[0], b[0]);
    }

    @Test
    void unsupportedClassesAreRefusedByName() {
        for (Object value : List.of(new java.util.Date(), 'c', BigInteger.ONE, new Object[0], new int[0],
                java.time.Instant.EPOCH, java.time.LocalDate.EPOCH, new StringBuilder("x"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RowCodec.encode(new Object[] {1, value}));
            assertTrue(e.getMessage().contains(value.getClass().getName()), e.getMessage());
            assertTrue(e.getMessage().contains("column 1"), e.getMessage());
        }
    }

    @Test
    void theLayoutIsExactlyAsDocumented() {
        // docs/storage-format.md, "Example"
        byte[] encoded = RowCodec.encode(new Object[] {null, true, 42L, "é", new BigDecimal("-1.50"), new byte[] {7}});
        assertEquals("0106" + "00" + "02" + "06000000000000002a" + "0a02c3a9" + "0900000002" + "02ff6a" + "0c0107",
                HexFormat.of().formatHex(encoded));
    }

    @Test
    void garbageIsReportedAsCorrupt() {
        byte[] good = RowCodec.encode(new Object[] {1L, "text", new byte[] {1, 2}});
        List<byte[]> bad = List.of(
                new byte[0],
                new byte[] {2, 0},                                  // unknown format version
                new byte[] {1},                                     // no column count
                new byte[] {1, 1, 0x7F},                            // unknown tag
                new byte[] {1, 1, RowCodec.LONG, 0, 0},             // truncated long
                new byte[] {1, 1, RowCodec.BYTES, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 1},
                new byte[] {1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07}, // 2^31-1 columns
                new byte[] {1, 1, RowCodec.DECIMAL, 0, 0, 0, 0, 0},  // empty unscaled value
                java.util.Arrays.copyOf(good, good.length - 1),
                java.util.Arrays.copyOf(good, good.length + 1));
        for (byte[] bytes : bad) {
            StorageException e = assertThrows(StorageException.class, () -> RowCodec.decode(bytes),
                    HexFormat.of().formatHex(bytes));
            assertEquals(StorageException.Code.CORRUPT, e.code());
        }
    }

    @Test
    void randomRowsRoundTrip() {
        Random random = new Random(42);
        for (int n = 0; n < 2000; n++) {
            Object[] row = new Object[random.nextInt(12)];
            for (int i = 0; i < row.length; i++) {
                row[i] = switch (random.nextInt(12)) {
                    case 0 -> null;
                    case 1 -> random.nextBoolean();
                    case 2 -> (byte) random.nextInt();
                    case 3 -> (short) random.nextInt();
                    case 4 -> random.nextInt();
                    case 5 -> random.nextLong();
                    case 6 -> Float.intBitsToFloat(random.nextInt());
                    case 7 -> Double.longBitsToDouble(random.nextLong());
                    case 8 -> new BigDecimal(new BigInteger(random.nextInt(200), random), random.nextInt(80) - 40);
                    case 9 -> randomString(random);
                    case 10 -> {
                        byte[] b = new byte[random.nextInt(300)];
                        random.nextBytes(b);
                        yield b;
                    }
                    default -> new BigDecimal(random.nextLong()).negate();
                };
            }
            Object[] back = RowCodec.decode(RowCodec.encode(row));
            for (int i = 0; i < row.length; i++) {
                if (row[i] instanceof Float f) {
                    assertEquals(Float.floatToRawIntBits(f), Float.floatToRawIntBits((Float) back[i]));
                } else if (row[i] instanceof Double d) {
                    assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits((Double) back[i]));
                } else if (row[i] instanceof byte[] b) {
                    assertArrayEquals(b, (byte[]) back[i]);
                } else {
                    assertEquals(row[i], back[i]);
                }
            }
        }
    }

    private static String randomString(Random random) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            s.append((char) random.nextInt(0x10000)); // includes unpaired surrogates
        }
        return s.toString();
    }

    /**
     * Strings encode byte for byte as version 1 first wrote them: UTF-8 from {@code String.getBytes} after a
     * well-formedness check, else UTF-16 code units; for random strings of every kind of char and lengths around
     * the varint boundaries, also several in one row (the encoder reuses its buffer).
     */
    @Test
    void stringsEncodeAsTheFirstEncoderWroteThem() {
        java.util.Random random = new java.util.Random(5);
        int[] lengths = {0, 1, 2, 42, 127, 128, 129, 300, 5_000, 16_383, 16_384, 16_385, 70_000};
        char[] alphabet = {'a', 'Z', '0', '\0', '\u007f', '\u0080', '\u00e9', '\u07ff', '\u0800', '\u20ac', '\uffff',
            '\ud83d', '\ude00', '\udbff', '\udfff', '\ud800', '\udc00'};
        for (int i = 0; i < 20_000; i++) {
            int length = i < 2_000 ? lengths[i % lengths.length] : random.nextInt(400);
            StringBuilder text = new StringBuilder(length);
            int mode = random.nextInt(4);
            for (int c = 0; c < length; c++) {
                if (mode == 0) {
                    text.append((char) ('a' + random.nextInt(26)));
                } else if (mode == 1 && random.nextInt(4) == 0) {
                    text.appendCodePoint(0x10000 + random.nextInt(0x100000));
                } else if (mode == 2 && random.nextInt(500) == 0) {
                    text.append(alphabet[random.nextInt(alphabet.length)]);
                } else {
                    text.append(random.nextInt(3) == 0 ? alphabet[random.nextInt(alphabet.length)]
                            : (char) ('a' + random.nextInt(26)));
                }
            }
            String s = text.toString();
            Object[] row = random.nextBoolean() ? new Object[] {s} : new Object[] {1L, s, "tail", s, null};
            assertArrayEquals(firstEncoding(row), RowCodec.encode(row), "string of " + s.length() + " chars");
        }
    }

    /** The row encoding of strings (and the few other values used above) as version 1 first wrote it. */
    private static byte[] firstEncoding(Object[] row) {
        RowCodec.ByteSink out = new RowCodec.ByteSink(16);
        out.put(RowCodec.FORMAT_VERSION);
        out.putVarint(row.length);
        for (Object v : row) {
            if (v == null) {
                out.put(RowCodec.NULL);
            } else if (v instanceof Long l) {
                out.put(RowCodec.LONG);
                out.putLong(l);
            } else {
                String s = (String) v;
                if (RowCodec.isWellFormedUtf16(s)) {
                    byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    out.put(RowCodec.STRING_UTF8);
                    out.putVarint(utf8.length);
                    out.put(utf8, 0, utf8.length);
                } else {
                    out.put(RowCodec.STRING_UTF16);
                    out.putVarint(s.length());
                    for (int i = 0; i < s.length(); i++) {
                        out.putShort((short) s.charAt(i));
                    }
                }
            }
        }
        return out.toByteArray();
    }
}
