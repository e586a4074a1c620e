/**
 * The benchmark harness: one command runs every benchmark, StreamView beside its peers, and writes the table and
 * chart to bench/results/. Talks to StreamView only through JDBC (and its source SPI, in {@code source}).
 */
package io.streamview.bench;
