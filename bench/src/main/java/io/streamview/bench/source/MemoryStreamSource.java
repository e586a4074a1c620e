package io.streamview.bench.source;

import io.streamview.engine.source.BatchConsumer;
import io.streamview.engine.source.ReadRequest;
import io.streamview.engine.source.ReadSummary;
import io.streamview.engine.source.ShardBatch;
import io.streamview.engine.source.ShardCheckpoint;
import io.streamview.engine.source.StartPosition;
import io.streamview.engine.source.StreamRecord;
import io.streamview.engine.source.StreamSourceException;
import io.streamview.engine.source.StreamSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Serves {@link MemoryStreams} as Kinesis would: batches of at most {@value #BATCH} records (the GetRecords limit) per
 * shard, from the committed checkpoint to the end, shards read in parallel up to the request's parallelism.
 */
final class MemoryStreamSource implements StreamSource {

  static final int BATCH = 10_000;

  @Override
  public ReadSummary readToParity(ReadRequest request, BatchConsumer consumer) {
    List<List<StreamRecord>> shards = MemoryStreams.shards(request.streamName());
    if (shards == null) {
      throw new StreamSourceException(StreamSourceException.Reason.STREAM_NOT_FOUND, request.streamName(),
          "no in-memory stream " + request.streamName() + ": register it with MemoryStreams first", null);
    }
    int threads = Math.min(request.parallelism(), shards.size());
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "memory-source");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<ReadSummary.ShardProgress>> futures = new ArrayList<>();
      for (int s = 0; s < shards.size(); s++) {
        int shard = s;
        futures.add(pool.submit(() -> readShard(request, shard, shards.get(shard), consumer)));
      }
      List<ReadSummary.ShardProgress> progress = new ArrayList<>();
      for (Future<ReadSummary.ShardProgress> f : futures) {
        progress.add(f.get());
      }
      return new ReadSummary(progress);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StreamSourceException(StreamSourceException.Reason.OTHER, request.streamName(),
          "read of " + request.streamName() + " interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new StreamSourceException(StreamSourceException.Reason.OTHER, request.streamName(),
          "read of " + request.streamName() + " failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static ReadSummary.ShardProgress readShard(ReadRequest request, int shard, List<StreamRecord> records,
                                                     BatchConsumer consumer) {
    String shardId = MemoryStreams.shardId(shard);
    ShardCheckpoint cp = request.checkpoints().get(shardId);
    int from = cp == null || !(cp.next() instanceof StartPosition.AfterSequenceNumber a) ? 0
        : MemoryStreams.indexOf(a.sequenceNumber()) + 1;
    long count = 0;
    long bytes = 0;
    while (from < records.size() && !request.cancelled().getAsBoolean()) {
      int to = Math.min(records.size(), from + BATCH);
      List<StreamRecord> batch = records.subList(from, to);
      long batchBytes = 0;
      for (StreamRecord r : batch) {
        batchBytes += r.data().length;
      }
      consumer.accept(new ShardBatch(shardId, batch,
          new ShardCheckpoint(shardId, StartPosition.afterSequenceNumber(batch.get(batch.size() - 1).sequenceNumber()),
              false), 0, batchBytes));
      count += batch.size();
      bytes += batchBytes;
      from = to;
    }
    return new ReadSummary.ShardProgress(shardId, count, bytes, 0, true, false);
  }

  @Override
  public boolean streamExists(String streamName) {
    return MemoryStreams.shards(streamName) != null;
  }

  @Override
  public void close() {
  }
}
