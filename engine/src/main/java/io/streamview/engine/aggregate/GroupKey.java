package io.streamview.engine.aggregate;

import java.util.Arrays;

/**
 * A group's storage key ({@link GroupKeys#of}) as a hash-map key: compared by content, its hash computed once (a
 * {@code ByteBuffer} wrapper hashes its bytes on every lookup). The hash multiplies by a large odd constant after
 * each byte: {@code Arrays.hashCode}'s factor 31 gave the keys of 10,000 consecutive integers (a type tag and a few
 * bytes) only 1,434 distinct hashes, so the merger's hash maps degenerated into trees of colliding keys.
 */
final class GroupKey {

  private final byte[] bytes;
  private final int hash;

  GroupKey(byte[] bytes) {
    this.bytes = bytes;
    this.hash = hash(bytes);
  }

  static int hash(byte[] bytes) {
    long h = bytes.length;
    for (byte b : bytes) {
      h = (h + (b & 0xff)) * 0x9E3779B97F4A7C15L;
    }
    return (int) (h ^ (h >>> 32));
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
