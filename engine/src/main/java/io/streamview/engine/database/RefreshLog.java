package io.streamview.engine.database;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The refreshes of an open database, in memory and bounded: the last {@link #MAX_REFRESHES} refreshes, the last
 * {@link #MAX_SCAN_STATES} shard scans and {@link #MAX_SCAN_ERRORS} scan errors, and for each view the last refresh
 * and the last read of each shard. Gone when the database closes. Thread-safe.
 */
public final class RefreshLog {

  public static final int MAX_REFRESHES = 10_000;
  public static final int MAX_SCAN_STATES = 100_000;
  public static final int MAX_SCAN_ERRORS = 10_000;

  private final AtomicLong ids = new AtomicLong();
  private final Deque<RefreshRecord> refreshes = new ArrayDeque<>();
  private final Deque<StreamScanState> scanStates = new ArrayDeque<>();
  private final Deque<StreamScanError> scanErrors = new ArrayDeque<>();
  private final Map<String, RefreshRecord> lastRefresh = new HashMap<>();
  private final Map<String, RefreshRecord> lastSuccess = new HashMap<>();
  private final Map<String, Map<String, ShardRead>> lastReads = new HashMap<>();

  /** A new refresh id, higher than every earlier one. */
  public long nextRefreshId() {
    return ids.incrementAndGet();
  }

  /** Records a finished refresh, what it read from each shard and how far behind each shard's tip it was. */
  public synchronized void record(RefreshRecord refresh, List<StreamScanState> scans, List<ShardRead> reads) {
    append(refreshes, refresh, MAX_REFRESHES);
    for (StreamScanState s : scans) {
      append(scanStates, s, MAX_SCAN_STATES);
    }
    lastRefresh.put(refresh.storeName(), refresh);
    if (refresh.succeeded()) {
      lastSuccess.put(refresh.storeName(), refresh);
    }
    Map<String, ShardRead> shards = lastReads.computeIfAbsent(refresh.storeName(), k -> new LinkedHashMap<>());
    for (ShardRead r : reads) {
      shards.put(r.shardId(), r);
    }
  }

  /** Records a record that a refresh could not ingest. */
  public synchronized void recordScanError(StreamScanError error) {
    append(scanErrors, error, MAX_SCAN_ERRORS);
  }

  /** Forgets the last refresh and reads of a dropped view (its history rows stay). */
  public synchronized void forgetView(String storeName) {
    lastRefresh.remove(storeName);
    lastSuccess.remove(storeName);
    lastReads.remove(storeName);
  }

  /** The recorded refreshes, oldest first. */
  public synchronized List<RefreshRecord> refreshes() {
    return List.copyOf(refreshes);
  }

  /** The recorded shard scans, oldest first. */
  public synchronized List<StreamScanState> scanStates() {
    return List.copyOf(scanStates);
  }

  /** The recorded scan errors, oldest first. */
  public synchronized List<StreamScanError> scanErrors() {
    return List.copyOf(scanErrors);
  }

  /** The last refresh of the view whose row store is {@code storeName}, if one ran since the database opened. */
  public synchronized Optional<RefreshRecord> lastRefresh(String storeName) {
    return Optional.ofNullable(lastRefresh.get(storeName));
  }

  /** The last successful refresh of the view whose row store is {@code storeName}, since the database opened. */
  public synchronized Optional<RefreshRecord> lastSuccessfulRefresh(String storeName) {
    return Optional.ofNullable(lastSuccess.get(storeName));
  }

  /** The last read of each shard of the view whose row store is {@code storeName}, by shard id. */
  public synchronized Map<String, ShardRead> lastReads(String storeName) {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lastReads.getOrDefault(storeName, Map.of())));
  }

  private static <T> void append(Deque<T> deque, T item, int max) {
    deque.addLast(item);
    while (deque.size() > max) {
      deque.removeFirst();
    }
  }
}
