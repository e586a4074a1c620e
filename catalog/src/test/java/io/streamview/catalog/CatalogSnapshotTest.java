package io.streamview.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogSnapshotTest {

    private static TableDef table(String schema, String name) {
        return new TableDef(schema, name, List.of(new ColumnDef("id", "BIGINT", -1, -1, false)), List.of("id"),
                (schema + "." + name).toLowerCase());
    }

    @Test
    void emptyHasVersionZeroAndNothingInIt() {
        CatalogSnapshot empty = CatalogSnapshot.empty();
        assertEquals(CatalogSnapshot.CURRENT_FORMAT_VERSION, empty.formatVersion());
        assertEquals(0, empty.version());
        assertTrue(empty.externalSchemas().isEmpty());
        assertTrue(empty.tables().isEmpty());
        assertTrue(empty.views().isEmpty());
        assertTrue(empty.materializedViews().isEmpty());
    }

    @Test
    void everyChangeReturnsANewSnapshotOneVersionHigher() {
        CatalogSnapshot s0 = CatalogSnapshot.empty();
        CatalogSnapshot s1 = s0.withTable(table("Public", "Orders"));
        CatalogSnapshot s2 = s1.withExternalSchema(new ExternalSchemaDef("kds", "KINESIS", "default", null, Instant.EPOCH));
        CatalogSnapshot s3 = s2.withoutTable("PUBLIC.ORDERS");
        assertEquals(List.of(0L, 1L, 2L, 3L), List.of(s0.version(), s1.version(), s2.version(), s3.version()));
        assertTrue(s0.tables().isEmpty(), "the original is untouched");
        assertNotNull(s1.tables().get("public.orders"), "tables are keyed by lower-case schema.name");
        assertNotNull(s2.externalSchemas().get("kds"));
        assertNull(s3.tables().get("public.orders"));
        assertEquals(1, s3.externalSchemas().size());
    }

    @Test
    void removingSomethingAbsentStillBumpsTheVersion() {
        assertEquals(1, CatalogSnapshot.empty().withoutView("public.nope").version());
    }

    @Test
    void mapsAreUnmodifiableAndKeepInsertionOrder() {
        CatalogSnapshot s = CatalogSnapshot.empty();
        List<String> names = List.of("zeta", "alpha", "mu", "beta", "omega");
        for (String name : names) {
            s = s.withTable(table("s", name));
        }
        s = s.withTable(table("s", "alpha")); // replacing keeps the original position
        assertEquals(names.stream().map(n -> "s." + n).toList(), new ArrayList<>(s.tables().keySet()));
        CatalogSnapshot finalS = s;
        assertThrows(UnsupportedOperationException.class, () -> finalS.tables().clear());
        assertThrows(UnsupportedOperationException.class, () -> finalS.views().put("x", null));
    }

    @Test
    void viewsAndMaterializedViewsAreKeyedLikeTables() {
        CatalogSnapshot s = SampleCatalog.snapshot();
        assertNotNull(s.views().get("public.big_orders"));
        assertNotNull(s.materializedViews().get("analytics.click_counts"));
        assertEquals(6, s.materializedViews().get("public.clicks").columns().size());
        CatalogSnapshot removed = s.withoutMaterializedView("Public.Clicks").withoutView("public.BIG_ORDERS");
        assertNull(removed.materializedViews().get("public.clicks"));
        assertTrue(removed.views().isEmpty());
        assertEquals(s.version() + 2, removed.version());
    }

    @Test
    void listsAreCopiedAndNullListsBecomeEmpty() {
        List<ColumnDef> columns = new ArrayList<>(List.of(new ColumnDef("a", "INTEGER", -1, -1, true)));
        TableDef t = new TableDef("s", "t", columns, null, "s.t");
        columns.clear();
        assertEquals(1, t.columns().size());
        assertEquals(List.of(), t.primaryKey());
        MaterializedViewDef mv = new MaterializedViewDef("s", "m", "SELECT 1", null, "k", "st", false, false, null,
                null, null, "s.m", Instant.EPOCH);
        assertEquals(List.of(), mv.distKey());
        assertEquals(List.of(), mv.sortKey());
        assertThrows(UnsupportedOperationException.class, () -> t.columns().add(null));
    }
}
