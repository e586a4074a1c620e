/**
 * The Kinesis implementation of the engine's stream-source SPI: lists shards, reads them parents-first and in parallel
 * from their checkpoints to parity with GetRecords, retries, and maps AWS errors to {@code StreamSourceException}.
 * May import the engine's source SPI ({@code io.streamview.engine.source}), the AWS SDK, protobuf-java (KPL de-aggregation) and SLF4J only — never
 * Calcite, JDBC ({@code java.sql}), Chronicle or other engine packages.
 */
package io.streamview.kinesis;
