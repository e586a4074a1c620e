package io.streamview.engine.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link RowStore} does, in memory or in a file. */
abstract class RowStoreContractTest {

    @TempDir
    Path tmp;

    StorageEngine engine;

    abstract StorageEngine newEngine(Path dataDir);

    @BeforeEach
    void openEngine() {
        engine = newEngine(tmp.resolve("data"));
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void putGetRemove() {
        RowStore store = engine.open("t1");
        assertEquals("t1", store.name());
        assertNull(store.get(RowKeys.ofLong(1)));
        store.put(RowKeys.ofLong(1), new Object[] {1L, "one", null, new BigDecimal("1.10")});
        store.put(RowKeys.ofLong(2), new Object[] {2L, "two", true, null});
        assertEquals(2, store.size());
        Object[] one = store.get(RowKeys.ofLong(1));
        assertArrayEquals(new Object[] {1L, "one", null, new BigDecimal("1.10")}, one);
        store.put(RowKeys.ofLong(1), new Object[] {1L, "uno"});
        assertArrayEquals(new Object[] {1L, "uno"}, store.get(RowKeys.ofLong(1)));
        assertEquals(2, store.size());
        assertTrue(store.remove(RowKeys.ofLong(1)));
        assertFalse(store.remove(RowKeys.ofLong(1)));
        assertNull(store.get(RowKeys.ofLong(1)));
        assertEquals(1, store.size());
        store.clear();
        assertEquals(0, store.size());
        assertTrue(store.rows().isEmpty());
    }

    @Test
    void keysCompareByContent() {
        RowStore store = engine.open("t1");
        store.put(new byte[] {1, 2, 3}, new Object[] {"a"});
        assertArrayEquals(new Object[] {"a"}, store.get(new byte[] {1, 2, 3}));
        store.put(new byte[0], new Object[] {"empty key"});
        assertArrayEquals(new Object[] {"empty key"}, store.get(new byte[0]));
    }

    @Test
    void storedRowsAreCopies() {
        RowStore store = engine.open("t1");
        byte[] key = RowKeys.ofLong(7);
        Object[] row = {"before", new byte[] {1}};
        store.put(key, row);
        row[0] = "after";
        ((byte[]) row[1])[0] = 9;
        key[7] = 8;
        Object[] stored = store.get(RowKeys.ofLong(7));
        assertEquals("before", stored[0]);
        assertArrayEquals(new byte[] {1}, (byte[]) stored[1]);
        stored[0] = "changed";
        assertEquals("before", store.get(RowKeys.ofLong(7))[0]);
        assertNotSame(store.get(RowKeys.ofLong(7)), store.get(RowKeys.ofLong(7)));
    }

    @Test
    void putAllAndScans() {
        RowStore store = engine.open("t1");
        List<Map.Entry<byte[], Object[]>> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            // same-length rows: catches a scan that hands out one reused array
            batch.add(new AbstractMap.SimpleEntry<>(RowKeys.ofLong(i), new Object[] {(long) i, String.format("r%05d", i)}));
        }
        store.putAll(batch);
        assertEquals(1000, store.size());
        Set<Long> ids = new HashSet<>();
        for (Object[] row : store.rows()) {
            assertEquals(String.format("r%05d", (Long) row[0]), row[1]);
            ids.add((Long) row[0]);
        }
        assertEquals(1000, ids.size());
        Set<Long> visited = new HashSet<>();
        List<byte[]> keys = new ArrayList<>();
        store.forEach((key, row) -> {
            assertEquals(RowKeys.toLong(key), row[0]);
            visited.add((Long) row[0]);
            keys.add(key);
        });
        assertEquals(ids, visited);
        Set<Long> keyIds = new HashSet<>();
        keys.forEach(k -> keyIds.add(RowKeys.toLong(k)));
        assertEquals(ids, keyIds, "keys handed to the visitor are not reused arrays");
    }

    @Test
    void aVisitorMayWriteToTheStoreItVisits() {
        RowStore store = engine.open("t1");
        for (int i = 0; i < 200; i++) {
            store.put(RowKeys.ofLong(i), new Object[] {(long) i});
        }
        store.forEach((key, row) -> {
            if ((Long) row[0] % 2 == 0) {
                store.remove(key);
            } else {
                store.put(key, new Object[] {row[0], "seen"});
            }
        });
        assertEquals(100, store.size());
        store.rows().forEach(row -> assertEquals("seen", row[1]));
    }

    @Test
    void unsupportedValuesAreRefusedAndNothingIsWritten() {
        RowStore store = engine.open("t1");
        assertThrows(IllegalArgumentException.class, () -> store.put(RowKeys.ofLong(1), new Object[] {new Object()}));
        assertEquals(0, store.size());
    }

    @Test
    void openReturnsTheSameInstanceAndDropForgetsIt() {
        RowStore a = engine.open("s.one");
        assertSame(a, engine.open("s.one"));
        assertTrue(engine.exists("s.one"));
        assertFalse(engine.exists("s.two"));
        a.put(RowKeys.ofLong(1), new Object[] {1});
        engine.open("s.two");
        assertEquals(Set.of("s.one", "s.two"), engine.storeNames());
        engine.drop("s.one");
        assertFalse(engine.exists("s.one"));
        assertThrows(IllegalStateException.class, () -> a.size(), "a dropped store is closed");
        RowStore again = engine.open("s.one");
        assertEquals(0, again.size());
        engine.drop("never-created");
    }

    @Test
    void storeNamesAreChecked() {
        for (String bad : List.of("", "Upper", "a/b", "..\\x", "sp ace", "a".repeat(201), "ü")) {
            assertThrows(IllegalArgumentException.class, () -> engine.open(bad), bad);
        }
        engine.open("a-z_0.9");
    }

    @Test
    void closeClosesEveryStore() {
        RowStore a = engine.open("a");
        engine.close();
        assertThrows(IllegalStateException.class, () -> a.get(RowKeys.ofLong(1)));
        assertThrows(IllegalStateException.class, () -> engine.open("a"));
        engine.close();
    }

    @Test
    void concurrentWritersDoNotLoseRows() throws Exception {
        RowStore store = engine.open("t1");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 5000; i++) {
                    store.put(RowKeys.ofRecord("shard-" + thread, String.valueOf(i), 0), new Object[] {thread, i});
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(20_000, store.size());
        assertArrayEquals(new Object[] {3, 4999}, store.get(RowKeys.ofRecord("shard-3", "4999", 0)));
    }
}
