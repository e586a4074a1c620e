package io.streamview.catalog;

import java.util.List;

/** The JSON shape of {@code positions/<view>.json}, format version 1 (see docs/catalog-format.md). */
record PositionsDocument(int formatVersion, String materializedView, List<ShardPositionDef> shards) {
}
