package io.streamview.engine.storage;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Encodes a row ({@code Object[]}) as self-describing, versioned bytes and back. Supported values:
 * {@code null}, {@link Boolean}, {@link Byte}, {@link Short}, {@link Integer}, {@link Long},
 * {@link Float}, {@link Double}, {@link BigDecimal}, {@link String} and {@code byte[]}; each decodes
 * to an equal value of the same class (floats bit for bit, decimals with their scale, strings even
 * with unpaired surrogates). The format is specified byte by byte in {@code docs/storage-format.md}.
 */
public final class RowCodec {

    /** The first byte of every encoded row. */
    public static final byte FORMAT_VERSION = 1;

    static final byte NULL = 0x00;
    static final byte FALSE = 0x01;
    static final byte TRUE = 0x02;
    static final byte BYTE = 0x03;
    static final byte SHORT = 0x04;
    static final byte INT = 0x05;
    static final byte LONG = 0x06;
    static final byte FLOAT = 0x07;
    static final byte DOUBLE = 0x08;
    static final byte DECIMAL = 0x09;
    static final byte STRING_UTF8 = 0x0A;
    static final byte STRING_UTF16 = 0x0B;
    static final byte BYTES = 0x0C;

    private RowCodec() {
    }

    /**
     * @throws IllegalArgumentException naming the class of a value that is not supported
     */
    public static byte[] encode(Object[] row) {
        Objects.requireNonNull(row, "row");
        ByteSink out = SINKS.get();
        out.reset();
        try {
            out.put(FORMAT_VERSION);
            out.putVarint(row.length);
            for (int i = 0; i < row.length; i++) {
                encodeValue(out, row[i], i);
            }
            return out.toByteArray();
        } finally {
            if (out.capacity() > KEPT_SINK_BYTES) {
                SINKS.set(new ByteSink(INITIAL_SINK_BYTES)); // a huge row's buffer is not kept
            }
        }
    }

    /** Each thread encodes into its own buffer, reused from row to row; only the result is a new array. */
    private static final int INITIAL_SINK_BYTES = 1024;
    private static final int KEPT_SINK_BYTES = 64 * 1024;
    private static final ThreadLocal<ByteSink> SINKS = ThreadLocal.withInitial(() -> new ByteSink(INITIAL_SINK_BYTES));

    /**
     * @throws StorageException CORRUPT if {@code bytes} is not a row in a format this version reads
     */
    public static Object[] decode(byte[] bytes) {
        ByteSource in = openRow(bytes);
        int count = columnCount(in);
        Object[] row = new Object[count];
        for (int i = 0; i < count; i++) {
            row[i] = decodeValue(in);
        }
        in.expectEnd();
        return row;
    }

    /** A reader positioned after the row's format version, which must be this version's. */
    private static ByteSource openRow(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        ByteSource in = new ByteSource(bytes);
        byte version = in.get();
        if (version != FORMAT_VERSION) {
            throw new StorageException(StorageException.Code.CORRUPT,
                    "Unsupported row format version " + version + " (this StreamView reads version " + FORMAT_VERSION
                            + "); the data was written by a newer StreamView or is damaged");
        }
        return in;
    }

    /** The row's column count, read from {@code in} and checked against the bytes left. */
    private static int columnCount(ByteSource in) {
        int count = in.getLength();
        if (count > in.remaining()) {
            throw in.corrupt(count + " columns cannot fit in " + in.remaining() + " bytes");
        }
        return count;
    }

    /**
     * Decodes only some of a row's leading values, for scans: for each {@code i < out.length} below the row's
     * column count, {@code out[i]} becomes the value of column {@code i} if {@code wanted[i]}, else stays as it is
     * (the value is skipped without being built). Values after {@code out.length} are not read, so trailing bytes
     * are not checked as {@link #decode} checks them; every value read or skipped is bounds-checked.
     *
     * @return the row's column count (which may be more or fewer than {@code out.length})
     * @throws StorageException CORRUPT if {@code bytes} is not a row in a format this version reads
     */
    public static int decodeSelected(byte[] bytes, boolean[] wanted, Object[] out) {
        ByteSource in = openRow(bytes);
        int count = columnCount(in);
        int last = Math.min(count, out.length);
        for (int i = 0; i < last; i++) {
            if (wanted[i]) {
                out[i] = decodeValue(in);
            } else {
                skipValue(in);
            }
        }
        return count;
    }

    /** Moves past one value without building it. */
    private static void skipValue(ByteSource in) {
        byte tag = in.get();
        switch (tag) {
            case NULL, FALSE, TRUE -> { }
            case BYTE -> in.skip(1);
            case SHORT -> in.skip(2);
            case INT, FLOAT -> in.skip(4);
            case LONG, DOUBLE -> in.skip(8);
            case DECIMAL -> {
                in.skip(4);
                int length = in.getLength();
                if (length == 0) {
                    throw in.corrupt("empty decimal");
                }
                in.skip(length);
            }
            case STRING_UTF8, BYTES -> in.skip(in.getLength());
            case STRING_UTF16 -> {
                int chars = in.getLength();
                if (chars > in.remaining() / 2) {
                    throw in.corrupt("string longer than the row");
                }
                in.skip(2 * chars);
            }
            default -> throw in.corrupt("unknown value tag 0x" + Integer.toHexString(tag & 0xFF));
        }
    }

