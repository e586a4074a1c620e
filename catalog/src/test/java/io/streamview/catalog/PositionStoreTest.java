package io.streamview.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PositionStoreTest {

    @TempDir
    Path db;

    @Test
    void unknownViewsHaveNoPositions() {
        try (PositionStore store = PositionStore.open(db)) {
            assertTrue(store.load("public.nothing").isEmpty());
        }
    }

    @Test
    void positionsSurviveReopenAndReplacePerShard() throws IOException {
        try (PositionStore store = PositionStore.open(db)) {
            store.commit("public.clicks", new ShardPositionDef("shardId-000000000000", null, false));
            store.commit("public.clicks", new ShardPositionDef("shardId-000000000001", "4960", false));
            store.commit("public.clicks", new ShardPositionDef("shardId-000000000000", "4961", true));
            store.commit("public.other", new ShardPositionDef("s", "1", false));
        }
        try (PositionStore store = PositionStore.open(db)) {
            Map<String, ShardPositionDef> loaded = store.load("public.clicks");
            assertEquals(List.of("shardId-000000000000", "shardId-000000000001"), new ArrayList<>(loaded.keySet()));
            assertEquals(new ShardPositionDef("shardId-000000000000", "4961", true), loaded.get("shardId-000000000000"));
            assertEquals(new ShardPositionDef("shardId-000000000001", "4960", false), loaded.get("shardId-000000000001"));
            assertEquals(1, store.load("public.other").size());
            Path file = store.fileFor("public.clicks");
            assertEquals(db.resolve("positions").resolve("public.clicks.json").toAbsolutePath(), file);
            if (PrivateFiles.isPosix(file)) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
            }
            assertThrows(UnsupportedOperationException.class, () -> store.load("public.clicks").clear());
        }
    }

    @Test
    void commitAllReplacesSeveralShardsAtOnce() {
        try (PositionStore store = PositionStore.open(db)) {
            store.commitAll("s.v", List.of(new ShardPositionDef("a", "1", false), new ShardPositionDef("b", "2", true)));
        }
        try (PositionStore store = PositionStore.open(db)) {
            assertEquals(2, store.load("s.v").size());
        }
    }

    @Test
    void dropDeletesTheFile() {
        try (PositionStore store = PositionStore.open(db)) {
            store.commit("public.clicks", new ShardPositionDef("a", "1", false));
            Path file = store.fileFor("public.clicks");
            assertTrue(Files.exists(file));
            store.drop("public.clicks");
            assertFalse(Files.exists(file));
            assertTrue(store.load("public.clicks").isEmpty());
            store.drop("public.never");
        }
        try (PositionStore store = PositionStore.open(db)) {
            assertTrue(store.load("public.clicks").isEmpty());
        }
    }

    @Test
    void concurrentCommitsForDifferentShardsOfOneViewAreAllKept() throws Exception {
        int threads = 8;
        int shardsPerThread = 10;
        int rounds = 5;
        try (PositionStore store = PositionStore.open(db)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int round = 1; round <= rounds; round++) {
                        for (int s = 0; s < shardsPerThread; s++) {
                            store.commit("public.mv", new ShardPositionDef("shard-" + thread + "-" + s,
                                    String.valueOf(round), round == rounds));
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
        }
        try (PositionStore store = PositionStore.open(db)) {
            Map<String, ShardPositionDef> loaded = store.load("public.mv");
            assertEquals(threads * shardsPerThread, loaded.size());
            for (ShardPositionDef p : loaded.values()) {
                assertEquals(String.valueOf(rounds), p.afterSequenceNumber(), p.toString());
                assertTrue(p.ended());
            }
        }
    }

    @Test
    void aFailedCommitKeepsThePreviousPositions() throws IOException {
        try (PositionStore store = PositionStore.open(db)) {
            store.commit("s.v", new ShardPositionDef("a", "1", false));
        }
        try (PositionStore store = PositionStore.open(db, (t, c) -> {
            throw new IOException("simulated");
        })) {
            CatalogException e = assertThrows(CatalogException.class,
                    () -> store.commit("s.v", new ShardPositionDef("a", "2", false)));
            assertEquals(CatalogException.Code.IO, e.code());
            assertEquals(store.fileFor("s.v"), e.file());
            assertEquals("1", store.load("s.v").get("a").afterSequenceNumber());
        }
        try (PositionStore store = PositionStore.open(db)) {
            assertEquals("1", store.load("s.v").get("a").afterSequenceNumber());
        }
    }

    @Test
    void leftoverTmpFilesAreRemovedAtOpen() throws IOException {
        Path dir = db.resolve("positions");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("s.v.json.tmp"), "{half");
        PositionStore.open(db).close();
        assertFalse(Files.exists(dir.resolve("s.v.json.tmp")));
    }

    @Test
    void badFilesAreReportedWithTheirCode() throws IOException {
        Path dir = db.resolve("positions");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("s.bad.json"), "{\"formatVersion\":1,\"materializedView\":\"s.bad\",\"shards\":[");
        Files.writeString(dir.resolve("s.new.json"), "{\"formatVersion\":2}");
        Files.writeString(dir.resolve("s.moved.json"),
                "{\"formatVersion\":1,\"materializedView\":\"s.elsewhere\",\"shards\":[]}");
        try (PositionStore store = PositionStore.open(db)) {
            CatalogException bad = assertThrows(CatalogException.class, () -> store.load("s.bad"));
            assertEquals(CatalogException.Code.CORRUPT, bad.code());
            assertTrue(bad.getMessage().contains(dir.resolve("s.bad.json").toAbsolutePath().toString()));
            CatalogException newer = assertThrows(CatalogException.class, () -> store.load("s.new"));
            assertEquals(CatalogException.Code.UNSUPPORTED_VERSION, newer.code());
            assertTrue(newer.getMessage().contains("formatVersion 2"), newer.getMessage());
            assertEquals(CatalogException.Code.CORRUPT,
                    assertThrows(CatalogException.class, () -> store.load("s.moved")).code());
        }
    }

    @Test
    void fileNamesAreSafeAndDistinct() {
        assertEquals("public.clicks.json", PositionFileNames.forView("public.clicks"));
        assertEquals("public.%41b.json", PositionFileNames.forView("public.Ab"));
        assertEquals("a.%2F..%2Fx.json", PositionFileNames.forView("a./../x"));
        assertEquals("%2E..json", PositionFileNames.forView(".."));
        assertEquals("s.%C3%BC%20.json", PositionFileNames.forView("s.ü "));
        String longName = "s." + "x".repeat(500);
        String longFile = PositionFileNames.forView(longName);
        assertTrue(longFile.length() <= PositionFileNames.MAX_STEM + 5, longFile);
        assertNotEquals(longFile, PositionFileNames.forView(longName + "y"));
    }

    @Test
    void oddNamesRoundTrip() {
        try (PositionStore store = PositionStore.open(db)) {
            for (String name : List.of("Public.Clicks", "public.clicks", "a/b.c d", "s.ü", "s." + "x".repeat(400))) {
                store.commit(name, new ShardPositionDef("shard", name, false));
            }
        }
        try (PositionStore store = PositionStore.open(db)) {
            for (String name : List.of("Public.Clicks", "public.clicks", "a/b.c d", "s.ü", "s." + "x".repeat(400))) {
                assertEquals(name, store.load(name).get("shard").afterSequenceNumber());
            }
        }
    }

    @Test
    void inMemoryStoresKeepPositionsInMemory() {
        try (PositionStore store = PositionStore.inMemory()) {
            store.commit("s.v", new ShardPositionDef("a", null, false));
            assertEquals(1, store.load("s.v").size());
            assertEquals(null, store.fileFor("s.v"));
            store.drop("s.v");
            assertTrue(store.load("s.v").isEmpty());
        }
    }
}
