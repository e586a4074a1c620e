/**
 * Row storage: one key/value {@link io.streamview.engine.storage.RowStore} per table or materialized view,
 * in an off-heap Chronicle Map (in memory or in a file), plus the row codec, the commit journal, the database lock,
 * the JVM-flag check and the on-heap column snapshots of scanned stores ({@code Column*}).
 * May import only the JDK and Chronicle Map (Chronicle only in {@code ChronicleRowStore}); never Calcite or {@code java.sql}.
 */
package io.streamview.engine.storage;
