package io.streamview.engine.database;

import java.time.Instant;

/**
 * A stream record a refresh could not ingest (a row of {@code SYS_STREAM_SCAN_ERRORS}).
 *
 * @param refreshId           the refresh
 * @param externalSchemaName  the external schema of the stream
 * @param streamName          the stream
 * @param viewName            the materialized view
 * @param streamTimestampType what {@code streamTimestamp} is: {@code A} for a Kinesis arrival time
 * @param streamTimestamp     when the record arrived in the stream
 * @param recordTime          when the error was recorded
 * @param shardId             the shard
 * @param position            the record's sequence number
 * @param errorCode           the error's code
 * @param errorReason         why the record was not ingested
 */
public record StreamScanError(long refreshId, String externalSchemaName, String streamName, String viewName,
                              String streamTimestampType, Instant streamTimestamp, Instant recordTime, String shardId,
                              String position, int errorCode, String errorReason) {
}
