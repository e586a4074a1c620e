package io.streamview.engine.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One column of a {@link ColumnSnapshot}: the values of one stored column, row by row, held on the heap as a primitive
 * array when every value is an {@link Integer}, a {@link Long} or a {@link Double} (with a bitmap of the NULLs), else as
 * an array of the decoded values (strings shared between rows where they repeat). Immutable once built.
 */
public abstract class ColumnVector {

    /** Bytes of one reference: 4 with compressed references (a heap under 32 GiB), else 8. */
    static final int REF_BYTES = Runtime.getRuntime().maxMemory() < (32L << 30) ? 4 : 8;

    private ColumnVector() {
    }

    /** The value of row {@code row}, as {@link RowCodec#decode} gives it ({@code null} for SQL NULL). */
    public abstract Object get(int row);

    /** Heap bytes the column holds (approximately, at least its arrays). */
    abstract long bytes();

    /** How the values are held: which of the typed readers below apply. */
    public enum Kind {
        /** {@link #intAt}: every non-NULL value an {@link Integer}. */
        INT,
        /** {@link #longAt}: every non-NULL value a {@link Long}. */
        LONG,
        /** {@link #doubleAt}: every non-NULL value a {@link Double}. */
        DOUBLE,
        /** {@link #objectAt}: values of any class. */
        OBJECT,
        /** Every value NULL. */
        NULLS
    }

    /** How the values are held. */
    public abstract Kind kind();

    /** Whether row {@code row} holds SQL NULL. */
    public abstract boolean isNull(int row);

    /** Row {@code row}'s value of an {@link Kind#INT} column (0 for NULL: check {@link #isNull}). */
    public int intAt(int row) {
        throw new UnsupportedOperationException(kind().name());
    }

    /** Row {@code row}'s value of an {@link Kind#INT} or {@link Kind#LONG} column (0 for NULL). */
    public long longAt(int row) {
        throw new UnsupportedOperationException(kind().name());
    }

    /** Row {@code row}'s value of a {@link Kind#DOUBLE} column (0 for NULL). */
    public double doubleAt(int row) {
        throw new UnsupportedOperationException(kind().name());
    }

    /**
     * Row {@code row}'s value as held, without the copy {@link #get} makes of a byte array: for readers that only
     * compare or hash it, never hand it out or change it.
     */
    public Object objectAt(int row) {
        return get(row);
    }

    /**
     * For a column of strings with few distinct values: each row's dictionary code, 0 for NULL, else 1 +
     * the value's index in the dictionary ({@link #dictionaryValue}); {@code null} for other columns. The array is the
     * column's own: read it, never change it.
     */
    public int[] codes() {
        return null;
    }

    /** The value of dictionary code {@code code} (1 or more) of a column with {@link #codes}. */
    public Object dictionaryValue(int code) {
        throw new UnsupportedOperationException(kind().name());
    }

    /** How many distinct values the dictionary of a column with {@link #codes} holds (codes 1 to this). */
    public int dictionarySize() {
        return 0;
    }

    /** The dictionary code of {@code value} (equal by {@code equals}) in a column with {@link #codes}; 0 if absent. */
    public int dictionaryCode(Object value) {
        return 0;
    }

    /** A {@link Kind#DOUBLE} column's values, row by row (0 for NULL); the column's own array: never change it. */
    public double[] doubleArray() {
        return null;
    }

    /**
     * The NULL bitmap of a primitive column (bit {@code row & 63} of word {@code row >>> 6} set for NULL), or
     * {@code null} when no row is NULL; the column's own array: never change it.
     */
    public long[] nullBitmap() {
        return null;
    }

    private static boolean nullAt(long[] nulls, int row) {
        return nulls != null && (nulls[row >>> 6] & (1L << row)) != 0;
    }

    private static long bitmapBytes(long[] nulls) {
        return nulls == null ? 0 : 16 + 8L * nulls.length;
    }

    private static final class Ints extends ColumnVector {
        private final int[] values;
        private final long[] nulls;

        Ints(int[] values, long[] nulls) {
            this.values = values;
            this.nulls = nulls;
        }

        @Override public Object get(int row) {
            return nullAt(nulls, row) ? null : values[row];
        }

        @Override long bytes() {
            return 16 + 4L * values.length + bitmapBytes(nulls);
        }

        @Override public Kind kind() {
            return Kind.INT;
        }

