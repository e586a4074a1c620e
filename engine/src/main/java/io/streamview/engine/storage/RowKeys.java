package io.streamview.engine.storage;

import java.math.BigInteger;
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
        RowCodec.ByteSink out = new RowCodec.ByteSink(shard.length + sequenceNumber.length() + 16);
        out.put(RECORD_KEY);
        out.putVarint(shard.length);
        out.put(shard, 0, shard.length);
        if (isCanonicalDecimal(sequenceNumber)) {
            byte[] magnitude = new BigInteger(sequenceNumber).toByteArray();
            int offset = magnitude.length > 1 && magnitude[0] == 0 ? 1 : 0; // drop the sign byte
            out.put(SEQUENCE_DECIMAL);
            out.putVarint(magnitude.length - offset);
            out.put(magnitude, offset, magnitude.length - offset);
        } else {
            byte[] text = sequenceNumber.getBytes(StandardCharsets.UTF_8);
            out.put(SEQUENCE_TEXT);
            out.putVarint(text.length);
            out.put(text, 0, text.length);
        }
        out.putLong(subSequenceNumber);
        return out.toByteArray();
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
