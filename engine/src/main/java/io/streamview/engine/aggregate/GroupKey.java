package io.streamview.engine.aggregate;

import java.util.Arrays;

/**
 * A group's storage key ({@link GroupKeys#of}) as a hash-map key: compared by content, its hash computed once (a
 * {@code ByteBuffer} wrapper hashes its bytes on every lookup).
 */
final class GroupKey {

  private final byte[] bytes;
  private final int hash;

  GroupKey(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  /** The encoded key; do not modify. */
  byte[] bytes() {
    return bytes;
  }

  @Override public boolean equals(Object o) {
    return o instanceof GroupKey k && k.hash == hash && Arrays.equals(k.bytes, bytes);
  }

  @Override public int hashCode() {
    return hash;
  }
}
