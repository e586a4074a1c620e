/**
 * Incremental aggregation for streaming materialized views: the state stored per group (key, partial aggregates, and
 * per shard the last sequence number applied), the exactly-once merge of a batch's records into it, and the stored
 * row layout. May import the JDK and the storage package only; never Calcite, {@code java.sql} or the driver.
 */
package io.streamview.engine.aggregate;
