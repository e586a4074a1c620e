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
}
