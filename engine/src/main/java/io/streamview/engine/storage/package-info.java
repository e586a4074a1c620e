/**
 * Row storage: one key/value {@link io.streamview.engine.storage.RowStore} per table or materialized view,
 * in an off-heap Chronicle Map (in memory or in a file), plus the row codec, the commit journal, the database lock and
 * the JVM-flag check.
 * May import only the JDK and Chronicle Map (Chronicle only in {@code ChronicleRowStore}); never Calcite or {@code java.sql}.
 */
package io.streamview.engine.storage;
