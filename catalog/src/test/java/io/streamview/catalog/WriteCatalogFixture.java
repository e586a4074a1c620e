package io.streamview.catalog;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@link SampleCatalog} as a catalog file, once per format version. The committed
 * {@code src/test/resources/fixtures/catalog-v1/catalog.json} came from
 * {@code java -cp … io.streamview.catalog.WriteCatalogFixture <empty dir>} of format 1 ({@link SampleCatalog#snapshot()}),
 * {@code catalog-v2/catalog.json} from this version ({@link SampleCatalog#snapshotV2()}); never regenerate an
 * existing version's fixture, add a new directory for a new format version instead.
 */
public final class WriteCatalogFixture {

    private WriteCatalogFixture() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        if (Files.exists(dir.resolve(CatalogStore.FILE_NAME))) {
            throw new IllegalStateException(dir + " already holds a catalog; refusing to overwrite a fixture");
        }
        try (CatalogStore store = CatalogStore.open(dir)) {
            store.update(empty -> SampleCatalog.snapshotV2());
        }
        System.out.println("wrote " + dir.resolve(CatalogStore.FILE_NAME).toAbsolutePath());
    }
}
