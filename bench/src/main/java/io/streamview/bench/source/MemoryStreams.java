package io.streamview.bench.source;

import io.streamview.engine.source.StreamRecord;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The streams the {@link MemoryStreamSource} serves, by name: each shard a list of records made once, before any
 * measurement, with Kinesis-length (56-digit) sequence numbers. Thread-safe.
 */
public final class MemoryStreams {

  private static final Map<String, List<List<StreamRecord>>> STREAMS = new ConcurrentHashMap<>();
  private static final BigInteger SEQUENCE_BASE = new BigInteger("49650000000000000000000000000000000000000000000000000000");

  private MemoryStreams() {
  }

  /** Registers {@code payloads} as stream {@code name}, dealt round-robin over {@code shards} shards. */
  public static void register(String name, List<byte[]> payloads, int shards) {
    List<List<StreamRecord>> byShard = new ArrayList<>();
    for (int s = 0; s < shards; s++) {
      byShard.add(new ArrayList<>(payloads.size() / shards + 1));
    }
    Instant arrival = Instant.parse("2026-11-26T00:00:00Z");
    for (int i = 0; i < payloads.size(); i++) {
      int shard = i % shards;
      List<StreamRecord> list = byShard.get(shard);
      list.add(new StreamRecord(shardId(shard), sequenceNumber(list.size()), 0, "pk-" + (i % 1000),
          arrival.plusMillis(i / 100), payloads.get(i)));
    }
    STREAMS.put(name, byShard);
  }

  /**
   * Registers stream {@code name} of {@code count} records whose payloads {@code payload} makes when they are read
   * (nothing is kept in the heap: for streams larger than the heap), dealt round-robin over {@code shards} shards.
   */
  public static void registerGenerated(String name, long count, int shards, java.util.function.LongFunction<byte[]> payload) {
    List<List<StreamRecord>> byShard = new ArrayList<>();
    Instant arrival = Instant.parse("2026-11-26T00:00:00Z");
    for (int s = 0; s < shards; s++) {
      int shard = s;
      int size = (int) (count / shards + (shard < count % shards ? 1 : 0));
      byShard.add(new java.util.AbstractList<>() {
        @Override public StreamRecord get(int index) {
          long i = (long) index * shards + shard;
          return new StreamRecord(shardId(shard), sequenceNumber(index), 0, "pk-" + (i % 1000),
              arrival.plusMillis(i / 100), payload.apply(i));
        }

        @Override public int size() {
          return size;
        }
      });
    }
    STREAMS.put(name, byShard);
  }

  public static void remove(String name) {
    STREAMS.remove(name);
  }

  static List<List<StreamRecord>> shards(String name) {
    return STREAMS.get(name);
  }

  private static final String SEQUENCE_BASE_TEXT = SEQUENCE_BASE.toString();
  private static final String[] SHARD_IDS = new String[64];

  static {
    for (int s = 0; s < SHARD_IDS.length; s++) {
      SHARD_IDS[s] = String.format("shardId-%012d", s);
    }
  }

  /**
   * {@code shardId-000000000007}; made once per shard (generated streams make a record per read, and
   * {@code String.format} per record was a large part of the generator's cost).
   */
  static String shardId(int shard) {
    return shard < SHARD_IDS.length ? SHARD_IDS[shard] : String.format("shardId-%012d", shard);
  }

  /** SEQUENCE_BASE + index as text: the base's last 52 digits are zeros, so the index's digits replace its tail. */
  static String sequenceNumber(int index) {
    String digits = Integer.toString(index);
    return SEQUENCE_BASE_TEXT.substring(0, SEQUENCE_BASE_TEXT.length() - digits.length()) + digits;
  }

  /** The index in its shard of the record with this sequence number. */
  static int indexOf(String sequenceNumber) {
    return new BigInteger(sequenceNumber).subtract(SEQUENCE_BASE).intValueExact();
  }
}
