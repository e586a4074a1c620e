package io.streamview.engine.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChronicleRowStoreTest extends RowStoreContractTest {

    @Override
    StorageEngine newEngine(Path dataDir) {
        return StorageEngine.persistent(dataDir);
    }

    private Path dataDir() {
        return tmp.resolve("data");
    }

    @Test
    void rowsSurviveCloseAndReopen() {
        Object[] row = {null, true, (byte) 1, (short) 2, 3, 4L, 5.5f, 6.25d, new BigDecimal("-7.000"), "ünï 😀",
            new byte[] {8, 9}};
        RowStore store = engine.open("public.orders");
        store.put(RowKeys.ofLong(1), row);
        store.put(RowKeys.ofRecord("shardId-000000000000", "4959", 0), new Object[] {"record"});
        store.flush();
        engine.close();

        engine = StorageEngine.persistent(dataDir());
        assertTrue(engine.exists("public.orders"));
        assertEquals(Set.of("public.orders"), engine.storeNames());
        RowStore reopened = engine.open("public.orders");
        assertEquals(2, reopened.size());
        Object[] back = reopened.get(RowKeys.ofLong(1));
        assertArrayEquals(row, back);
        assertArrayEquals(new Object[] {"record"}, reopened.get(RowKeys.ofRecord("shardId-000000000000", "4959", 0)));
    }

    @Test
    void filesAreNamedAfterTheStoreAndPrivate() throws Exception {
        engine.open("public.orders");
        Path file = dataDir().resolve("public.orders.cm3");
        Path marker = dataDir().resolve("public.orders.open");
        assertTrue(Files.exists(file));
        assertTrue(Files.exists(marker), "the open marker exists while the store is open");
        assertEquals(dataDir().toAbsolutePath(), engine.dataDirectory());
        if (PrivateFiles.isPosix(file)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir())));
        }
        engine.close();
        assertTrue(Files.exists(file));
        assertFalse(Files.exists(marker), "a clean close removes the marker");
    }

    @Test
    void dropDeletesTheFile() {
        engine.open("gone").put(RowKeys.ofLong(1), new Object[] {1});
        engine.drop("gone");
        assertFalse(Files.exists(dataDir().resolve("gone.cm3")));
        assertFalse(Files.exists(dataDir().resolve("gone.open")));
        engine.close();
        engine = StorageEngine.persistent(dataDir());
        assertFalse(engine.exists("gone"));
    }

    @Test
    void aSecondEngineOnTheSameDirectoryIsRefused() {
        StorageException e = assertThrows(StorageException.class, () -> StorageEngine.persistent(dataDir()));
        assertEquals(StorageException.Code.LOCKED, e.code());
        assertTrue(e.getMessage().contains(dataDir().toAbsolutePath().toString()), e.getMessage());
    }

    @Test
    void theEngineLockDoesNotCollideWithTheDatabaseLock() {
        engine.close();
        try (DatabaseLock db = DatabaseLock.acquire(dataDir()); StorageEngine same = StorageEngine.persistent(dataDir())) {
            assertTrue(db.isHeld());
            same.open("x");
        }
        engine = StorageEngine.persistent(dataDir());
    }

    @Test
    void aLeftoverMarkerMakesTheNextOpenRecover() throws Exception {
        RowStore store = engine.open("t");
        for (int i = 0; i < 100; i++) {
            store.put(RowKeys.ofLong(i), new Object[] {(long) i});
        }
        engine.close();
        Files.writeString(dataDir().resolve("t.open"), "");
        engine = StorageEngine.persistent(dataDir());
        RowStore recovered = engine.open("t");
        assertEquals(100, recovered.size());
        recovered.put(RowKeys.ofLong(100), new Object[] {100L});
        engine.close();
        assertFalse(Files.exists(dataDir().resolve("t.open")));
        engine = StorageEngine.persistent(dataDir());
        assertEquals(101, engine.open("t").size());
    }

    @Test
    void aKilledProcessLeavesAStoreThatReopensWithItsRows() throws Exception {
        engine.close();
        reopenAfterKill(2_000, false);
    }

    @Test
    void aProcessKilledHoldingASegmentLockDoesNotCostTheLockTimeout() throws Exception {
        engine.close();
        reopenAfterKill(2_000, true);
    }

    private void reopenAfterKill(int rows, boolean holdSegmentLock) throws Exception {
        List<String> options = new java.util.ArrayList<>(JvmFlags.REQUIRED);
        Process child = ChildJvm.builder(options, ChildMains.WriteAndHang.class, dataDir().toString(),
                String.valueOf(rows), holdSegmentLock ? "hold-segment-lock" : "no").start();
        try {
            BufferedReader reader = ChildJvm.reader(child);
            ChildJvm.awaitLine(child, reader, "READY");
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(Files.exists(dataDir().resolve("crash.open")), "the killed process left its marker");
        engine = StorageEngine.persistent(dataDir());
        RowStore store = engine.open("crash");
        assertEquals(rows, store.size());
        for (int i = 0; i < rows; i += 97) {
            assertArrayEquals(new Object[] {(long) i, "row " + i}, store.get(RowKeys.ofLong(i)));
        }
        if (holdSegmentLock) {
            // the open recovered the file, which released the dead process's lock: it is free at once (a plain
            // open would leave it held, and the put below would end in InterProcessDeadLockException)
            try (var context = ChronicleRowStore.of(store).chronicleMap().queryContext(RowKeys.ofLong(0))) {
                assertTrue(context.writeLock().tryLock(), "the dead process's segment lock is released");
                context.writeLock().unlock();
            }
        }
        store.put(RowKeys.ofLong(0), new Object[] {-1L, "rewritten"}); // the segment that was locked
        assertArrayEquals(new Object[] {-1L, "rewritten"}, store.get(RowKeys.ofLong(0)));
    }

    @Test
    void largeRowsFitUpToAboutTwoMebibytes() {
        RowStore store = engine.open("big");
        byte[] mebibyte = new byte[1 << 20];
        mebibyte[12345] = 7;
        store.put(RowKeys.ofLong(1), new Object[] {mebibyte});
        assertArrayEquals(mebibyte, (byte[]) store.get(RowKeys.ofLong(1))[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.put(RowKeys.ofLong(2), new Object[] {new byte[8 << 20]}));
        assertTrue(e.getMessage().contains("big"), e.getMessage());
        assertEquals(1, store.size());
    }

    @Test
    void aFileThatIsNotAStoreIsCorrupt() throws Exception {
        engine.close();
        Files.createDirectories(dataDir());
        byte[] garbage = new byte[64 * 1024];
        new java.util.Random(1).nextBytes(garbage);
        Files.write(dataDir().resolve("junk.cm3"), garbage);
        engine = StorageEngine.persistent(dataDir());
        StorageException e = assertThrows(StorageException.class, () -> engine.open("junk"));
        assertEquals(StorageException.Code.CORRUPT, e.code());
        assertTrue(e.getMessage().contains("junk.cm3"), e.getMessage());
    }
}
