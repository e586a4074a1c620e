package io.streamview.kinesis;

import io.streamview.engine.source.BatchConsumer;
import io.streamview.engine.source.ReadRequest;
import io.streamview.engine.source.ReadSummary;
import io.streamview.engine.source.ReadSummary.ShardProgress;
import io.streamview.engine.source.ShardGap;
import io.streamview.engine.source.StreamSourceException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * One {@code readToParity}: runs a {@link KinesisShardReader} per shard of the {@link KinesisShardGraph} on a pool of
 * at most {@code request.parallelism()} threads, starting a child only once its parents ended during this read. The
 * first failure (a consumer exception or a {@code StreamSourceException}) aborts the others — which stop between
 * calls, never interrupted in the middle of a consumer call — and is rethrown as it was thrown, once every reader has
 * stopped. Cancellation stops readers between calls and starts no new shard; the read then returns normally.
 */
final class KinesisParallelRead {

  private static final Logger LOG = LoggerFactory.getLogger(KinesisParallelRead.class);
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final KinesisClient client;
  private final ReadRequest request;
  private final BatchConsumer consumer;
  private final KinesisShardGraph graph;
  private final KinesisRetryPolicy retry;
  private final KinesisErrors errors;
  private final KinesisReadOptions options;
  private final KinesisRetainedPositions retained;
  private volatile boolean aborted;

  KinesisParallelRead(KinesisClient client, ReadRequest request, BatchConsumer consumer, KinesisShardGraph graph,
                      KinesisRetryPolicy retry, KinesisErrors errors, KinesisReadOptions options,
                      KinesisRetainedPositions retained) {
    this.client = client;
    this.request = request;
    this.consumer = consumer;
    this.graph = graph;
    this.retry = retry;
    this.errors = errors;
    this.options = options;
    this.retained = retained;
  }

  ReadSummary run() {
    List<Shard> toRead = graph.shardsToRead();
    if (toRead.isEmpty()) {
      return new ReadSummary(List.of());
    }
    BooleanSupplier stop = () -> aborted || request.cancelled().getAsBoolean();
    int threads = Math.min(request.parallelism(), toRead.size());
    ExecutorService pool = Executors.newFixedThreadPool(threads, threadFactory(request.streamName()));
    CompletionService<KinesisShardReader.Outcome> completion = new ExecutorCompletionService<>(pool);
    Map<String, ShardProgress> progress = new LinkedHashMap<>();
    List<ShardGap> gaps = new ArrayList<>();
    Set<String> started = new HashSet<>();
    Set<String> endedNow = new HashSet<>();
    Throwable failure = null;
    boolean interrupted = false;
    int running = 0;
    try {
      running += startReady(completion, stop, started, endedNow);
      while (running > 0) {
        Future<KinesisShardReader.Outcome> done;
        try {
          done = completion.take();
        } catch (InterruptedException e) {
          interrupted = true; // stop the readers, wait for them, then report
          aborted = true;
          if (failure == null) {
            failure = new StreamSourceException(StreamSourceException.Reason.OTHER, request.streamName(),
                "Read of Kinesis stream '" + request.streamName() + "' interrupted", e);
          }
          continue;
        }
        running--;
        try {
          KinesisShardReader.Outcome outcome = done.get();
          progress.put(outcome.shardId(), outcome.progress());
          if (outcome.gap() != null) {
            gaps.add(outcome.gap());
          }
          if (outcome.ended()) {
            endedNow.add(outcome.shardId());
          }
        } catch (ExecutionException e) {
          aborted = true;
          Throwable cause = e.getCause() == null ? e : e.getCause();
          if (failure == null) {
            failure = cause;
          } else if (failure != cause) {
            failure.addSuppressed(cause);
          }
        } catch (InterruptedException e) {
          interrupted = true; // cannot happen: the future is done
        }
        if (!stop.getAsBoolean()) {
          running += startReady(completion, stop, started, endedNow);
        }
      }
    } finally {
      pool.shutdown();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (failure != null) {
      throw rethrowable(failure);
    }
    logWaiting(toRead, started, endedNow);
    List<ShardProgress> ordered = new ArrayList<>();
    for (Shard shard : toRead) {
      ShardProgress p = progress.get(shard.shardId());
      if (p != null) {
        ordered.add(p);
      }
    }
    return new ReadSummary(ordered, gaps);
  }

  private int startReady(CompletionService<KinesisShardReader.Outcome> completion, BooleanSupplier stop,
                         Set<String> started, Set<String> endedNow) {
    int count = 0;
    for (Shard shard : graph.readyShards(endedNow, started)) {
      started.add(shard.shardId());
      KinesisShardReader reader = new KinesisShardReader(client, request.streamName(), shard,
          graph.startOf(shard.shardId()), consumer, stop, retry, errors, options, retained);
      completion.submit(() -> {
        try {
          return reader.call();
        } catch (RuntimeException | Error e) {
          aborted = true; // at once, so that the other readers stop at their next check
          throw e;
        }
      });
      count++;
    }
    return count;
  }

  private void logWaiting(List<Shard> toRead, Set<String> started, Set<String> endedNow) {
    if (!LOG.isDebugEnabled()) {
      return;
    }
    for (Shard shard : toRead) {
      if (!started.contains(shard.shardId())) {
        LOG.debug("Shard {}/{} not read: waits for parents {} to end", request.streamName(), shard.shardId(),
            graph.blockingParents(shard.shardId(), endedNow));
      }
    }
  }

  private static RuntimeException rethrowable(Throwable failure) {
    if (failure instanceof RuntimeException runtime) {
      return runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    return new StreamSourceException(StreamSourceException.Reason.OTHER, null, "Kinesis read failed: " + failure,
        failure);
  }

  private static ThreadFactory threadFactory(String stream) {
    int pool = POOLS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "streamview-kinesis-" + pool + "-" + stream + "-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
