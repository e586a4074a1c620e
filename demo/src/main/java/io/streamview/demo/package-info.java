/**
 * A runnable demo of StreamView: {@link io.streamview.demo.Demo} starts a local Kinesis endpoint through the test
 * harness ({@link io.streamview.testharness.KinesisEndpoints}), writes a small clickstream
 * ({@link io.streamview.demo.Clickstream}) and runs the Redshift streaming-ingestion documentation example through
 * {@code java.sql.DriverManager} and the {@code jdbc:streamview:} driver, printing the rows
 * ({@link io.streamview.demo.TextTable}).
 * Uses only the driver's public JDBC surface (no StreamView classes but the harness), like an application would.
 */
package io.streamview.demo;
