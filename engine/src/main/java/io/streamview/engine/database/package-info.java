/**
 * An open database: its catalog, positions, row stores, directory lock and stream sources, and the registry that
 * lets the connections of one JVM share it. May import the catalog, storage and source SPI; not Calcite or JDBC.
 */
package io.streamview.engine.database;
