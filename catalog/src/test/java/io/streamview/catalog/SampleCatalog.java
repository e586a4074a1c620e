package io.streamview.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A catalog with one of everything, every optional field exercised: the v1 fixture holds exactly {@link #snapshot()},
 * the v2 fixture {@link #snapshotV2()} (a recomputed materialized view besides).
 */
final class SampleCatalog {

    private SampleCatalog() {
    }

    static CatalogSnapshot snapshot() {
        ColumnDef arrival = new ColumnDef("approximate_arrival_timestamp", "TIMESTAMP", -1, -1, false);
        ColumnDef partitionKey = new ColumnDef("partition_key", "VARCHAR", 256, -1, true);
        ColumnDef shardId = new ColumnDef("shard_id", "CHAR", 20, -1, false);
        ColumnDef sequence = new ColumnDef("sequence_number", "VARCHAR", 128, -1, false);
        ColumnDef refresh = new ColumnDef("refresh_time", "TIMESTAMP", -1, -1, false);
        ColumnDef data = new ColumnDef("kinesis_data", "VARBYTE", 1048576, -1, true);
        return CatalogSnapshot.empty()
                .withExternalSchema(new ExternalSchemaDef("kds", "KINESIS", "default", null,
                        Instant.parse("2026-01-02T03:04:05.123456789Z")))
                .withExternalSchema(new ExternalSchemaDef("kds_chain", "KINESIS",
                        "arn:aws:iam::123456789012:role/a,arn:aws:iam::210987654321:role/b", "eu-west-1",
                        Instant.parse("2026-01-02T03:04:06Z")))
                .withTable(new TableDef("public", "Orders", List.of(
                        new ColumnDef("id", "BIGINT", -1, -1, false),
                        new ColumnDef("amount", "DECIMAL", 18, 2, true),
                        new ColumnDef("note", "VARCHAR", 65535, -1, true),
                        new ColumnDef("ratio", "DOUBLE PRECISION", -1, -1, true),
                        new ColumnDef("at", "TIMESTAMPTZ", -1, -1, true),
                        new ColumnDef("doc", "SUPER", -1, -1, true)),
                        List.of("id"), "public.orders"))
                .withTable(new TableDef("public", "log", List.of(new ColumnDef("line", "VARCHAR", 256, -1, true)),
                        List.of(), "public.log"))
                .withView(new ViewDef("public", "big_orders",
                        "SELECT id, amount FROM public.orders WHERE amount > 100 -- ünïcødé ✓", List.of(
                        new ColumnDef("id", "BIGINT", -1, -1, false),
                        new ColumnDef("amount", "DECIMAL", 18, 2, true))))
                .withMaterializedView(new MaterializedViewDef("public", "clicks",
                        "SELECT approximate_arrival_timestamp, partition_key, shard_id, sequence_number, "
                                + "refresh_time, kinesis_data FROM kds.\"clicks-stream\"",
                        List.of(arrival, partitionKey, shardId, sequence, refresh, data),
                        "kds", "clicks-stream", true, false, "KEY", List.of("partition_key"),
                        List.of("approximate_arrival_timestamp", "shard_id"), "public.clicks",
                        Instant.parse("2026-01-02T03:05:00.5Z")))
                .withMaterializedView(new MaterializedViewDef("analytics", "click_counts",
                        "SELECT partition_key, COUNT(*) AS n FROM kds.clicks GROUP BY partition_key",
                        List.of(partitionKey, new ColumnDef("n", "BIGINT", -1, -1, false)),
                        "kds", "clicks", false, true, null, List.of(), List.of(), "analytics.click_counts",
                        Instant.parse("2026-01-02T03:06:00Z")));
    }

    static CatalogSnapshot snapshotV2() {
        return snapshot().withMaterializedView(new MaterializedViewDef("public", "order_clicks",
                "SELECT o.id, COUNT(*) AS clicks FROM public.orders AS o JOIN public.clicks AS c "
                        + "ON c.partition_key = CAST(o.id AS VARCHAR) GROUP BY o.id",
                List.of(new ColumnDef("id", "BIGINT", -1, -1, false), new ColumnDef("clicks", "BIGINT", -1, -1, false)),
                null, null, false, true, null, List.of(), List.of(), "mv-order_clicks-1",
                Instant.parse("2026-11-26T06:30:00Z"), List.of("public.orders", "public.clicks")));
    }
}
