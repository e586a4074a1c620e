package io.streamview.engine.storage;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Builds the byte keys rows are stored under (layouts in {@code docs/storage-format.md}). Keys are
 * compared byte for byte, so two keys are the same row exactly when their bytes are equal.
 */
public final class RowKeys {

    /** First byte of an {@link #ofRecord} key. */
    static final byte RECORD_KEY = 0x52; // 'R'
    static final byte SEQUENCE_TEXT = 0x00;
    static final byte SEQUENCE_DECIMAL = 0x01;

    private static final int MAX_DECIMAL_DIGITS = 1000;

    private RowKeys() {
    }

    /** A synthetic row id: the 8 bytes of {@code id}, big-endian two's complement. */
    public static byte[] ofLong(long id) {
        byte[] key = new byte[8];
        for (int i = 7; i >= 0; i--) {
            key[i] = (byte) id;
            id >>>= 8;
        }
        return key;
    }

    /** The id in an {@link #ofLong} key. */
    public static long toLong(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != 8) {
            throw new IllegalArgumentException("A long key has 8 bytes, this one has " + key.length);
        }
        long id = 0;
        for (byte b : key) {
            id = (id << 8) | (b & 0xFF);
        }
        return id;
    }

    /**
     * The key of one stream record, unique per (shard, sequence number, sub-sequence number):
     * {@code 'R'}, the shard id, the sequence number (a canonical decimal packed as an unsigned
     * integer, anything else as text) and the sub-sequence number.
     */
    public static byte[] ofRecord(String shardId, String sequenceNumber, long subSequenceNumber) {
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        byte[] shard = shardId.getBytes(StandardCharsets.UTF_8);
        byte tag;
        byte[] sequence;
        int sequenceLength;
        if (isCanonicalDecimal(sequenceNumber)) {
            tag = SEQUENCE_DECIMAL;
            sequence = new byte[sequenceNumber.length() / 2 + 1]; // 10^n < 2^(4n), so n/2 + 1 bytes hold it
            sequenceLength = decimalMagnitude(sequenceNumber, sequence);
        } else {
            tag = SEQUENCE_TEXT;
            sequence = sequenceNumber.getBytes(StandardCharsets.UTF_8);
            sequenceLength = sequence.length;
        }
        byte[] key = new byte[1 + varintSize(shard.length) + shard.length + 1 + varintSize(sequenceLength)
                + sequenceLength + 8];
        int at = 0;
        key[at++] = RECORD_KEY;
        at = putVarint(key, at, shard.length);
        System.arraycopy(shard, 0, key, at, shard.length);
        at += shard.length;
        key[at++] = tag;
        at = putVarint(key, at, sequenceLength);
        System.arraycopy(sequence, 0, key, at, sequenceLength);
        at += sequenceLength;
        for (int shift = 56; shift >= 0; shift -= 8) {
            key[at++] = (byte) (subSequenceNumber >> shift);
        }
        return key;
    }

    /**
     * Writes the unsigned big-endian magnitude of the canonical decimal {@code digits}, minimal ("0" is one 0x00
     * byte), at the start of {@code out}; the bytes {@code new BigInteger(digits).toByteArray()} has without its
     * sign byte.
     *
     * @return the number of bytes written
     */
    static int decimalMagnitude(String digits, byte[] out) {
        int n = digits.length();
        if (n <= 18) {
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = v * 10 + (digits.charAt(i) - '0');
            }
            int bytes = Math.max(1, (71 - Long.numberOfLeadingZeros(v)) / 8);
            for (int i = 0; i < bytes; i++) {
                out[i] = (byte) (v >>> (8 * (bytes - 1 - i)));
            }
            return bytes;
        }
        // base 2^32 words, least significant first; 9 digits at a time
        int[] words = new int[n / 9 + 2];
        int used = 0;
        int first = n % 9 == 0 ? 9 : n % 9;
        for (int from = 0, to = first; from < n; from = to, to += 9) {
            int chunk = 0;
            for (int i = from; i < to; i++) {
                chunk = chunk * 10 + (digits.charAt(i) - '0');
            }
            long carry = chunk;
            long factor = TEN_POWERS[to - from];
            for (int w = 0; w < used; w++) {
                long p = (words[w] & 0xFFFF_FFFFL) * factor + carry;
                words[w] = (int) p;
                carry = p >>> 32;
            }
            if (carry != 0) {
                words[used++] = (int) carry;
            }
        }
        if (used == 0) {
            out[0] = 0;
            return 1;
        }
        int top = words[used - 1];
        int topBytes = (39 - Integer.numberOfLeadingZeros(top)) / 8;
        int at = 0;
        for (int i = topBytes - 1; i >= 0; i--) {
            out[at++] = (byte) (top >>> (8 * i));
        }
        for (int w = used - 2; w >= 0; w--) {
            int v = words[w];
            out[at++] = (byte) (v >>> 24);
            out[at++] = (byte) (v >>> 16);
            out[at++] = (byte) (v >>> 8);
            out[at++] = (byte) v;
        }
        return at;
    }

    private static final long[] TEN_POWERS = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L};

    private static int varintSize(int v) {
        int size = 1;
        while ((v & ~0x7F) != 0) {
            v >>>= 7;
            size++;
        }
        return size;
    }

    /** Unsigned LEB128, as {@link RowCodec.ByteSink#putVarint}; returns the position after it. */
    private static int putVarint(byte[] out, int at, int v) {
        while ((v & ~0x7F) != 0) {
            out[at++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[at++] = (byte) v;
        return at;
    }

    /**
     * A key made of column values (a primary key, a GROUP BY key): their {@link RowCodec} encoding.
     * Equal keys need values of the same classes, and decimals of the same scale.
     */
    public static byte[] ofValues(Object... values) {
        return RowCodec.encode(values);
    }

    /** Digits only, no leading zero unless it is "0": the text is exactly BigInteger's toString(). */
    private static boolean isCanonicalDecimal(String s) {
        int n = s.length();
        if (n == 0 || n > MAX_DECIMAL_DIGITS || (s.charAt(0) == '0' && n > 1)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
