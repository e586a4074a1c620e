package io.streamview.engine.storage;

import java.math.BigDecimal;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;

/** The rows the v1 storage fixtures hold. Never change them: the committed fixtures were written from them. */
final class StorageSamples {

    static final String STORE_NAME = "fixture_v1";

    private StorageSamples() {
    }

    static List<Map.Entry<byte[], Object[]>> rows() {
        return List.of(
                entry(RowKeys.ofLong(1), new Object[] {}),
                entry(RowKeys.ofLong(2), new Object[] {null}),
                entry(RowKeys.ofLong(3), new Object[] {true, false, (byte) -7, (short) 300, 70_000, 1L << 40}),
                entry(RowKeys.ofLong(-4), new Object[] {1.5f, -0.0d, Double.NaN, Float.NEGATIVE_INFINITY, Double.MAX_VALUE}),
                entry(RowKeys.ofLong(5), new Object[] {new BigDecimal("123.4500"), new BigDecimal("-1E+3"),
                    new BigDecimal("0.00000000000000000000000000000000000001"), new BigDecimal("99999999999999999999999999999999999999")}),
                entry(RowKeys.ofLong(6), new Object[] {"", "ascii", "ünïcødé", "日本語", "😀🚀", "lone \uD800 surrogate"}),
                entry(RowKeys.ofLong(7), new Object[] {new byte[0], new byte[] {0, 1, 2, (byte) 0xFF}}),
                entry(RowKeys.ofRecord("shardId-000000000000", "49590338271490256608559692538361571095921575989136588898", 0),
                        new Object[] {1_767_323_045_123L, "partition-1", "shardId-000000000000",
                            "49590338271490256608559692538361571095921575989136588898", 1_767_323_046_000L,
                            "{\"click\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8)}),
                entry(RowKeys.ofRecord("shardId-000000000001", "custom-seq", 3), new Object[] {null, null, "x"}),
                entry(RowKeys.ofValues("group-a", 42L), new Object[] {"group-a", 42L, 17L, new BigDecimal("3.50")}));
    }

    private static Map.Entry<byte[], Object[]> entry(byte[] key, Object[] row) {
        return new AbstractMap.SimpleImmutableEntry<>(key, row);
    }
}
