package io.streamview.engine.database;

import io.streamview.engine.source.ShardBatch;
import io.streamview.engine.source.StreamRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the stream reads started by one thread stored, per shard: records, bytes, the last sequence number and the
 * earliest and latest arrival times. A refresh reads its stream on the thread that runs it, so opening a tally
 * around a refresh ({@link #open()} … {@link #close()}) collects exactly that refresh's batches, whatever shard
 * threads delivered them. Batches are counted after the consumer stored them. Thread-safe.
 */
public final class ScanTally implements AutoCloseable {

  private static final ThreadLocal<ScanTally> CURRENT = new ThreadLocal<>();

  private final Map<String, Shard> shards = new ConcurrentHashMap<>();
  private final List<SkippedRecord> skipped = new ArrayList<>();
  private final ScanTally outer;

  private ScanTally(ScanTally outer) {
    this.outer = outer;
  }

  /** Starts collecting the batches of the reads this thread starts, until {@link #close()}. */
  public static ScanTally open() {
    ScanTally tally = new ScanTally(CURRENT.get());
    CURRENT.set(tally);
    return tally;
  }

  /** The tally open on this thread, or {@code null}. */
  public static ScanTally current() {
    return CURRENT.get();
  }

  void add(ShardBatch batch) {
    shards.computeIfAbsent(batch.shardId(), k -> new Shard()).add(batch);
  }

  /**
   * Records a record that a refresh skipped (committed past without storing its row): it is counted in the shard's
   * {@link ShardScan#skippedRows()} and becomes a {@code SYS_STREAM_SCAN_ERRORS} row ({@link #scanErrors}).
   */
  public void skip(SkippedRecord record) {
    synchronized (skipped) {
      skipped.add(record);
    }
    shards.computeIfAbsent(record.shardId(), k -> new Shard()).skip();
  }

  /** The skipped records as {@code SYS_STREAM_SCAN_ERRORS} rows of refresh {@code refreshId} of a view. */
  public List<StreamScanError> scanErrors(long refreshId, String externalSchema, String stream, String view) {
    List<SkippedRecord> copy;
    synchronized (skipped) {
      copy = List.copyOf(skipped);
    }
    List<StreamScanError> out = new ArrayList<>(copy.size());
    for (SkippedRecord r : copy) {
      out.add(new StreamScanError(refreshId, externalSchema, stream, view, "A", r.arrival(), r.recordedAt(),
          r.shardId(), r.sequenceNumber(), r.errorCode(), r.reason()));
    }
    return out;
  }

  /**
   * A record a refresh skipped.
   *
   * @param arrival    when the record arrived in the stream, or {@code null}
   * @param recordedAt when it was skipped
   * @param errorCode  one of the codes in docs/crash-consistency.md ("Records that cannot be stored")
   */
  public record SkippedRecord(String shardId, String sequenceNumber, Instant arrival, Instant recordedAt,
                              int errorCode, String reason) {
  }

  /** What was stored from {@code shardId}, or {@code null} when no batch of it was. */
  public ShardScan shard(String shardId) {
    Shard s = shards.get(shardId);
    return s == null ? null : s.snapshot(shardId);
  }

  @Override public void close() {
    if (outer == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(outer);
    }
  }

  /**
   * One shard's tally.
   *
   * @param lastSequenceNumber the sequence number of the last record stored, or {@code null}
   * @param earliestArrival    the earliest arrival time among the records, or {@code null}
   * @param latestArrival      the latest arrival time among the records, or {@code null}
   */
  public record ShardScan(String shardId, long records, long bytes, String lastSequenceNumber,
                          Instant earliestArrival, Instant latestArrival, long skippedRows) {
  }

  private static final class Shard {
    private long records;
    private long bytes;
    private String lastSequenceNumber;
    private Instant earliest;
    private Instant latest;
    private long skipped;

    synchronized void skip() {
      skipped++;
    }

    synchronized void add(ShardBatch batch) {
      records += batch.records().size();
      bytes += batch.recordBytes();
      for (StreamRecord r : batch.records()) {
        lastSequenceNumber = r.sequenceNumber();
        Instant t = r.approximateArrivalTimestamp();
        if (t != null) {
          earliest = earliest == null || t.isBefore(earliest) ? t : earliest;
          latest = latest == null || t.isAfter(latest) ? t : latest;
        }
      }
    }

    synchronized ShardScan snapshot(String shardId) {
      return new ShardScan(shardId, records, bytes, lastSequenceNumber, earliest, latest, skipped);
    }
  }
}
