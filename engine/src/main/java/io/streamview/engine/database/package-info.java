/**
 * An open database: its catalog, positions, row stores, directory lock and stream sources, the atomic commit of refresh
 * batches ({@link io.streamview.engine.database.BatchCommits}) and its recovery at open, the in-memory log of its
 * refreshes ({@link io.streamview.engine.database.RefreshLog}), the threads that refresh its AUTO REFRESH YES views
 * ({@code AutoRefresher}), and the registry that lets the connections of one JVM share it. May import the catalog,
 * storage and source SPI; not Calcite or JDBC.
 */
package io.streamview.engine.database;
