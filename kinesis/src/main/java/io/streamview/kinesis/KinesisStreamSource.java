package io.streamview.kinesis;

import io.streamview.engine.source.BatchConsumer;
import io.streamview.engine.source.ReadRequest;
import io.streamview.engine.source.ReadSummary;
import io.streamview.engine.source.ShardBatch;
import io.streamview.engine.source.ShardCheckpoint;
import io.streamview.engine.source.ShardGap;
import io.streamview.engine.source.StartPosition;
import io.streamview.engine.source.StreamSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * A Kinesis service (one external schema) as a {@link StreamSource}: {@link #readToParity} lists the stream's shards
 * (ListShards, every page), orders them parents-first ({@link KinesisShardGraph}) and reads them in parallel
 * ({@link KinesisParallelRead}, {@link KinesisShardReader}). Thread-safe; reads of different streams may run at once.
 */
public final class KinesisStreamSource implements StreamSource {

  private static final Logger LOG = LoggerFactory.getLogger(KinesisStreamSource.class);
  private static final BooleanSupplier NEVER = () -> false;

  private final KinesisConnection connection;
  private final KinesisClient client;
  private final KinesisRetryPolicy retry;
  private final KinesisReadOptions options;
  private final KinesisErrors errors;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final KinesisRetainedPositions retained = new KinesisRetainedPositions();

  KinesisStreamSource(KinesisConnection connection, KinesisRetryPolicy retry, KinesisReadOptions options) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.client = connection.client();
    this.retry = Objects.requireNonNull(retry, "retry");
    this.options = Objects.requireNonNull(options, "options");
    this.errors = new KinesisErrors(connection.target(), connection.secrets(), retry.maxAttempts());
  }

  @Override
  public ReadSummary readToParity(ReadRequest request, BatchConsumer consumer) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(consumer, "consumer");
    ensureOpen();
    long started = System.nanoTime();
    List<Shard> shards = listShards(request.streamName(), request.cancelled());
    List<ShardGap> vanished = endVanishedShards(request, shards, consumer);
    KinesisShardGraph graph = new KinesisShardGraph(shards, request.checkpoints());
    ReadSummary summary = new KinesisParallelRead(client, request, consumer, graph, retry, errors, options,
        retained).run();
    if (!vanished.isEmpty()) {
      List<ShardGap> gaps = new ArrayList<>(vanished);
      gaps.addAll(summary.gaps());
      summary = new ReadSummary(summary.shards(), gaps);
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug("Read {} records from {} shards of Kinesis stream '{}' at {} in {} ms ({} shards listed)",
          summary.records(), summary.shards().size(), request.streamName(), errors.target(),
          (System.nanoTime() - started) / 1_000_000, shards.size());
    }
    return summary;
  }

  @Override
  public boolean streamExists(String streamName) {
    Objects.requireNonNull(streamName, "streamName");
    ensureOpen();
    try {
      retry.call("DescribeStreamSummary " + streamName,
          () -> client.describeStreamSummary(b -> b.streamName(streamName)), NEVER);
      return true;
    } catch (ResourceNotFoundException notFound) {
      return false;
    } catch (RuntimeException e) {
      throw errors.map(e, streamName, "DescribeStreamSummary");
    }
  }

  /**
   * Expired data: a shard with a checkpoint that is not ended but no longer listed (trimmed away after its retention,
   * or the stream was re-created) was not read to its end, and what it still held is gone. Each is reported as a gap
   * and ended with an empty batch, so that it is reported once and never waited for.
   */
  private List<ShardGap> endVanishedShards(ReadRequest request, List<Shard> shards, BatchConsumer consumer) {
    if (shards.isEmpty() || request.cancelled().getAsBoolean()) {
      return List.of(); // an empty listing is a cancelled one: nothing to conclude
    }
    Set<String> listed = new HashSet<>();
    for (Shard shard : shards) {
      listed.add(shard.shardId());
    }
    List<ShardGap> gaps = new ArrayList<>();
    for (ShardCheckpoint checkpoint : new TreeMap<>(request.checkpoints()).values()) {
      if (checkpoint.ended() || listed.contains(checkpoint.shardId())) {
        continue;
      }
      String after = checkpoint.next() instanceof StartPosition.AfterSequenceNumber a ? a.sequenceNumber() : null;
      ShardGap gap = new ShardGap(checkpoint.shardId(), after, null, null, false);
      LOG.warn("Kinesis stream '{}' shard {}: {} (stored position {}); records may be missing",
          request.streamName(), checkpoint.shardId(), gap.reason(), checkpoint.next());
      consumer.accept(new ShardBatch(checkpoint.shardId(), List.of(),
          new ShardCheckpoint(checkpoint.shardId(), checkpoint.next(), true), 0, 0));
      gaps.add(gap);
    }
    return gaps;
  }

  /** Every shard of the stream, through ListShards and its NextToken pages. */
  List<Shard> listShards(String stream, BooleanSupplier stop) {
    List<Shard> shards = new ArrayList<>();
    String token = null;
    do {
      ListShardsRequest request = token == null
          ? ListShardsRequest.builder().streamName(stream).build()
          : ListShardsRequest.builder().nextToken(token).build();
      ListShardsResponse page;
      try {
        page = retry.call("ListShards " + stream, () -> client.listShards(request), stop);
      } catch (KinesisRetryPolicy.Stopped stopped) {
        return List.of(); // cancelled while listing: nothing to read
      } catch (RuntimeException e) {
        throw errors.map(e, stream, "ListShards");
      }
      shards.addAll(page.shards());
      token = page.nextToken();
    } while (token != null);
    return shards;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      connection.close();
    }
  }

  @Override
  public String toString() {
    return "KinesisStreamSource[" + errors.target() + "]";
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("KinesisStreamSource for " + errors.target() + " is closed");
    }
  }
}
