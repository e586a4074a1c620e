package io.streamview.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseLockTest {

    @TempDir
    Path tmp;

    @Test
    void acquireReleaseAcquire() {
        Path db = tmp.resolve("db");
        try (DatabaseLock lock = DatabaseLock.acquire(db)) {
            assertTrue(lock.isHeld());
            assertEquals(db.toAbsolutePath(), lock.directory());
            assertTrue(Files.exists(db.resolve("streamview.lock")));
        }
        try (DatabaseLock again = DatabaseLock.acquire(db)) {
            assertTrue(again.isHeld());
        }
    }

    @Test
    void aSecondHolderInThisProcessIsRefusedWithoutBreakingTheFirst() throws Exception {
        Path db = tmp.resolve("db");
        try (DatabaseLock first = DatabaseLock.acquire(db)) {
            StorageException e = assertThrows(StorageException.class, () -> DatabaseLock.acquire(db));
            assertEquals(StorageException.Code.LOCKED, e.code());
            assertTrue(e.getMessage().contains(db.toAbsolutePath().toString()), e.getMessage());
            assertTrue(first.isHeld());
            // the first lock must still keep other processes out
            ChildJvm.Result child = ChildJvm.run(List.of(), ChildMains.HoldLock.class, db.toString());
            assertTrue(child.exitCode() != 0 && child.output().contains("another process"), child.output());
        }
    }

    @Test
    void aLockHeldByAnotherProcessIsReportedNamingTheDirectory() throws Exception {
        Path db = tmp.resolve("db");
        Process child = ChildJvm.builder(List.of(), ChildMains.HoldLock.class, db.toString()).start();
        try {
            BufferedReader reader = ChildJvm.reader(child);
            ChildJvm.awaitLine(child, reader, "LOCKED");

            StorageException e = assertThrows(StorageException.class, () -> DatabaseLock.acquire(db));
            assertEquals(StorageException.Code.LOCKED, e.code());
            String message = e.getMessage();
            assertTrue(message.contains(db.toAbsolutePath().toString()), message);
            assertTrue(message.contains("another process"), message);
            assertTrue(message.contains("pid " + child.pid()), message);

            child.getOutputStream().close(); // tells the child to release and exit
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, child.exitValue());
        } finally {
            child.destroyForcibly();
        }
        try (DatabaseLock lock = DatabaseLock.acquire(db)) {
            assertTrue(lock.isHeld());
        }
    }

    @Test
    void aLockDiesWithItsProcess() throws Exception {
        Path db = tmp.resolve("db");
        Process child = ChildJvm.builder(List.of(), ChildMains.HoldLock.class, db.toString()).start();
        ChildJvm.awaitLine(child, ChildJvm.reader(child), "LOCKED");
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        try (DatabaseLock lock = DatabaseLock.acquire(db)) {
            assertTrue(lock.isHeld());
        }
    }

    @Test
    void closeIsIdempotent() {
        DatabaseLock lock = DatabaseLock.acquire(tmp);
        lock.close();
        lock.close();
        assertFalse(lock.isHeld());
    }
}