    private static void encodeValue(ByteSink out, Object value, int column) {
        if (value == null) {
            out.put(NULL);
        } else if (value instanceof String s) {
            encodeString(out, s);
        } else if (value instanceof Long l) {
            out.put(LONG);
            out.putLong(l);
        } else if (value instanceof Integer n) {
            out.put(INT);
            out.putInt(n);
        } else if (value instanceof byte[] b) {
            out.put(BYTES);
            out.putVarint(b.length);
            out.put(b, 0, b.length);
        } else if (value instanceof BigDecimal d) {
            byte[] unscaled = d.unscaledValue().toByteArray();
            out.put(DECIMAL);
            out.putInt(d.scale());
            out.putVarint(unscaled.length);
            out.put(unscaled, 0, unscaled.length);
        } else if (value instanceof Double d) {
            out.put(DOUBLE);
            out.putLong(Double.doubleToRawLongBits(d));
        } else if (value instanceof Boolean b) {
            out.put(b ? TRUE : FALSE);
        } else if (value instanceof Float f) {
            out.put(FLOAT);
            out.putInt(Float.floatToRawIntBits(f));
        } else if (value instanceof Short s) {
            out.put(SHORT);
            out.putShort(s);
        } else if (value instanceof Byte b) {
            out.put(BYTE);
            out.put(b);
        } else {
            throw new IllegalArgumentException("Cannot store a value of class " + value.getClass().getName()
                    + " (column " + column + "); supported: null, Boolean, Byte, Short, Integer, Long, Float, "
                    + "Double, java.math.BigDecimal, String, byte[]");
        }
    }

    private static void encodeString(ByteSink out, String s) {
        if (out.putUtf8(STRING_UTF8, s)) {
            return;
        }
        // UTF-8 cannot carry an unpaired surrogate: keep the chars as they are
        out.put(STRING_UTF16);
        out.putVarint(s.length());
        for (int i = 0; i < s.length(); i++) {
            out.putShort((short) s.charAt(i));
        }
    }

