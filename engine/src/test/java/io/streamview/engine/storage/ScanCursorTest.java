package io.streamview.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pull-style scans ({@link RowStore#openScan}): one Chronicle Map segment per part, every row exactly once, each
 * {@code putAll} seen whole or not at all across all parts of one scan, writers held back from opening to closing
 * and let in by a close from another thread; a writer that waits too long (or runs on the thread that holds a
 * scan open) fails with {@link StorageException.Code#SCANS_OPEN} naming the store and the fix.
 */
class ScanCursorTest {

    @AfterEach
    void defaultWait() {
        System.clearProperty(ScanGate.WAIT_PROPERTY);
    }

    private static List<Map.Entry<byte[], Object[]>> batch(int b, int size) {
        List<Map.Entry<byte[], Object[]>> rows = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            rows.add(Map.entry(RowKeys.ofLong((long) b * size + i), new Object[] {(long) b, "row " + i}));
        }
        return rows;
    }

    @Test
    void partsAreSegmentsAndCoverEveryRowOnce() {
        try (StorageEngine engine = StorageEngine.inMemory()) {
            RowStore store = engine.open("parts");
            for (int b = 0; b < 20; b++) {
                store.putAll(batch(b, 1000));
            }
            ScanParts read = ScanParts.read(store);
            List<Integer> parts = read.parts;
            assertEquals(20_000, read.keys.size());
            assertEquals(16, parts.size(), "the standard sizing's 16 segments: " + parts);
            assertTrue(parts.stream().allMatch(p -> p < 20_000 / 4), "rows spread over the parts: " + parts);
        }
    }

    @Test
    void aScanSeesWholeBatchesAcrossItsParts() throws Exception {
        try (StorageEngine engine = StorageEngine.inMemory()) {
            RowStore store = engine.open("batches");
            AtomicBoolean done = new AtomicBoolean();
            List<String> problems = new CopyOnWriteArrayList<>();
            int[] scans = new int[2];
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                int me = r;
                Thread t = new Thread(() -> {
                    while (!done.get()) {
                        long[] seen = {0};
                        try (EncodedRowCursor cursor = store.openScan(false)) {
                            while (cursor.nextPart((key, row) -> {
                                seen[0]++;
                                return true;
                            })) {
                                Thread.yield(); // let the writer try to get in between parts
                            }
                        }
                        if (seen[0] % 500 != 0) {
                            problems.add(Long.toString(seen[0]));
                        }
                        scans[me]++;
                    }
                });
                t.start();
                readers.add(t);
            }
            for (int b = 0; b < 40; b++) {
                store.putAll(batch(b, 500));
            }
            done.set(true);
            for (Thread t : readers) {
                t.join();
            }
            assertEquals(List.of(), problems);
            assertTrue(scans[0] + scans[1] >= 2);
            assertEquals(20_000, store.size());
        }
    }

    @Test
    void anOpenScanHoldsWritersBackUntilClosedFromAnotherThread() throws Exception {
        System.setProperty(ScanGate.WAIT_PROPERTY, "200");
        try (StorageEngine engine = StorageEngine.inMemory()) {
            RowStore store = engine.open("held");
            store.putAll(batch(0, 100));
            EncodedRowCursor cursor = store.openScan(false);
            assertTrue(cursor.nextPart((k, row) -> true));

            StorageException waited = CompletableFuture.supplyAsync(() -> assertThrows(StorageException.class,
                    () -> store.putAll(batch(1, 100)))).get();
            assertEquals(StorageException.Code.SCANS_OPEN, waited.code());
            assertTrue(waited.getMessage().contains("held") && waited.getMessage().contains("after 200 ms")
                    && waited.getMessage().contains("Close the open result sets"), waited.getMessage());
            assertEquals(100, store.size(), "the write did not happen");

            StorageException sameThread = assertThrows(StorageException.class, () -> store.clear());
            assertEquals(StorageException.Code.SCANS_OPEN, sameThread.code());
            assertTrue(sameThread.getMessage().contains("the same thread"), sameThread.getMessage());

            // other scans (and reads by key) still run meanwhile
            assertEquals(100, store.rows().size());

            CompletableFuture.runAsync(cursor::close).get(); // closed by another thread than the opener
            cursor.close(); // twice: nothing
            assertFalse(cursor.nextPart((k, row) -> true));
            store.putAll(batch(1, 100));
            assertEquals(200, store.size());
        }
    }

    @Test
    void aScanReadToItsLastPartLetsWritersIn() {
        System.setProperty(ScanGate.WAIT_PROPERTY, "0");
        try (StorageEngine engine = StorageEngine.inMemory()) {
            RowStore store = engine.open("drained");
            store.putAll(batch(0, 100));
            EncodedRowCursor cursor = store.openScan(false);
            int parts = 0;
            while (cursor.nextPart((k, row) -> true)) {
                parts++;
            }
            assertEquals(16, parts);
            store.putAll(batch(1, 100)); // no wait at all: the scan ended with its last part
            EncodedRowCursor stopped = store.openScan(false);
            assertTrue(stopped.nextPart((k, row) -> false), "a visitor ends the scan");
            assertFalse(stopped.nextPart((k, row) -> true));
            store.clear();
            assertEquals(0, store.size());
        }
    }

    @Test
    void aThreadWithAScanOpenMayStillScanWhileAWriterWaits() throws Exception {
        System.setProperty(ScanGate.WAIT_PROPERTY, "60000");
        try (StorageEngine engine = StorageEngine.inMemory()) {
            RowStore store = engine.open("self");
            store.putAll(batch(0, 10));
            EncodedRowCursor outer = store.openScan(false);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> store.putAll(batch(1, 10)));
            while (!writer.isDone() && !hasWaitingWriter(store)) {
                Thread.onSpinWait();
            }
            // a self-join: the second scan of the same thread must not wait behind the writer (it would wait for
            // itself), and its visit must not either
            long[] n = {0};
            try (EncodedRowCursor inner = store.openScan(false)) {
                while (inner.nextPart((k, row) -> {
                    n[0]++;
                    return true;
                })) {
                    // all parts
                }
            }
            store.forEach((k, row) -> n[0]++);
            assertEquals(20, n[0]);
            assertFalse(writer.isDone(), "the writer still waits for the outer scan");
            outer.close();
            writer.get();
            assertEquals(20, store.size());
        }
    }

    private static boolean hasWaitingWriter(RowStore store) {
        return ((ChronicleRowStore) store).scanGate().waitingWriters() > 0;
    }

    @Test
    void aStoreDroppedWhileScannedIsClosedWhenTheScanEnds() {
        try (StorageEngine engine = StorageEngine.inMemory()) {
            RowStore store = engine.open("dropped");
            store.putAll(batch(0, 2000));
            EncodedRowCursor cursor = store.openScan(false);
            long[] n = {0};
            assertTrue(cursor.nextPart((k, row) -> {
                n[0]++;
                return true;
            }));
            engine.drop("dropped"); // e.g. DROP MATERIALIZED VIEW, or a recompute replacing the store
            assertThrows(IllegalStateException.class, () -> store.openScan(false), "no new scan");
            assertThrows(IllegalStateException.class, () -> store.forEach((k, row) -> { }));
            while (cursor.nextPart((k, row) -> {
                RowCodec.decode(row);
                n[0]++;
                return true;
            })) {
                // the open scan reads on: the map stays open until it ends
            }
            assertEquals(2000, n[0]);
            assertEquals(0, ((ChronicleRowStore) store).scanGate().openReads());
            assertTrue(((ChronicleRowStore) store).chronicleMap().isClosed(), "closed by the scan's end");
        }
    }
}
