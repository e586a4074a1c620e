package io.streamview.engine.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store, in a file or in memory, grows well past the 100k entries it is first sized for. */
class StoreGrowthTest {

    private static final int ROWS = 500_000;

    @TempDir
    Path data;

    private static Object[] row(int i) {
        return new Object[] {(long) i, "partition-" + (i % 1000), "shardId-000000000001",
            1_700_000_000_000L + i, new byte[64 + (i % 64)]};
    }

    private static byte[] key(int i) {
        return RowKeys.ofRecord("shardId-000000000001", String.valueOf(49_590_338_271_490_256L + i), i % 3);
    }

    private static void write(RowStore store) {
        List<Map.Entry<byte[], Object[]>> batch = new ArrayList<>(10_000);
        for (int i = 0; i < ROWS; i++) {
            batch.add(new AbstractMap.SimpleEntry<>(key(i), row(i)));
            if (batch.size() == 10_000) {
                store.putAll(batch);
                batch.clear();
            }
        }
        assertEquals(ROWS, store.size());
    }

    private static void check(RowStore store) {
        assertEquals(ROWS, store.size());
        for (int i = 0; i < ROWS; i += 4999) {
            assertArrayEquals(row(i), store.get(key(i)), "row " + i);
        }
        long[] count = {0};
        store.forEach((k, r) -> count[0]++);
        assertEquals(ROWS, count[0]);
    }

    @Test
    void fiveHundredThousandRowsInOneInMemoryStore() {
        long started = System.nanoTime();
        try (StorageEngine engine = StorageEngine.inMemory()) {
            RowStore store = engine.open("growth");
            write(store);
            check(store);
            long offHeap = ChronicleRowStore.of(store).chronicleMap().offHeapMemoryUsed();
            System.out.printf("500k rows in memory: %.1f s, off-heap %d MiB%n",
                    (System.nanoTime() - started) / 1e9, offHeap >> 20);
        }
    }

    @Test
    void fiveHundredThousandRowsInOneStore() {
        long started = System.nanoTime();
        try (StorageEngine engine = StorageEngine.persistent(data)) {
            write(engine.open("growth"));
        }
        try (StorageEngine engine = StorageEngine.persistent(data)) {
            check(engine.open("growth"));
        }
        long fileSize = data.resolve("growth.cm3").toFile().length();
        System.out.printf("500k rows: %.1f s, file %d MiB%n", (System.nanoTime() - started) / 1e9, fileSize >> 20);
        assertTrue(Files.exists(data.resolve("growth.cm3")));
    }
}
