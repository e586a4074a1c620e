/**
 * The StreamView catalog: immutable definitions (schemas, tables, views, materialized views), the
 * {@link io.streamview.catalog.CatalogStore} that persists them as {@code catalog.json}, and the
 * {@link io.streamview.catalog.PositionStore} of per-view shard positions. Depends on Jackson only;
 * it may not import the engine, Calcite, Chronicle or {@code java.sql}.
 */
package io.streamview.catalog;
