/**
 * The incremental refresh executor: reads a view's stream from its committed shard positions to parity, has the
 * view's {@link io.streamview.engine.refresh.ViewPipeline} store each batch (rows, or groups merged into), and
 * commits the batch's effect, then the shard's position. May import the catalog, storage, database and source SPI packages; not Calcite or JDBC.
 */
package io.streamview.engine.refresh;
