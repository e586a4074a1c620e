package io.streamview.engine.table;

import io.streamview.engine.storage.RowVisitor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Rows to remove by value, once per occurrence: Calcite hands DELETE copies of the scanned rows (one-column rows may
 * be bare values), so stored rows are matched by value, with byte arrays and decimals compared as values.
 */
final class RowsByValue {

  private final Map<List<Object>, Integer> wanted = new HashMap<>();

  RowsByValue(Collection<?> rows) {
    for (Object o : rows) {
      wanted.merge(key(o instanceof Object[] a ? a : new Object[] {o}), 1, Integer::sum);
    }
  }

  boolean isEmpty() {
    return wanted.isEmpty();
  }

  /** The keys of the stored rows that match, each wanted row claiming one stored row. */
  List<byte[]> matchingKeys(Consumer<RowVisitor> storedRows) {
    List<byte[]> keys = new ArrayList<>();
    storedRows.accept((key, row) -> {
      List<Object> k = key(row);
      Integer n = wanted.get(k);
      if (n != null) {
        keys.add(key);
        if (n == 1) {
          wanted.remove(k);
        } else {
          wanted.put(k, n - 1);
        }
      }
    });
    return keys;
  }

  private static List<Object> key(Object[] row) {
    return Arrays.asList(StoredValues.toStorageKey(row));
  }
}
