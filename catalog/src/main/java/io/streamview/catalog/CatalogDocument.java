package io.streamview.catalog;

import java.util.List;

/** The JSON shape of {@code catalog.json}, format version 1 (see docs/catalog-format.md). */
record CatalogDocument(int formatVersion, long version,
                       List<ExternalSchemaDef> externalSchemas,
                       List<TableDef> tables,
                       List<ViewDef> views,
                       List<MaterializedViewDef> materializedViews) {
}
