package io.streamview.engine.aggregate;

import io.streamview.engine.storage.RowCodec;
import io.streamview.engine.storage.RowStore;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the group-merger tests that compare two ways of merging share: a layout of one key and COUNT, COUNT, SUM,
 * MIN, MAX; a finalizer that stores the key and the states and keeps groups of more than one record; Kinesis-length
 * sequence numbers; and a store's contents as hex, for byte-for-byte comparison.
 */
final class MergerFixture {

  static final StateLayout LAYOUT = new StateLayout(6, 1,
      List.of(StateKind.COUNT, StateKind.COUNT, StateKind.SUM, StateKind.MIN, StateKind.MAX));

  static final GroupFinalizer FINALIZER = (layout, groups) -> groups.stream().map(g -> {
    Object[] v = new Object[6];
    v[0] = g.key()[0];
    System.arraycopy(g.states(), 0, v, 1, 5);
    return new GroupFinalizer.FinalRow(v, (Long) g.states()[0] > 1);
  }).toList();

  private MergerFixture() {
  }

  /** The {@code i}-th sequence number: 56 digits, as Kinesis's, increasing with {@code i}. */
  static String seq(long i) {
    return "4965" + String.format("%052d", 1_000_000L + i * 17L);
  }

  /** Every row of {@code store} as key hex → encoded row hex, sorted by key. */
  static Map<String, String> contents(RowStore store) {
    Map<String, String> out = new TreeMap<>();
    store.forEach((key, row) -> out.put(hex(key), hex(RowCodec.encode(row))));
    return out;
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
