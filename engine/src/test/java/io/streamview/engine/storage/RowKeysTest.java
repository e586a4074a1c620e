package io.streamview.engine.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RowKeysTest {

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Test
    void longKeysAreEightBigEndianBytes() {
        assertEquals("0000000000000001", hex(RowKeys.ofLong(1)));
        assertEquals("ffffffffffffffff", hex(RowKeys.ofLong(-1)));
        assertEquals("8000000000000000", hex(RowKeys.ofLong(Long.MIN_VALUE)));
        for (long id : new long[] {0, 1, -1, 255, 256, Long.MIN_VALUE, Long.MAX_VALUE, 1_700_000_000_000L}) {
            assertEquals(id, RowKeys.toLong(RowKeys.ofLong(id)));
        }
        assertThrows(IllegalArgumentException.class, () -> RowKeys.toLong(new byte[7]));
        assertThrows(IllegalArgumentException.class, () -> RowKeys.toLong(new byte[9]));
    }

    @Test
    void recordKeysLayout() {
        // 'R', shard id (varint length + UTF-8), sequence form 01 + length + magnitude, sub-sequence
        assertEquals("52" + "03" + "736831" + "01" + "02" + "0100" + "0000000000000002",
                hex(RowKeys.ofRecord("sh1", "256", 2)));
        assertEquals("52" + "00" + "01" + "01" + "00" + "0000000000000000", hex(RowKeys.ofRecord("", "0", 0)));
        assertEquals("52" + "01" + "61" + "00" + "03" + "303037" + "ffffffffffffffff", hex(RowKeys.ofRecord("a", "007", -1)));
        assertEquals("52" + "01" + "61" + "00" + "00" + "0000000000000000", hex(RowKeys.ofRecord("a", "", 0)));
    }

    @Test
    void kinesisSequenceNumbersArePacked() {
        String seq = "49590338271490256608559692538361571095921575989136588898";
        byte[] key = RowKeys.ofRecord("shardId-000000000000", seq, 0);
        assertTrue(key.length < 60, "56 digits pack into 24 bytes: " + key.length);
    }

    @Test
    void recordKeysAreDistinctWhenAnyPartDiffers() {
        List<byte[]> keys = List.of(
                RowKeys.ofRecord("shardId-000000000000", "49590338271490256608559692538361571095921575989136588898", 0),
                RowKeys.ofRecord("shardId-000000000000", "49590338271490256608559692538361571095921575989136588898", 1),
                RowKeys.ofRecord("shardId-000000000001", "49590338271490256608559692538361571095921575989136588898", 0),
                RowKeys.ofRecord("shardId-000000000000", "49590338271490256608559692538361571095921575989136588899", 0),
                RowKeys.ofRecord("a", "7", 0),
                RowKeys.ofRecord("a", "07", 0),
                RowKeys.ofRecord("a", "007", 0),
                RowKeys.ofRecord("a7", "", 0),
                RowKeys.ofRecord("a", "x7", 0),
                RowKeys.ofRecord("a", "-7", 0),
                RowKeys.ofRecord("ab", "1", 0),
                RowKeys.ofRecord("a", "b1", 0));
        Set<String> distinct = new HashSet<>();
        keys.forEach(k -> distinct.add(hex(k)));
        assertEquals(keys.size(), distinct.size());
        assertArrayEquals(RowKeys.ofRecord("s", "123", 4), RowKeys.ofRecord("s", "123", 4));
    }

    @Test
    void valueKeysAreTheRowEncoding() {
        assertArrayEquals(RowCodec.encode(new Object[] {"k", 1L}), RowKeys.ofValues("k", 1L));
        assertFalse(hex(RowKeys.ofValues(1L)).equals(hex(RowKeys.ofValues(1))));
    }

    /**
     * The record keys are byte for byte those of the BigInteger-based packing they replaced (the format of version
     * 1, fixtures in storage-fixtures/v1), for random sequence numbers of every length and shape.
     */
    @Test
    void recordKeysAreThoseOfTheBigIntegerPacking() {
        java.util.Random random = new java.util.Random(42);
        String[] shards = {"shardId-000000000000", "shardId-000000000017", "", "é-shard", "s".repeat(200)};
        for (int i = 0; i < 300_000; i++) {
            String seq = randomSequence(random);
            String shard = shards[random.nextInt(shards.length)];
            long sub = random.nextInt(4) == 0 ? random.nextLong() : random.nextInt(3);
            assertArrayEquals(bigIntegerKey(shard, seq, sub), RowKeys.ofRecord(shard, seq, sub), seq);
        }
        for (String seq : List.of("0", "1", "9", "127", "128", "255", "256", "65535", "65536",
                "999999999999999999", "1000000000000000000", "9223372036854775807", "9223372036854775808",
                "18446744073709551615", "18446744073709551616", "4294967295", "4294967296", "1" + "0".repeat(999),
                "9".repeat(1000), "9".repeat(1001), "00", "01", "-1", "+1", " 1", "1 ", "１", "")) {
            assertArrayEquals(bigIntegerKey("s", seq, 0), RowKeys.ofRecord("s", seq, 0), seq);
        }
    }

    private static String randomSequence(java.util.Random random) {
        int shape = random.nextInt(10);
        if (shape == 0) {
            return Long.toString(random.nextLong() & Long.MAX_VALUE);
        }
        if (shape == 1) { // a power of two and its neighbours: the byte boundaries
            java.math.BigInteger p = java.math.BigInteger.ONE.shiftLeft(random.nextInt(400));
            return p.add(java.math.BigInteger.valueOf(random.nextInt(3) - 1)).toString();
        }
        if (shape == 2) { // not canonical: leading zero, sign, letters
            String[] odd = {"0", "-", "+", "x", "a"};
            return odd[random.nextInt(odd.length)] + random.nextInt(1_000_000);
        }
        int length = shape < 7 ? 56 : 1 + random.nextInt(shape == 9 ? 1100 : 80);
        StringBuilder s = new StringBuilder(length);
        s.append((char) ('1' + random.nextInt(9)));
        for (int i = 1; i < length; i++) {
            s.append((char) ('0' + random.nextInt(10)));
        }
        return s.toString();
    }

    /** The key as version 1 first built it, with BigInteger (kept here as the reference). */
    private static byte[] bigIntegerKey(String shardId, String sequenceNumber, long subSequenceNumber) {
        byte[] shard = shardId.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        RowCodec.ByteSink out = new RowCodec.ByteSink(shard.length + sequenceNumber.length() + 16);
        out.put(RowKeys.RECORD_KEY);
        out.putVarint(shard.length);
        out.put(shard, 0, shard.length);
        boolean canonical = sequenceNumber.matches("0|[1-9][0-9]{0,999}");
        if (canonical) {
            byte[] magnitude = new java.math.BigInteger(sequenceNumber).toByteArray();
            int offset = magnitude.length > 1 && magnitude[0] == 0 ? 1 : 0;
            out.put(RowKeys.SEQUENCE_DECIMAL);
            out.putVarint(magnitude.length - offset);
            out.put(magnitude, offset, magnitude.length - offset);
        } else {
            byte[] text = sequenceNumber.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.put(RowKeys.SEQUENCE_TEXT);
            out.putVarint(text.length);
            out.put(text, 0, text.length);
        }
        out.putLong(subSequenceNumber);
        return out.toByteArray();
    }
}
