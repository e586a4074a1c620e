package io.streamview.engine.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The read side scans use: {@link RowCodec#decodeSelected} gives exactly the values {@link RowCodec#decode} gives for
 * the columns asked for, leaves the others alone and still refuses damaged rows; {@link RowStore#forEachEncoded} and
 * {@link RowStore#getEncoded} hand back the stored bytes, stop when asked, and see each {@code putAll} whole.
 */
class EncodedScanTest {

    private static final Object UNTOUCHED = new Object();

    @Test
    void selectedDecodingMatchesFullDecodingForEveryMask() {
        Random random = new Random(7);
        for (Map.Entry<byte[], Object[]> e : StorageSamples.rows()) {
            Object[] row = e.getValue();
            byte[] bytes = RowCodec.encode(row);
            for (int width = 0; width <= row.length + 2; width++) {
                for (int trial = 0; trial < 8; trial++) {
                    boolean[] wanted = new boolean[width];
                    for (int i = 0; i < width; i++) {
                        wanted[i] = random.nextBoolean();
                    }
                    Object[] out = new Object[width];
                    Arrays.fill(out, UNTOUCHED);
                    assertEquals(row.length, RowCodec.decodeSelected(bytes, wanted, out));
                    for (int i = 0; i < width; i++) {
                        if (i < row.length && wanted[i]) {
                            assertTrue(java.util.Objects.deepEquals(row[i], out[i]), "column " + i + " of "
                                    + Arrays.deepToString(row) + ": " + out[i]);
                            if (row[i] != null) {
                                assertEquals(row[i].getClass(), out[i].getClass());
                            }
                        } else {
                            assertSame(UNTOUCHED, out[i], "column " + i + " was not asked for");
                        }
                    }
                }
            }
        }
    }

    @Test
    void selectedDecodingRefusesDamagedRows() {
        byte[] good = RowCodec.encode(new Object[] {"abc", 5L, new java.math.BigDecimal("1.5")});
        boolean[] none = new boolean[3];
        for (int cut = 0; cut < good.length; cut++) {
            byte[] truncated = Arrays.copyOf(good, cut);
            assertThrows(StorageException.class, () -> RowCodec.decodeSelected(truncated, none, new Object[3]),
                    "truncated at " + cut);
        }
        byte[] badTag = good.clone();
        badTag[2] = 0x7F;
        assertThrows(StorageException.class, () -> RowCodec.decodeSelected(badTag, none, new Object[3]));
        byte[] badVersion = good.clone();
        badVersion[0] = 9;
        assertThrows(StorageException.class, () -> RowCodec.decodeSelected(badVersion, none, new Object[1]));
    }

    @Test
    void encodedScansAndGetsHandBackTheStoredBytes() {
        try (StorageEngine engine = StorageEngine.inMemory()) {
            RowStore store = engine.open("encoded");
            Map<String, Object[]> expected = new HashMap<>();
            for (Map.Entry<byte[], Object[]> e : StorageSamples.rows()) {
                store.put(e.getKey(), e.getValue());
                expected.put(Arrays.toString(e.getKey()), e.getValue());
            }
            Map<String, Object[]> seen = new HashMap<>();
            store.forEachEncoded(true, (key, row) -> {
                seen.put(Arrays.toString(key), RowCodec.decode(row));
                return true;
            });
            assertEquals(expected.keySet(), seen.keySet());
            for (String k : expected.keySet()) {
                assertArrayEquals(expected.get(k), seen.get(k), k);
            }
            List<byte[]> keys = new ArrayList<>();
            store.forEachEncoded(false, (key, row) -> {
                keys.add(key);
                return true;
            });
            assertEquals(expected.size(), keys.size());
            assertTrue(keys.stream().allMatch(java.util.Objects::isNull), "no keys when not asked for");
            int[] visits = {0};
            store.forEachEncoded(false, (key, row) -> ++visits[0] < 3);
            assertEquals(3, visits[0], "the scan stops when the visitor says so");
            for (Map.Entry<byte[], Object[]> e : StorageSamples.rows()) {
                assertArrayEquals(RowCodec.encode(e.getValue()), store.getEncoded(e.getKey()));
            }
            assertNull(store.getEncoded(RowKeys.ofLong(12345)));
        }
    }

    @Test
    void encodedScansSeeWholeBatches() throws Exception {
        try (StorageEngine engine = StorageEngine.inMemory()) {
            RowStore store = engine.open("batches");
            AtomicBoolean done = new AtomicBoolean();
            List<String> problems = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                while (!done.get()) {
                    long[] visited = {0};
                    store.forEachEncoded(false, (k, row) -> {
                        visited[0]++;
                        return true;
                    });
                    if (visited[0] % 500 != 0) {
                        problems.add(String.valueOf(visited[0]));
                    }
                }
            });
            reader.start();
            for (int b = 0; b < 40; b++) {
                List<Map.Entry<byte[], Object[]>> batch = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    batch.add(Map.entry(RowKeys.ofLong(b * 500L + i), new Object[] {(long) b, "row " + i}));
                }
                store.putAll(batch);
            }
            done.set(true);
            reader.join();
            assertEquals(List.of(), problems);
            assertThrows(IllegalStateException.class, () -> store.forEachEncoded(false, (k, row) -> {
                store.putAll(List.of(Map.entry(RowKeys.ofLong(-1), new Object[] {1L})));
                return true;
            }), "a visitor cannot putAll into the store it scans");
        }
    }
}
