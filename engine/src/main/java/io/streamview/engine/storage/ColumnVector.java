package io.streamview.engine.storage;

import java.util.Arrays;
import java.util.HashMap;
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
    }

    private static final class Objects extends ColumnVector {
        private final Object[] values;
        private final long valueBytes;

        Objects(Object[] values, long valueBytes) {
            this.values = values;
            this.valueBytes = valueBytes;
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
        private Map<String, String> shared;
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
                }
                String known = shared.get(s);
                if (known != null) {
                    objects[row] = known;
                    return 0;
                }
                if (shared.size() < MAX_SHARED) {
                    shared.put(s, s);
                    added = 48 + 2L * s.length() + 48; // the string, its array, and its entry in the map while built
                } else {
                    added = 48 + 2L * s.length();
                }
            } else if (v instanceof byte[] b) {
                added = 16 + b.length;
            } else {
                added = 64; // a BigDecimal, a Float, a Boolean, ...
            }
            objects[row] = v;
            valueBytes += added;
            return added;
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
                default -> new Objects(trim ? Arrays.copyOf(objects, n) : objects, valueBytes);
            };
        }
    }
}
