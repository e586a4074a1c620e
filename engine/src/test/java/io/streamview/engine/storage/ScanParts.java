package io.streamview.engine.storage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads a store's scan to its end for tests: the rows of each part, and every key (asserted to come once). */
final class ScanParts {

    final List<Integer> parts = new ArrayList<>();
    final Set<Long> keys = new HashSet<>();

    static ScanParts read(RowStore store) {
        ScanParts read = new ScanParts();
        try (EncodedRowCursor cursor = store.openScan(true)) {
            int[] n = {0};
            while (cursor.nextPart((key, row) -> {
                assertTrue(read.keys.add(RowKeys.toLong(key)), "each row once");
                n[0]++;
                return true;
            })) {
                read.parts.add(n[0]);
                n[0] = 0;
            }
        }
        return read;
    }
}
