package io.streamview.engine.storage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HeapRowStoreTest extends RowStoreContractTest {

    @Override
    StorageEngine newEngine(Path dataDir) {
        return StorageEngine.inMemory();
    }

    @Test
    void inMemoryEnginesHaveNoDirectory() {
        assertNull(engine.dataDirectory());
        assertFalse(engine.isPersistent());
        engine.open("x").flush();
    }
}
