package io.streamview.engine.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data written by format version 1 stays readable. */
class StorageFixtureTest {

    @TempDir
    Path tmp;

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = StorageFixtureTest.class.getResourceAsStream("/storage-fixtures/v1/" + name)) {
            assertNotNull(in, "fixture " + name + " is missing");
            return in.readAllBytes();
        }
    }

    @Test
    void rowCodecBytesFromV1DecodeToTheSameRowsAndEncodeToTheSameBytes() throws IOException {
        byte[] fixture = resource("rows.bin");
        List<Map.Entry<byte[], Object[]>> expected = StorageSamples.rows();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(fixture))) {
            for (Map.Entry<byte[], Object[]> entry : expected) {
                byte[] key = in.readNBytes(in.readInt());
                byte[] row = in.readNBytes(in.readInt());
                assertArrayEquals(entry.getKey(), key, "key layout changed");
                assertArrayEquals(entry.getValue(), RowCodec.decode(row));
                assertArrayEquals(row, RowCodec.encode(entry.getValue()), "row encoding changed");
            }
            assertEquals(-1, in.read(), "more rows in the fixture than expected");
        }
    }

    @Test
    void theV1StoreFileOpensWithItsRows() throws IOException {
        byte[] store = resource(StorageSamples.STORE_NAME + ".cm3");
        assertTrue(store.length < 1 << 20, "fixture should stay small: " + store.length);
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        // a copy: opening a Chronicle file writes to it
        Files.write(data.resolve(StorageSamples.STORE_NAME + ".cm3"), store);
        try (StorageEngine engine = StorageEngine.persistent(data)) {
            RowStore rows = engine.open(StorageSamples.STORE_NAME);
            List<Map.Entry<byte[], Object[]>> expected = StorageSamples.rows();
            assertEquals(expected.size(), rows.size());
            for (Map.Entry<byte[], Object[]> entry : expected) {
                assertArrayEquals(entry.getValue(), rows.get(entry.getKey()));
            }
        }
    }
}
