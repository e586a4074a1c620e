package io.streamview.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import net.openhft.chronicle.core.OS;
import net.openhft.chronicle.map.ChronicleMap;
import org.junit.jupiter.api.Test;

/** The shared contract against {@link StorageEngine#inMemory()}: off-heap Chronicle Maps with no file. */
class InMemoryRowStoreTest extends RowStoreContractTest {

    @Override
    StorageEngine newEngine(Path dataDir) {
        return StorageEngine.inMemory();
    }

    private static ChronicleMap<byte[], byte[]> mapOf(RowStore store) {
        return assertInstanceOf(ChronicleRowStore.class, store, "in-memory rows live in Chronicle Map").chronicleMap();
    }

    @Test
    void inMemoryEnginesHaveNoDirectoryAndWriteNoFile() throws Exception {
        assertNull(engine.dataDirectory());
        assertFalse(engine.isPersistent());
        RowStore store = engine.open("x");
        store.put(RowKeys.ofLong(1), new Object[] {"one"});
        store.flush();
        assertNull(((ChronicleRowStore) store).file());
        assertTrue(store.toString().contains("in memory"), store.toString());
        assertFalse(Files.exists(tmp.resolve("data")));
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(0, files.count(), "an in-memory engine writes nothing");
        }
    }

    @Test
    void rowsLiveOffHeapInAnInMemoryChronicleMap() {
        RowStore store = engine.open("t1");
        ChronicleMap<byte[], byte[]> map = mapOf(store);
        assertNull(map.file(), "not persisted");
        // sized like a file store: the first 100k-entry tier is reserved off-heap up front
        assertTrue(map.offHeapMemoryUsed() > 30L << 20, "off-heap bytes: " + map.offHeapMemoryUsed());
        store.put(RowKeys.ofLong(1), new Object[] {1L});
        assertEquals(1, map.longSize());
    }

    @Test
    void droppingOrClosingAStoreClosesItsMapAndFreesItsMemory() {
        long before = OS.memory().nativeMemoryUsed();
        RowStore dropped = engine.open("dropped");
        RowStore closed = engine.open("closed");
        for (int i = 0; i < 10_000; i++) {
            dropped.put(RowKeys.ofLong(i), new Object[] {(long) i, "row " + i});
            closed.put(RowKeys.ofLong(i), new Object[] {(long) i, "row " + i});
        }
        ChronicleMap<byte[], byte[]> droppedMap = mapOf(dropped);
        ChronicleMap<byte[], byte[]> closedMap = mapOf(closed);
        long reserved = droppedMap.offHeapMemoryUsed() + closedMap.offHeapMemoryUsed();
        assertTrue(OS.memory().nativeMemoryUsed() - before >= reserved * 9 / 10,
                "the maps' memory is native: " + (OS.memory().nativeMemoryUsed() - before) + " < " + reserved);

        engine.drop("dropped");
        assertFalse(droppedMap.isOpen());
        assertTrue(closedMap.isOpen());
        engine.close();
        assertFalse(closedMap.isOpen());
        long left = OS.memory().nativeMemoryUsed() - before;
        assertTrue(left < reserved / 10, "native memory still held after drop and close: " + left + " of " + reserved);
    }

    @Test
    void aStoreOpenedAgainAfterCloseIsEmpty() {
        engine.open("t1").put(RowKeys.ofLong(1), new Object[] {1});
        engine.close();
        engine = StorageEngine.inMemory();
        assertFalse(engine.exists("t1"));
        assertEquals(0, engine.open("t1").size());
    }

    @Test
    void enginesAreIndependent() {
        try (StorageEngine other = StorageEngine.inMemory()) {
            engine.open("t1").put(RowKeys.ofLong(1), new Object[] {1});
            assertEquals(0, other.open("t1").size());
        }
        assertEquals(1, engine.open("t1").size());
    }

    @Test
    void aClosedStoreRefusesEveryOperation() {
        RowStore store = engine.open("t1");
        engine.drop("t1");
        assertThrows(IllegalStateException.class, () -> store.put(RowKeys.ofLong(1), new Object[] {1}));
        assertThrows(IllegalStateException.class, store::flush);
        assertThrows(IllegalStateException.class, store::rows);
    }
}
