/**
 * The incremental refresh executor: reads a view's stream from its committed shard positions to parity, turns each
 * batch into rows through the view's {@link io.streamview.engine.refresh.ViewPipeline}, and commits rows, then
 * positions. May import the catalog, storage, database and source SPI packages; not Calcite or JDBC.
 */
package io.streamview.engine.refresh;