        @Override public boolean isNull(int row) {
            return nullAt(nulls, row);
        }

        @Override public int intAt(int row) {
            return values[row];
        }

        @Override public long longAt(int row) {
            return values[row];
        }
    }

    private static final class Longs extends ColumnVector {
        private final long[] values;
        private final long[] nulls;

        Longs(long[] values, long[] nulls) {
            this.values = values;
            this.nulls = nulls;
        }

        @Override public Object get(int row) {
            return nullAt(nulls, row) ? null : values[row];
        }

        @Override long bytes() {
            return 16 + 8L * values.length + bitmapBytes(nulls);
        }

        @Override public Kind kind() {
            return Kind.LONG;
        }

        @Override public boolean isNull(int row) {
            return nullAt(nulls, row);
        }

        @Override public long longAt(int row) {
            return values[row];
        }
    }

    private static final class Doubles extends ColumnVector {
        private final double[] values;
        private final long[] nulls;

        Doubles(double[] values, long[] nulls) {
            this.values = values;
            this.nulls = nulls;
        }

        @Override public Object get(int row) {
            return nullAt(nulls, row) ? null : values[row];
        }

        @Override long bytes() {
            return 16 + 8L * values.length + bitmapBytes(nulls);
        }

        @Override public Kind kind() {
            return Kind.DOUBLE;
        }

        @Override public boolean isNull(int row) {
            return nullAt(nulls, row);
        }

        @Override public double doubleAt(int row) {
            return values[row];
        }

        @Override public double[] doubleArray() {
            return values;
        }

        @Override public long[] nullBitmap() {
            return nulls;
        }
    }

    private static final class Objects extends ColumnVector {
        private final Object[] values;
        private final long valueBytes;
        private final int[] codes;
        private final Object[] dictionary;

        Objects(Object[] values, long valueBytes, int[] codes, Object[] dictionary) {
            this.values = values;
            this.valueBytes = valueBytes;
            this.codes = codes;
            this.dictionary = dictionary;
        }

        @Override public int[] codes() {
            return codes;
        }

        @Override public Object dictionaryValue(int code) {
            return dictionary[code - 1];
        }

        @Override public int dictionarySize() {
            return codes == null ? 0 : dictionary.length;
        }

        @Override public int dictionaryCode(Object value) {
            if (codes != null) {
                for (int i = 0; i < dictionary.length; i++) {
                    if (dictionary[i].equals(value)) {
                        return i + 1;
                    }
                }
            }
            return 0;
        }

        @Override public Object get(int row) {
            Object v = values[row];
            return v instanceof byte[] b ? b.clone() : v; // byte arrays are mutable: each reader gets its own
        }

        @Override long bytes() {
            return 16 + (long) REF_BYTES * values.length + valueBytes;
        }

        @Override public Kind kind() {
            return Kind.OBJECT;
        }

        @Override public boolean isNull(int row) {
            return values[row] == null;
        }

        @Override public Object objectAt(int row) {
            return values[row];
        }
    }

    private static final class Nulls extends ColumnVector {
        @Override public Object get(int row) {
            return null;
        }

        @Override long bytes() {
            return 16;
        }

        @Override public Kind kind() {
            return Kind.NULLS;
        }

        @Override public boolean isNull(int row) {
            return true;
        }
    }

    /**
     * Collects one column's values, at most {@code capacity} of them, choosing the representation from the values
     * (the first non-NULL value's class; a value of another class turns the column into an array of objects).
     */
    static final class Builder {
        private static final int INT = 1;
        private static final int LONG = 2;
        private static final int DOUBLE = 3;
        private static final int OBJECT = 4;
        /** Distinct strings shared between rows, at most this many per column (then new ones are kept as they are). */
        private static final int MAX_SHARED = 4096;

        private final int capacity;
        private int kind; // 0 until the first non-NULL value
        private int[] ints;
        private long[] longs;
        private double[] doubles;
        private Object[] objects;
        private long[] nulls;
        /** Distinct strings by their index in {@link #dictionary}. */
        private Map<String, Integer> shared;
        private List<String> dictionary;
        /** Dictionary codes by row (see {@link ColumnVector#codes}) while every value is a shared string. */
        private int[] codes;
        private boolean noCodes;
        private long valueBytes;
        private int count;

        Builder(int capacity) {
            this.capacity = capacity;
        }

