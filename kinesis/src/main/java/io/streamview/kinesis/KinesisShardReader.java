package io.streamview.kinesis;

import io.streamview.engine.source.BatchConsumer;
import io.streamview.engine.source.ReadSummary.ShardProgress;
import io.streamview.engine.source.ShardBatch;
import io.streamview.engine.source.ShardCheckpoint;
import io.streamview.engine.source.ShardGap;
import io.streamview.engine.source.StartPosition;
import io.streamview.engine.source.StreamRecord;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Reads one shard from its start position until it is at parity or ended, handing each GetRecords answer that has
 * records (and the one that ends the shard) to the consumer as a {@link ShardBatch}. One use, one thread.
 *
 * <p>States and valid transitions, after the KCL's shard consumer:
 * <pre>
 *   WAITING_ON_PARENT_SHARDS -- parents ended (held there by {@link KinesisParallelRead}) --&gt; INITIALIZING
 *   INITIALIZING  -- GetShardIterator (TRIM_HORIZON or AFTER_SEQUENCE_NUMBER) --&gt; PROCESSING
 *   PROCESSING    -- GetRecords with records: batch delivered, position moves --&gt; PROCESSING
 *   PROCESSING    -- GetRecords empty but behind the tip (or empty at the tip of a closed shard) --&gt; PROCESSING
 *   PROCESSING    -- ExpiredIteratorException --&gt; INITIALIZING (from the last delivered checkpoint)
 *   PROCESSING    -- GetRecords empty and millisBehindLatest == 0, shard open --&gt; AT_PARITY (terminal)
 *   PROCESSING    -- no next shard iterator: last batch delivered with ended=true --&gt; SHARD_END (terminal)
 *   INITIALIZING, PROCESSING -- cancelled or read aborted, checked between calls --&gt; CANCELLED (terminal)
 *   INITIALIZING, PROCESSING -- call failed after retries, or the consumer threw --&gt; FAILED (terminal, rethrown)
 * </pre>
 * A shard the listing shows closed (ending sequence number present, whatever its value) is not stopped at parity:
 * it is read until GetRecords returns no next iterator, so that its children can follow, unless it answers "empty at
 * the tip" {@link KinesisReadOptions#maxEmptyCallsOnClosedShard()} times in a row, which counts as parity.
 */
final class KinesisShardReader implements Callable<KinesisShardReader.Outcome> {

  /** Where the reader is; see the class comment for the transitions. */
  enum State {
    WAITING_ON_PARENT_SHARDS, INITIALIZING, PROCESSING, AT_PARITY, SHARD_END, CANCELLED, FAILED;

    boolean terminal() {
      return this == AT_PARITY || this == SHARD_END || this == CANCELLED || this == FAILED;
    }
  }

