/**
 * An in-memory stream source for the benchmarks: records made in the JVM are read through the engine's source SPI,
 * so REFRESH runs its whole pipeline with no network in the way. Imports the engine's source SPI and the Kinesis
 * source (to which every non-memory endpoint is handed); never JDBC.
 */
package io.streamview.bench.source;