        /**
         * Appends the next row's value; the caller ensures fewer than {@code capacity} values were added.
         *
         * @return heap bytes the column took on beyond its arrays (a new string or other object it keeps)
         */
        long add(Object v) {
            int row = count++;
            if (v == null) {
                if (nulls == null) {
                    nulls = new long[(capacity + 63) >>> 6];
                }
                nulls[row >>> 6] |= 1L << row;
                return 0;
            }
            if (kind == 0) {
                start(v);
            }
            switch (kind) {
                case INT:
                    if (v instanceof Integer i) {
                        ints[row] = i;
                        return 0;
                    }
                    break;
                case LONG:
                    if (v instanceof Long l) {
                        longs[row] = l;
                        return 0;
                    }
                    break;
                case DOUBLE:
                    if (v instanceof Double d) {
                        doubles[row] = d;
                        return 0;
                    }
                    break;
                default:
                    return putObject(row, v);
            }
            long grown = toObjects(row);
            return grown + putObject(row, v);
        }

        private void start(Object v) {
            if (v instanceof Integer) {
                kind = INT;
                ints = new int[capacity];
            } else if (v instanceof Long) {
                kind = LONG;
                longs = new long[capacity];
            } else if (v instanceof Double) {
                kind = DOUBLE;
                doubles = new double[capacity];
            } else {
                kind = OBJECT;
                objects = new Object[capacity];
            }
        }

        /** Turns a primitive column into one of objects (a value of another class came); returns the bytes added. */
        private long toObjects(int upTo) {
            Object[] out = new Object[capacity];
            long boxes = 0;
            for (int r = 0; r < upTo; r++) {
                if (!nullAt(nulls, r)) {
                    out[r] = switch (kind) {
                        case INT -> ints[r];
                        case LONG -> longs[r];
                        default -> doubles[r];
                    };
                    boxes += 16;
                }
            }
            ints = null;
            longs = null;
            doubles = null;
            noCodes = true;
            kind = OBJECT;
            objects = out;
            valueBytes += boxes;
            return boxes + (long) REF_BYTES * capacity;
        }

        private long putObject(int row, Object v) {
            long added;
            if (v instanceof String s) {
                if (shared == null) {
                    shared = new HashMap<>();
                    dictionary = new ArrayList<>();
                }
                Integer known = shared.get(s);
                if (known != null) {
                    objects[row] = dictionary.get(known);
                    if (codes != null) {
                        codes[row] = known + 1;
                    }
                    return 0;
                }
                if (shared.size() < MAX_SHARED) {
                    shared.put(s, dictionary.size());
                    dictionary.add(s);
                    added = 48 + 2L * s.length() + 48; // the string, its array, and its entry in the map while built
                    if (!noCodes) {
                        if (codes == null) {
                            codes = new int[capacity];
                            added += 16 + 4L * capacity;
                        }
                        codes[row] = dictionary.size();
                    }
                } else {
                    added = 48 + 2L * s.length();
                    dropCodes();
                }
            } else if (v instanceof byte[] b) {
                added = 16 + b.length;
                dropCodes();
            } else {
                added = 64; // a BigDecimal, a Float, a Boolean, ...
                dropCodes();
            }
            objects[row] = v;
            valueBytes += added;
            return added;
        }

        /** The column is not only shared strings: no dictionary codes (the bytes of any stay counted). */
        private void dropCodes() {
            codes = null;
            noCodes = true;
        }

        /** Heap bytes of the arrays this column allocates for {@code rows} rows, before any value is known. */
        static long arrayBytes(int rows) {
            return 16 + 8L * rows + 16 + rows / 8;
        }

        ColumnVector build() {
            int n = count;
            long[] nullBits = nulls == null ? null : Arrays.copyOf(nulls, (n + 63) >>> 6);
            boolean trim = n < capacity;
            return switch (kind) {
                case 0 -> new Nulls();
                case INT -> new Ints(trim ? Arrays.copyOf(ints, n) : ints, nullBits);
                case LONG -> new Longs(trim ? Arrays.copyOf(longs, n) : longs, nullBits);
                case DOUBLE -> new Doubles(trim ? Arrays.copyOf(doubles, n) : doubles, nullBits);
                default -> new Objects(trim ? Arrays.copyOf(objects, n) : objects, valueBytes,
                    codes == null ? null : trim ? Arrays.copyOf(codes, n) : codes,
                    codes == null ? null : dictionary.toArray());
            };
        }
    }
}
