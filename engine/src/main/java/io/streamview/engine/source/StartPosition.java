package io.streamview.engine.source;

import java.util.Objects;

/**
 * Where the read of one shard starts, typed as in the KCL: {@link #TRIM_HORIZON} for a shard never read,
 * {@link AfterSequenceNumber} for a shard read up to a committed record.
 */
public sealed interface StartPosition permits StartPosition.TrimHorizon, StartPosition.AfterSequenceNumber {

  /** The oldest record still retained in the shard. */
  StartPosition TRIM_HORIZON = new TrimHorizon();

  static StartPosition afterSequenceNumber(String sequenceNumber) {
    return new AfterSequenceNumber(sequenceNumber);
  }

  /** Start at the oldest retained record. */
  record TrimHorizon() implements StartPosition {
    @Override public String toString() { return "TRIM_HORIZON"; }
  }

  /** Start right after the record with this sequence number. */
  record AfterSequenceNumber(String sequenceNumber) implements StartPosition {
    public AfterSequenceNumber {
      Objects.requireNonNull(sequenceNumber, "sequenceNumber");
    }
    @Override public String toString() { return "AFTER_SEQUENCE_NUMBER " + sequenceNumber; }
  }
}
