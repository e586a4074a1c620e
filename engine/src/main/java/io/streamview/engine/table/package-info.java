/**
 * The query layer's tables: Calcite {@code Table}s and {@code Schema}s over the catalog, the row stores and the
 * stream batch in hand during a refresh. May import Calcite, the catalog, the storage package and the source SPI;
 * never {@code java.sql} or the driver.
 */
package io.streamview.engine.table;
