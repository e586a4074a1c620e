/**
 * The query plan cache of a connection (H2's {@code QUERY_CACHE_SIZE}): Calcite signatures of queries kept by SQL
 * text and reused while the catalog version they were planned against is current. May import Calcite's prepare
 * API, the engine's {@code Database} (for the catalog version), the superpath package's prepare and settings, and
 * the driver's error package; not the boundary, DDL, pipeline or storage packages.
 */
package io.streamview.jdbc.plancache;