  /** What a finished read of a shard did. */
  record Outcome(String shardId, State state, ShardProgress progress, ShardGap gap) {
    boolean ended() {
      return state == State.SHARD_END;
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(KinesisShardReader.class);

  private final KinesisClient client;
  private final String stream;
  private final String shardId;
  private final boolean closedShard;
  private final BatchConsumer consumer;
  private final BooleanSupplier stop;
  private final KinesisRetryPolicy retry;
  private final KinesisErrors errors;
  private final KinesisReadOptions options;
  private final KinesisRetainedPositions retained;

  private volatile State state = State.WAITING_ON_PARENT_SHARDS;
  private StartPosition position;
  private String iterator;
  private long records;
  private long bytes;
  private long millisBehindLatest;
  private long lastCallNanos;
  private boolean called;
  private int emptyCallsAtTip;
  private int iteratorRenewals;
  private boolean trimHorizonChecked;
  private ShardGap gap;

  KinesisShardReader(KinesisClient client, String stream, Shard shard, StartPosition start, BatchConsumer consumer,
                     BooleanSupplier stop, KinesisRetryPolicy retry, KinesisErrors errors, KinesisReadOptions options,
                     KinesisRetainedPositions retained) {
    this.client = client;
    this.stream = stream;
    this.shardId = shard.shardId();
    this.closedShard = KinesisShardGraph.isClosed(shard);
    this.position = start;
    this.consumer = consumer;
    this.stop = stop;
    this.retry = retry;
    this.errors = errors;
    this.options = options;
    this.retained = retained;
  }

  State state() {
    return state;
  }

  String shardId() {
    return shardId;
  }

  /** Reads the shard; throws what the consumer threw, or a {@code StreamSourceException}. */
  @Override
  public Outcome call() {
    transition(State.INITIALIZING);
    try {
      while (!state.terminal()) {
        if (stop.getAsBoolean()) {
          transition(State.CANCELLED);
        } else if (state == State.INITIALIZING) {
          initialize();
        } else {
          processOnce();
        }
      }
    } catch (KinesisRetryPolicy.Stopped stopped) {
      transition(State.CANCELLED);
    } catch (RuntimeException | Error e) {
      transition(State.FAILED);
      throw e;
    }
    return new Outcome(shardId, state, new ShardProgress(shardId, records, bytes, millisBehindLatest,
        state == State.AT_PARITY, state == State.SHARD_END), gap);
  }

  private void initialize() {
    if (!trimHorizonChecked) {
      trimHorizonChecked = true;
      if (position instanceof StartPosition.AfterSequenceNumber after) {
        checkTrimHorizon(after.sequenceNumber(), false);
      }
    }
    GetShardIteratorRequest.Builder request = GetShardIteratorRequest.builder().streamName(stream).shardId(shardId);
    if (position instanceof StartPosition.AfterSequenceNumber after) {
      request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).startingSequenceNumber(after.sequenceNumber());
    } else {
      request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
    }
    GetShardIteratorRequest built = request.build();
    try {
      iterator = retry.call("GetShardIterator " + shardId, () -> client.getShardIterator(built).shardIterator(), stop);
    } catch (KinesisRetryPolicy.Stopped stopped) {
      throw stopped;
    } catch (ResourceNotFoundException | InvalidArgumentException e) {
      // kinesis-mock answers "Unable to find record with provided SequenceNumber" for a trimmed position: look the
      // trim horizon up (even if this source delivered that record: the stream may have been re-created) and go on
      // from there if the position is older; otherwise the error stands
      if (position instanceof StartPosition.AfterSequenceNumber after && gap == null) {
        checkTrimHorizon(after.sequenceNumber(), true);
        if (gap != null) {
          return; // INITIALIZING again, from TRIM_HORIZON
        }
      }
      throw errors.map(e, stream, "GetShardIterator " + shardId);
    } catch (RuntimeException e) {
      throw errors.map(e, stream, "GetShardIterator " + shardId);
    }
    LOG.debug("Shard {}/{} starts at {}", stream, shardId, position);
    transition(State.PROCESSING);
  }

  private void processOnce() {
    pace();
    String current = iterator;
    GetRecordsResponse response;
    try {
      response = retry.call("GetRecords " + shardId,
          () -> client.getRecords(b -> b.shardIterator(current).limit(options.recordsPerCall())), stop);
    } catch (ExpiredIteratorException expired) {
      if (++iteratorRenewals > options.maxIteratorRenewals()) {
        throw errors.map(expired, stream, "GetRecords " + shardId);
      }
      LOG.debug("Iterator of {}/{} expired; renewing from {}", stream, shardId, position);
      transition(State.INITIALIZING);
      return;
    } catch (KinesisRetryPolicy.Stopped stopped) {
      throw stopped;
    } catch (RuntimeException e) {
      throw errors.map(e, stream, "GetRecords " + shardId);
    }
    iteratorRenewals = 0; // renewals are counted in a row: a long read may renew any number of times
    List<StreamRecord> batch = new ArrayList<>(response.records().size());
    long batchBytes = 0;
    for (Record record : response.records()) {
      byte[] data = record.data() == null ? new byte[0] : record.data().asByteArrayUnsafe();
      for (StreamRecord user : KplRecords.userRecords(shardId, record.sequenceNumber(), record.partitionKey(),
          record.approximateArrivalTimestamp(), data)) {
        batch.add(user);
        batchBytes += user.data().length;
      }
    }
    if (!response.records().isEmpty()) {
      position = StartPosition.afterSequenceNumber(
          response.records().get(response.records().size() - 1).sequenceNumber());
    }
    Long behind = response.millisBehindLatest();
    millisBehindLatest = behind == null ? 0 : behind;
    String next = response.nextShardIterator();

    if (next == null) {
      deliver(batch, batchBytes, true);
      LOG.debug("Shard {}/{} ended{}", stream, shardId,
          response.hasChildShards() ? " (children " + response.childShards().size() + ")" : "");
      transition(State.SHARD_END);
      return;
    }
    if (!batch.isEmpty()) {
      deliver(batch, batchBytes, false);
      emptyCallsAtTip = 0;
    } else if (millisBehindLatest == 0) {
      if (!closedShard) {
        transition(State.AT_PARITY);
        return;
      }
      if (++emptyCallsAtTip >= options.maxEmptyCallsOnClosedShard()) {
        LOG.warn("Closed shard {}/{} answered empty at its tip {} times without ending; stopping at parity",
            stream, shardId, emptyCallsAtTip);
        transition(State.AT_PARITY);
        return;
      }
    }
    iterator = next;
  }

