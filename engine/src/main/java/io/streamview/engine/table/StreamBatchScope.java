package io.streamview.engine.table;

import io.streamview.engine.source.StreamRecord;

import java.time.Instant;
import java.util.List;

/**
 * The batch of stream records that a refresh is evaluating on the current thread. A {@link StreamTable} scan
 * reads it; outside a refresh there is none and the scan refuses. Use with try-with-resources.
 */
public final class StreamBatchScope implements AutoCloseable {

  private static final ThreadLocal<StreamBatchScope> CURRENT = new ThreadLocal<>();

  private final String streamName;
  private final List<StreamRecord> records;
  private final Instant refreshTime;

  private StreamBatchScope(String streamName, List<StreamRecord> records, Instant refreshTime) {
    this.streamName = streamName;
    this.records = records;
    this.refreshTime = refreshTime;
  }

  /** Makes {@code records} the content of stream {@code streamName} on this thread until closed. */
  public static StreamBatchScope open(String streamName, List<StreamRecord> records, Instant refreshTime) {
    StreamBatchScope scope = new StreamBatchScope(streamName, records, refreshTime);
    CURRENT.set(scope);
    return scope;
  }

  /** Whether the current thread is evaluating a refresh's batch (functions then turn bad input into NULL). */
  public static boolean isActive() {
    return CURRENT.get() != null;
  }

  static StreamBatchScope current() {
    return CURRENT.get();
  }

  String streamName() {
    return streamName;
  }

  List<StreamRecord> records() {
    return records;
  }

  Instant refreshTime() {
    return refreshTime;
  }

  @Override public void close() {
    CURRENT.remove();
  }
}
