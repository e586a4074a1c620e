package io.streamview.kinesis;

import java.math.BigInteger;

/** Kinesis sequence numbers: decimal strings of up to 128 digits, ordered as integers within a shard. */
final class KinesisSequenceNumbers {

  private static final int MAX_DIGITS = 128;

  private KinesisSequenceNumbers() {
  }

  /** The number, or null when the text is not a decimal sequence number. */
  static BigInteger parse(String sequenceNumber) {
    if (sequenceNumber == null || sequenceNumber.isEmpty() || sequenceNumber.length() > MAX_DIGITS) {
      return null;
    }
    for (int i = 0; i < sequenceNumber.length(); i++) {
      char c = sequenceNumber.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    return new BigInteger(sequenceNumber);
  }
}
