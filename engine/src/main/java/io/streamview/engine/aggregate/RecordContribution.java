package io.streamview.engine.aggregate;

/**
 * What one stream record brings to its group: the group key, the record's sequence number (which decides whether
 * the group has already seen it), and one input per state of the {@link StateLayout} (see
 * {@link StateKind#ofRecord}).
 */
public record RecordContribution(Object[] key, String sequenceNumber, Object[] inputs) {
}