  /**
   * Expired data: compares the committed position with the oldest record still in the shard (GetShardIterator
   * TRIM_HORIZON, then GetRecords with limit 1 until a record or the tip). When the committed record is no longer
   * retained (the oldest retained sequence number is higher, or nothing is retained), records after it may have
   * expired unread: the gap is kept for the summary, logged, and the read continues from TRIM_HORIZON. When
   * nothing is retained, an empty batch commits TRIM_HORIZON so that the gap is reported once.
   */
  private void checkTrimHorizon(String after, boolean evenIfSeen) {
    BigInteger stored = KinesisSequenceNumbers.parse(after);
    if (stored == null) {
      return; // not a Kinesis sequence number: nothing to compare
    }
    if (!evenIfSeen && retained.certainlyRetained(stream, shardId, after, java.time.Instant.now())) {
      return; // delivered by this source less than a day ago: still retained
    }
    for (int attempt = 0; attempt <= options.maxIteratorRenewals(); attempt++) {
      try {
        Record oldest = oldestRetained();
        if (oldest != null) {
          BigInteger first = KinesisSequenceNumbers.parse(oldest.sequenceNumber());
          if (first == null || first.compareTo(stored) <= 0) {
            return; // the committed record is still retained: no gap
          }
          gap = new ShardGap(shardId, after, oldest.sequenceNumber(), oldest.approximateArrivalTimestamp(), true);
        } else {
          gap = new ShardGap(shardId, after, null, null, true);
        }
        LOG.warn("Kinesis stream '{}' shard {}: {} (stored position {}, oldest retained {}); records may be missing",
            stream, shardId, gap.reason(), after, gap.firstRetainedSequenceNumber());
        position = StartPosition.TRIM_HORIZON;
        if (oldest == null) {
          deliver(List.of(), 0, false);
        }
        return;
      } catch (ExpiredIteratorException expired) {
        LOG.debug("Iterator of {}/{} expired while looking for the trim horizon; again", stream, shardId);
      }
    }
  }

  /** The oldest record retained in the shard, or null when there is none. */
  private Record oldestRetained() {
    String iterator;
    try {
      iterator = retry.call("GetShardIterator TRIM_HORIZON " + shardId, () -> client.getShardIterator(b -> b
          .streamName(stream).shardId(shardId).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator(), stop);
    } catch (KinesisRetryPolicy.Stopped stopped) {
      throw stopped;
    } catch (RuntimeException e) {
      throw errors.map(e, stream, "GetShardIterator " + shardId);
    }
    for (int calls = 0; iterator != null && calls < options.maxEmptyCallsOnClosedShard(); calls++) {
      pace();
      String current = iterator;
      GetRecordsResponse response;
      try {
        response = retry.call("GetRecords " + shardId, () -> client.getRecords(b -> b.shardIterator(current).limit(1)),
            stop);
      } catch (ExpiredIteratorException | KinesisRetryPolicy.Stopped passOn) {
        throw passOn;
      } catch (RuntimeException e) {
        throw errors.map(e, stream, "GetRecords " + shardId);
      }
      if (!response.records().isEmpty()) {
        return response.records().get(0);
      }
      Long behind = response.millisBehindLatest();
      if (behind == null || behind == 0) {
        return null;
      }
      iterator = response.nextShardIterator();
    }
    return null;
  }

  /** Hands a batch to the consumer; what the consumer throws propagates untouched. */
  private void deliver(List<StreamRecord> batch, long batchBytes, boolean ended) {
    ShardBatch shardBatch = new ShardBatch(shardId, batch, new ShardCheckpoint(shardId, position, ended),
        millisBehindLatest, batchBytes);
    consumer.accept(shardBatch);
    if (!batch.isEmpty()) {
      StreamRecord last = batch.get(batch.size() - 1);
      retained.delivered(stream, shardId, last.sequenceNumber(), last.approximateArrivalTimestamp());
    }
    records += batch.size();
    bytes += batchBytes;
  }

  /** Keeps GetRecords calls on this shard at least {@code minMillisBetweenCalls} apart. */
  private void pace() {
    long now = System.nanoTime();
    if (called) {
      long waitMillis = options.minMillisBetweenCalls() - (now - lastCallNanos) / 1_000_000;
      while (waitMillis > 0) {
        if (stop.getAsBoolean()) {
          throw new KinesisRetryPolicy.Stopped();
        }
        try {
          Thread.sleep(Math.min(waitMillis, 50));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new KinesisRetryPolicy.Stopped();
        }
        waitMillis = options.minMillisBetweenCalls() - (System.nanoTime() - lastCallNanos) / 1_000_000;
      }
    }
    called = true;
    lastCallNanos = System.nanoTime();
  }

  private void transition(State next) {
    LOG.trace("Shard {}/{}: {} -> {}", stream, shardId, state, next);
    state = next;
  }
}
