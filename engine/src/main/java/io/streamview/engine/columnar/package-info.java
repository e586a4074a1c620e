/**
 * Query operators that run on a view's column snapshot ({@link io.streamview.engine.storage.ColumnSnapshot}) instead
 * of on rows: grouped COUNT and SUM ({@code SnapshotAggregation}) and ORDER BY … LIMIT ({@code SnapshotTopN}), each over
 * a selection of row numbers the caller's filters chose. May import only the JDK and the storage package; never
 * Calcite or {@code java.sql}.
 */
package io.streamview.engine.columnar;
