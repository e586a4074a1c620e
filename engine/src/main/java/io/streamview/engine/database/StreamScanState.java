package io.streamview.engine.database;

import java.time.Instant;

/**
 * What one refresh read from one shard (a row of {@code SYS_STREAM_SCAN_STATES}).
 *
 * @param refreshId           the refresh
 * @param externalSchemaName  the external schema of the stream
 * @param streamName          the stream
 * @param viewName            the materialized view
 * @param recordTime          when the refresh ended
 * @param shardId             the shard
 * @param latestPosition      sequence number of the last record read from the shard (by this or, when this refresh
 *                            read nothing, an earlier refresh); {@code null} when none ever was
 * @param scannedRows         records read
 * @param skippedRows         records skipped because they could not be stored (a record a view's filter rejects counts as scanned, not skipped)
 * @param scannedBytes        payload bytes read
 * @param streamRecordTimeMin arrival time of the earliest record read, or {@code null}
 * @param streamRecordTimeMax arrival time of the latest record read, or {@code null}
 */
public record StreamScanState(long refreshId, String externalSchemaName, String streamName, String viewName,
                              Instant recordTime, String shardId, String latestPosition, long scannedRows,
                              long skippedRows, long scannedBytes, Instant streamRecordTimeMin,
                              Instant streamRecordTimeMax) {
}
