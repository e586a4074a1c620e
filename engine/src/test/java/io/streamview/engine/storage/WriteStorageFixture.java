package io.streamview.engine.storage;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the storage fixtures for the current format version into an empty directory:
 * {@code fixture_v1.cm3} (a small Chronicle Map store) and {@code rows.bin} (the same rows as
 * {@link RowCodec} bytes, each entry: u32 key length, key, u32 row length, row). The committed
 * {@code src/test/resources/storage-fixtures/v1/} came from a run of this main (with the JVM flags);
 * never regenerate a released version's fixture.
 */
public final class WriteStorageFixture {

    private WriteStorageFixture() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        if (Files.exists(dir.resolve(StorageSamples.STORE_NAME + StorageEngine.STORE_FILE_SUFFIX))) {
            throw new IllegalStateException(dir + " already holds a fixture; refusing to overwrite it");
        }
        try (StorageEngine engine = StorageEngine.persistent(dir, StoreSizing.TINY)) {
            engine.open(StorageSamples.STORE_NAME).putAll(StorageSamples.rows());
        }
        Files.deleteIfExists(dir.resolve(StorageEngine.LOCK_FILE_NAME));
        try (OutputStream file = Files.newOutputStream(dir.resolve("rows.bin"));
             DataOutputStream out = new DataOutputStream(file)) {
            for (Map.Entry<byte[], Object[]> entry : StorageSamples.rows()) {
                byte[] row = RowCodec.encode(entry.getValue());
                out.writeInt(entry.getKey().length);
                out.write(entry.getKey());
                out.writeInt(row.length);
                out.write(row);
            }
        }
        System.out.println("wrote " + dir.toAbsolutePath());
    }
}
