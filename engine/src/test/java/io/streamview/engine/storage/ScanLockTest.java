package io.streamview.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A scan sees all rows of a {@code putAll} or none: a writer adds batches of 500 rows while readers scan; every
 * scan counts a whole number of batches. A visitor cannot {@code putAll} into the store it scans.
 */
class ScanLockTest {

    @Test
    void scansSeeWholeBatches() throws Exception {
        try (StorageEngine engine = StorageEngine.inMemory()) {
            RowStore store = engine.open("batches");
            AtomicBoolean done = new AtomicBoolean();
            Set<Long> seen = ConcurrentHashMap.newKeySet();
            List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                Thread t = new Thread(() -> {
                    while (!done.get()) {
                        long n = store.rows().size();
                        long[] visited = {0};
                        store.forEach((k, row) -> visited[0]++);
                        if (n % 500 != 0 || visited[0] % 500 != 0) {
                            problems.add(n + "/" + visited[0]);
                        }
                        seen.add(n);
                    }
                });
                t.start();
                readers.add(t);
            }
            for (int b = 0; b < 40; b++) {
                List<Map.Entry<byte[], Object[]>> batch = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    batch.add(Map.entry(RowKeys.ofLong(b * 500L + i), new Object[] {(long) b, "row " + i}));
                }
                store.putAll(batch);
            }
            done.set(true);
            for (Thread t : readers) {
                t.join();
            }
            assertEquals(List.of(), problems);
            assertTrue(seen.size() >= 1);
            assertEquals(20_000, store.size());
        }
    }

    @Test
    void aVisitorCannotPutAllIntoTheStoreItScans() {
        try (StorageEngine engine = StorageEngine.inMemory()) {
            RowStore store = engine.open("s");
            store.put(RowKeys.ofLong(1), new Object[] {1L});
            assertThrows(IllegalStateException.class, () -> store.forEach((k, row) ->
                    store.putAll(List.of(Map.entry(RowKeys.ofLong(2), new Object[] {2L})))));
            assertThrows(IllegalStateException.class, () -> store.forEach((k, row) -> store.clear()));
            store.forEach((k, row) -> store.put(RowKeys.ofLong(3), new Object[] {3L})); // single puts are fine
            assertEquals(2, store.size());
        }
    }
}