    static boolean isWellFormedUtf16(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static Object decodeValue(ByteSource in) {
        byte tag = in.get();
        switch (tag) {
            case NULL:
                return null;
            case FALSE:
                return Boolean.FALSE;
            case TRUE:
                return Boolean.TRUE;
            case BYTE:
                return in.get();
            case SHORT:
                return in.getShort();
            case INT:
                return in.getInt();
            case LONG:
                return in.getLong();
            case FLOAT:
                return Float.intBitsToFloat(in.getInt());
            case DOUBLE:
                return Double.longBitsToDouble(in.getLong());
            case DECIMAL: {
                int scale = in.getInt();
                int length = in.getLength();
                if (length == 0) {
                    throw in.corrupt("empty decimal");
                }
                return new BigDecimal(new BigInteger(in.getBytes(length)), scale);
            }
            case STRING_UTF8: {
                int length = in.getLength();
                return new String(in.array(), in.skip(length), length, StandardCharsets.UTF_8);
            }
            case STRING_UTF16: {
                int chars = in.getLength();
                if (chars > in.remaining() / 2) {
                    throw in.corrupt("string longer than the row");
                }
                char[] value = new char[chars];
                for (int i = 0; i < chars; i++) {
                    value[i] = (char) in.getShort();
                }
                return new String(value);
            }
            case BYTES:
                return in.getBytes(in.getLength());
            default:
                throw in.corrupt("unknown value tag 0x" + Integer.toHexString(tag & 0xFF));
        }
    }

    /** A growable big-endian byte buffer. */
    static final class ByteSink {
        private static final int MAX_KEPT_CHARS = 32 * 1024;
        private byte[] buffer;
        private int size;
        private char[] chars;

        ByteSink(int capacity) {
            buffer = new byte[Math.max(capacity, 16)];
        }

        void put(byte b) {
            ensure(1);
            buffer[size++] = b;
        }

        void put(byte[] bytes, int offset, int length) {
            ensure(length);
            System.arraycopy(bytes, offset, buffer, size, length);
            size += length;
        }

        void putShort(short v) {
            ensure(2);
            buffer[size++] = (byte) (v >> 8);
            buffer[size++] = (byte) v;
        }

        void putInt(int v) {
            ensure(4);
            for (int shift = 24; shift >= 0; shift -= 8) {
                buffer[size++] = (byte) (v >> shift);
            }
        }

        void putLong(long v) {
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buffer[size++] = (byte) (v >> shift);
            }
        }

        /** Unsigned LEB128: 7 bits per byte, least significant group first, high bit = more follows. */
        /** Empties the buffer (keeping its capacity). */
        void reset() {
            size = 0;
        }

        int capacity() {
            return buffer.length;
        }

        /**
         * Writes {@code tag}, the UTF-8 length of {@code s} as a varint and its UTF-8 bytes (those of
         * {@code s.getBytes(UTF_8)}), in one pass over the chars and without an intermediate array, if {@code s} is
         * well-formed UTF-16; otherwise writes nothing and returns false.
         */
        boolean putUtf8(byte tag, String s) {
            int n = s.length();
            int start = size;
            int reserved = varintSize(n); // the UTF-8 length is n to 3n: its varint is this long or one byte longer
            ensure(1 + reserved + 1 + 3L * n);
            byte[] b = buffer;
            b[size++] = tag;
            int lengthAt = size;
            int at = lengthAt + reserved;
            // one bulk copy of the chars: a loop over String.charAt checks every index (costly on UTF-16 strings)
            char[] cs = chars(n);
            s.getChars(0, n, cs, 0);
            for (int i = 0; i < n; i++) {
                char c = cs[i];
                if (c < 0x80) {
                    b[at++] = (byte) c;
                } else if (c < 0x800) {
                    b[at++] = (byte) (0xC0 | (c >> 6));
                    b[at++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isSurrogate(c)) {
                    char low;
                    if (!Character.isHighSurrogate(c) || i + 1 >= n || !Character.isLowSurrogate(low = cs[i + 1])) {
                        size = start;
                        return false;
                    }
                    int cp = Character.toCodePoint(c, low);
                    i++;
                    b[at++] = (byte) (0xF0 | (cp >> 18));
                    b[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    b[at++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    b[at++] = (byte) (0xE0 | (c >> 12));
                    b[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    b[at++] = (byte) (0x80 | (c & 0x3F));
                }
            }
            int length = at - lengthAt - reserved;
            int needed = varintSize(length);
            if (needed != reserved) {
                System.arraycopy(b, lengthAt + reserved, b, lengthAt + needed, length);
            }
            int v = length;
            at = lengthAt;
            while ((v & ~0x7F) != 0) {
                b[at++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            b[at] = (byte) v;
            size = lengthAt + needed + length;
            return true;
        }

        private char[] chars(int n) {
            if (chars == null || chars.length < n) {
                chars = new char[Math.max(n, 256)];
            } else if (chars.length > MAX_KEPT_CHARS && n <= MAX_KEPT_CHARS) {
                chars = new char[Math.max(n, 256)]; // do not keep a huge array for small strings
            }
            return chars;
        }

        private static int varintSize(int v) {
            int bytes = 1;
            while ((v & ~0x7F) != 0) {
                v >>>= 7;
                bytes++;
            }
            return bytes;
        }

        void putVarint(int v) {
            if (v < 0) {
                throw new IllegalArgumentException("negative length " + v);
            }
            ensure(5);
            while ((v & ~0x7F) != 0) {
                buffer[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buffer[size++] = (byte) v;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buffer, size);
        }

        private void ensure(long extra) {
            if (size + extra > buffer.length) {
                long wanted = Math.max((long) buffer.length * 2, size + extra);
                if (wanted > Integer.MAX_VALUE - 8) {
                    throw new IllegalArgumentException("row too large to encode");
                }
                buffer = Arrays.copyOf(buffer, (int) wanted);
            }
        }
    }

    /** Reads what {@link ByteSink} wrote; every read is bounds-checked and reports {@code CORRUPT}. */
    static final class ByteSource {
        private final byte[] bytes;
        private int position;

        ByteSource(byte[] bytes) {
            this.bytes = bytes;
        }

        byte[] array() {
            return bytes;
        }

        int remaining() {
            return bytes.length - position;
        }

        /** Advances by {@code length} bytes and returns where they start. */
        int skip(int length) {
            need(length);
            int start = position;
            position += length;
            return start;
        }

        byte get() {
            need(1);
            return bytes[position++];
        }

        short getShort() {
            need(2);
            short v = (short) (((bytes[position] & 0xFF) << 8) | (bytes[position + 1] & 0xFF));
            position += 2;
            return v;
        }

        int getInt() {
            need(4);
            int v = 0;
            for (int i = 0; i < 4; i++) {
                v = (v << 8) | (bytes[position++] & 0xFF);
            }
            return v;
        }

        long getLong() {
            need(8);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (bytes[position++] & 0xFF);
            }
            return v;
        }

        byte[] getBytes(int length) {
            int start = skip(length);
            return Arrays.copyOfRange(bytes, start, start + length);
        }

        /** A varint length, at most {@link Integer#MAX_VALUE}. */
        int getLength() {
            int value = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                byte b = get();
                value |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    if (shift == 28 && (b & 0xF8) != 0) {
                        break;
                    }
                    return value;
                }
            }
            throw corrupt("bad length");
        }

        void expectEnd() {
            if (position != bytes.length) {
                throw corrupt((bytes.length - position) + " trailing bytes");
            }
        }

        StorageException corrupt(String detail) {
            return new StorageException(StorageException.Code.CORRUPT,
                    "Corrupt row (" + bytes.length + " bytes) at byte " + position + ": " + detail);
        }

        private void need(int count) {
            if (count < 0 || count > bytes.length - position) {
                throw corrupt("needs " + count + " more bytes, " + (bytes.length - position) + " left");
            }
        }
    }
}
