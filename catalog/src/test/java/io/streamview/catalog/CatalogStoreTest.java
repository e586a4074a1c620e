package io.streamview.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogStoreTest {

    @TempDir
    Path tmp;

    private Path db() {
        return tmp.resolve("db");
    }

    private static ExternalSchemaDef schema(String name) {
        return new ExternalSchemaDef(name, "KINESIS", "default", null, Instant.parse("2026-03-04T05:06:07Z"));
    }

    @Test
    void openCreatesAnEmptyCatalogFileWithPrivatePermissions() throws IOException {
        try (CatalogStore store = CatalogStore.open(db())) {
            assertEquals(CatalogSnapshot.empty(), store.current());
            Path file = db().resolve("catalog.json");
            assertEquals(file.toAbsolutePath(), store.file());
            JsonNode json = new ObjectMapper().readTree(file.toFile());
            assertEquals(CatalogSnapshot.CURRENT_FORMAT_VERSION, json.get("formatVersion").intValue());
            assertEquals(0, json.get("version").intValue());
            if (PrivateFiles.isPosix(file)) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(db())));
            }
        }
    }

    @Test
    void everythingSurvivesCloseAndReopen() {
        CatalogSnapshot written;
        try (CatalogStore store = CatalogStore.open(db())) {
            written = store.update(s -> SampleCatalog.snapshot());
            assertSame(written, store.current());
        }
        try (CatalogStore store = CatalogStore.open(db())) {
            assertEquals(written, store.current());
            assertEquals(new ArrayList<>(written.tables().keySet()), new ArrayList<>(store.current().tables().keySet()));
            assertEquals(Instant.parse("2026-01-02T03:04:05.123456789Z"),
                    store.current().externalSchemas().get("kds").createdAt(), "nanoseconds survive");
        }
    }

    @Test
    void updatesBuildOnEachOther() {
        try (CatalogStore store = CatalogStore.open(db())) {
            store.update(s -> s.withExternalSchema(schema("a")));
            store.update(s -> s.withExternalSchema(schema("b")));
            store.update(s -> s.withoutExternalSchema("a"));
        }
        try (CatalogStore store = CatalogStore.open(db())) {
            assertEquals(List.of("b"), new ArrayList<>(store.current().externalSchemas().keySet()));
            assertEquals(3, store.current().version());
        }
    }

    @Test
    void theV1FixtureStillReads() throws IOException {
        byte[] fixture = fixture("catalog-v1");
        Path dir = tmp.resolve("fixture-v1");
        Files.createDirectories(dir);
        Files.write(dir.resolve("catalog.json"), fixture);
        try (CatalogStore store = CatalogStore.open(dir)) {
            assertEquals(1, store.current().formatVersion());
            assertSameObjects(SampleCatalog.snapshot(), store.current());
            // its streaming views depend on nothing; the next write is format 2
            store.current().materializedViews().values().forEach(mv -> assertEquals(List.of(), mv.dependsOn()));
            store.update(c -> c.withoutTable("public.log"));
        }
        JsonNode rewritten = new ObjectMapper().readTree(dir.resolve("catalog.json").toFile());
        assertEquals(2, rewritten.get("formatVersion").intValue());
        assertTrue(rewritten.get("materializedViews").get(0).get("dependsOn").isArray());
    }

    @Test
    void theV2FixtureStillReads() throws IOException {
        byte[] fixture = fixture("catalog-v2");
        Path dir = tmp.resolve("fixture-v2");
        Files.createDirectories(dir);
        Files.write(dir.resolve("catalog.json"), fixture);
        try (CatalogStore store = CatalogStore.open(dir)) {
            assertEquals(SampleCatalog.snapshotV2(), store.current());
            MaterializedViewDef nested = store.current().materializedViews().get("public.order_clicks");
            assertFalse(nested.isStreaming());
            assertEquals(List.of("public.orders", "public.clicks"), nested.dependsOn());
        }
        // and this version writes the same document it reads
        ObjectMapper mapper = new ObjectMapper();
        assertEquals(mapper.readTree(fixture), mapper.readTree(CatalogJson.writeCatalog(SampleCatalog.snapshotV2())));
    }

    private byte[] fixture(String version) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/" + version + "/catalog.json")) {
            assertTrue(in != null, "fixture " + version + " missing");
            return in.readAllBytes();
        }
    }

    private static void assertSameObjects(CatalogSnapshot expected, CatalogSnapshot actual) {
        assertEquals(expected.version(), actual.version());
        assertEquals(expected.externalSchemas(), actual.externalSchemas());
        assertEquals(expected.tables(), actual.tables());
        assertEquals(expected.views(), actual.views());
        assertEquals(expected.materializedViews(), actual.materializedViews());
    }

    @Test
    void aFailedWriteLeavesTheOldCatalogInMemoryAndOnDisk() throws IOException {
        AtomicWriter failing = (target, content) -> {
            Files.write(PrivateFiles.tmpFor(target), content, java.nio.file.StandardOpenOption.CREATE_NEW);
            throw new IOException("disk full (simulated)");
        };
        Path file;
        byte[] before;
        try (CatalogStore good = CatalogStore.open(db())) {
            good.update(s -> s.withExternalSchema(schema("kept")));
            file = good.file();
            before = Files.readAllBytes(file);
        }
        try (CatalogStore store = CatalogStore.open(db(), failing)) {
            CatalogSnapshot old = store.current();
            CatalogException e = assertThrows(CatalogException.class,
                    () -> store.update(s -> s.withExternalSchema(schema("lost"))));
            assertEquals(CatalogException.Code.IO, e.code());
            assertEquals(file, e.file());
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertSame(old, store.current());
        }
        assertArrayEquals(before, Files.readAllBytes(file));
        assertTrue(Files.exists(PrivateFiles.tmpFor(file)), "the simulated crash left a tmp file");
        try (CatalogStore store = CatalogStore.open(db())) {
            assertEquals(List.of("kept"), new ArrayList<>(store.current().externalSchemas().keySet()));
            assertFalse(Files.exists(PrivateFiles.tmpFor(file)), "open removes the leftover tmp file");
        }
    }

    @Test
    void aRealIoFailureLeavesTheOldCatalog() throws IOException {
        try (CatalogStore store = CatalogStore.open(db())) {
            store.update(s -> s.withExternalSchema(schema("kept")));
            byte[] before = Files.readAllBytes(store.file());
            CatalogSnapshot old = store.current();
            // a non-empty directory where the tmp file must go: fails even for root
            Path blocker = PrivateFiles.tmpFor(store.file());
            Files.createDirectories(blocker.resolve("x"));
            CatalogException e = assertThrows(CatalogException.class,
                    () -> store.update(s -> s.withExternalSchema(schema("lost"))));
            assertEquals(CatalogException.Code.IO, e.code());
            assertSame(old, store.current());
            assertArrayEquals(before, Files.readAllBytes(store.file()));
            Files.delete(blocker.resolve("x"));
            Files.delete(blocker);
            store.update(s -> s.withExternalSchema(schema("later")));
        }
        try (CatalogStore store = CatalogStore.open(db())) {
            assertEquals(List.of("kept", "later"), new ArrayList<>(store.current().externalSchemas().keySet()));
        }
    }

    @Test
    void aChangeThatThrowsChangesNothing() {
        try (CatalogStore store = CatalogStore.open(db())) {
            CatalogSnapshot old = store.current();
            assertThrows(IllegalStateException.class, () -> store.update(s -> {
                throw new IllegalStateException("no");
            }));
            assertSame(old, store.current());
        }
    }

    @Test
    void returningTheSameSnapshotWritesNothing() {
        CatalogStore.open(db()).close();
        try (CatalogStore store = CatalogStore.open(db(), (t, c) -> {
            throw new IOException("must not be called");
        })) {
            assertSame(store.current(), store.update(s -> s));
        }
    }

    @Test
    void concurrentUpdatesAreSerialised() throws Exception {
        int threads = 8;
        int perThread = 25;
        try (CatalogStore store = CatalogStore.open(db())) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        String name = "t" + thread + "_" + i;
                        store.update(s -> s.withTable(new TableDef("s", name, List.of(), List.of(), "s." + name)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertEquals(threads * perThread, store.current().tables().size());
            assertEquals(threads * perThread, store.current().version());
        }
        try (CatalogStore store = CatalogStore.open(db())) {
            assertEquals(threads * perThread, store.current().tables().size());
        }
    }

    @Test
    void aNewerFormatVersionIsRefusedNamingFileAndVersion() throws IOException {
        Files.createDirectories(db());
        Path file = db().resolve("catalog.json");
        Files.writeString(file, "{\"formatVersion\": 7, \"version\": 3, \"somethingNew\": []}");
        CatalogException e = assertThrows(CatalogException.class, () -> CatalogStore.open(db()));
        assertEquals(CatalogException.Code.UNSUPPORTED_VERSION, e.code());
        assertEquals(file.toAbsolutePath(), e.file());
        assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("formatVersion 7"), e.getMessage());
        assertEquals("{\"formatVersion\": 7, \"version\": 3, \"somethingNew\": []}", Files.readString(file),
                "the newer file is left alone");
    }

    @Test
    void aHugeFormatVersionIsStillUnsupportedNotCorrupt() throws IOException {
        Files.createDirectories(db());
        Files.writeString(db().resolve("catalog.json"), "{\"formatVersion\": 123456789012345678901234567890}");
        assertEquals(CatalogException.Code.UNSUPPORTED_VERSION,
                assertThrows(CatalogException.class, () -> CatalogStore.open(db())).code());
    }

    @Test
    void unreadableFilesAreCorruptNamingTheFile() throws IOException {
        Files.createDirectories(db());
        Path file = db().resolve("catalog.json");
        for (String content : List.of("", "not json", "{\"formatVersion\": 1, \"version\": 2", "[1,2]",
                "{\"version\": 2}", "{\"formatVersion\": \"1\"}", "{\"formatVersion\": 0}",
                "{\"formatVersion\":1,\"version\":1,\"externalSchemas\":[],\"tables\":[],\"views\":[],"
                        + "\"materializedViews\":[],\"extra\":1}",
                "{\"formatVersion\":1,\"version\":1,\"externalSchemas\":[],\"tables\":[],\"views\":[]}",
                "{\"formatVersion\":1,\"version\":1,\"externalSchemas\":[{\"name\":\"a\",\"sourceKind\":\"KINESIS\","
                        + "\"iamRole\":\"default\",\"region\":null,\"createdAt\":null},{\"name\":\"a\","
                        + "\"sourceKind\":\"KINESIS\",\"iamRole\":\"default\",\"region\":null,\"createdAt\":null}],"
                        + "\"tables\":[],\"views\":[],\"materializedViews\":[]}")) {
            Files.write(file, content.getBytes(StandardCharsets.UTF_8));
            CatalogException e = assertThrows(CatalogException.class, () -> CatalogStore.open(db()), content);
            assertEquals(CatalogException.Code.CORRUPT, e.code(), content);
            assertEquals(file.toAbsolutePath(), e.file());
            assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
        }
    }

    @Test
    void inMemoryStoresWriteNothing() {
        try (CatalogStore store = CatalogStore.inMemory()) {
            CatalogSnapshot s = store.update(c -> c.withExternalSchema(schema("x")));
            assertEquals(1, s.version());
            assertEquals(null, store.file());
        }
    }

    @Test
    void updateAfterCloseIsRefused() {
        CatalogStore store = CatalogStore.inMemory();
        store.close();
        assertThrows(IllegalStateException.class, () -> store.update(s -> s.withoutTable("a.b")));
    }
}
