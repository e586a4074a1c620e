/**
 * An in-memory stream source for the benchmarks: records made in the JVM are read through the engine's source SPI,
 * so REFRESH runs its whole pipeline with no network in the way; given to the driver per connection as the
 * {@code streamSourceFactory} connection property. Imports the engine's source SPI; never JDBC.
 */
package io.streamview.bench.source;
