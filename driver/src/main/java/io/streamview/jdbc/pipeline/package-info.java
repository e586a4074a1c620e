/**
 * Streaming materialized views' queries: which stream a query reads and whether it can be maintained incrementally,
 * the rewriting of Redshift's preview column names, and the Calcite-compiled pipelines a refresh applies to each
 * batch (projection and filter; aggregation, merged through {@code io.streamview.engine.aggregate}), kept compiled
 * per database from one refresh to the next ({@code ViewPipelineCache}). May import
 * Calcite, the engine and java.sql (it drives an internal connection); not the boundary.
 */
package io.streamview.jdbc.pipeline;
