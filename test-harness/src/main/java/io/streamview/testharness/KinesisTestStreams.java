package io.streamview.testharness;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * A producer helper bound to a {@link KinesisEndpoint}: creates streams with unique names, writes records (retrying
 * until every one is acknowledged), reshards and lists shards. Every wait is bounded. Thread-safe.
 */
public final class KinesisTestStreams {

  private static final Logger LOG = LoggerFactory.getLogger(KinesisTestStreams.class);
  private static final Pattern PREFIX = Pattern.compile("[a-zA-Z0-9_.-]{1,100}");
  private static final int MAX_RECORDS_PER_PUT = 500;
  private static final long MAX_BYTES_PER_PUT = 4L * 1024 * 1024; // below the 5 MiB request limit
  private static final int MAX_ATTEMPTS = 30;
  private static final Duration WAIT_LIMIT = Duration.ofSeconds(120);

  private final KinesisEndpoint endpoint;
  private final KinesisClient client;
  private final Set<String> created = new LinkedHashSet<>();

  public KinesisTestStreams(KinesisEndpoint endpoint) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.client = endpoint.client();
  }

  /** The endpoint written to. */
  public KinesisEndpoint endpoint() {
    return endpoint;
  }

  /**
   * Creates a provisioned stream named {@code prefix-<random>} with {@code shards} shards, waits until it is ACTIVE
   * and returns its name. The stream is deleted when the test scope that got this helper ends.
   */
  public String create(String prefix, int shards) {
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("Stream name prefix must match " + PREFIX + ": " + prefix);
    }
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be at least 1: " + shards);
    }
    String name = prefix + "-" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    retrying("CreateStream " + name, () -> client.createStream(b -> b.streamName(name).shardCount(shards)));
    synchronized (created) {
      created.add(name);
    }
    awaitActive(name, () -> true);
    LOG.debug("Created stream {} with {} shards", name, shards);
    return name;
  }

  /**
   * Writes the payloads with random partition keys by PutRecords in chunks of at most 500 records, retrying the
   * entries that failed, and returns when every record is acknowledged.
   */
  public void putRecords(String stream, List<byte[]> payloads) {
    List<PutRecordsRequestEntry> chunk = new ArrayList<>();
    long chunkBytes = 0;
    for (byte[] payload : payloads) {
      String key = Long.toHexString(ThreadLocalRandom.current().nextLong());
      PutRecordsRequestEntry entry = PutRecordsRequestEntry.builder()
          .partitionKey(key).data(SdkBytes.fromByteArray(payload)).build();
      long size = payload.length + key.length();
      if (!chunk.isEmpty() && (chunk.size() == MAX_RECORDS_PER_PUT || chunkBytes + size > MAX_BYTES_PER_PUT)) {
        putAll(stream, chunk);
        chunk = new ArrayList<>();
        chunkBytes = 0;
      }
      chunk.add(entry);
      chunkBytes += size;
    }
    if (!chunk.isEmpty()) {
      putAll(stream, chunk);
    }
  }

  /** Writes each text (JSON, CSV, anything) as one UTF-8 record, as {@link #putRecords} does. */
  public void putStrings(String stream, String... texts) {
    List<byte[]> payloads = new ArrayList<>();
    for (String t : texts) {
      payloads.add(t.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    putRecords(stream, payloads);
  }

  /** Writes one record by PutRecord (retried when throttled) and returns the service's answer. */
  public PutRecordResponse put(String stream, String partitionKey, byte[] data) {
    return retrying("PutRecord " + stream, false, () -> client.putRecord(b -> b.streamName(stream)
        .partitionKey(partitionKey).data(SdkBytes.fromByteArray(data))));
  }

  /** Splits the shard at the middle of its hash-key range and waits until both children are listed and ACTIVE. */
  public void split(String stream, String shardId) {
    Shard shard = shards(stream).stream().filter(s -> s.shardId().equals(shardId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No shard " + shardId + " in stream " + stream));
    BigInteger start = new BigInteger(shard.hashKeyRange().startingHashKey());
    BigInteger end = new BigInteger(shard.hashKeyRange().endingHashKey());
    if (end.subtract(start).compareTo(BigInteger.ONE) < 0) {
      throw new IllegalArgumentException("Shard " + shardId + " covers a single hash key and cannot be split");
    }
    String middle = start.add(end).shiftRight(1).add(BigInteger.ONE).toString();
    retrying("SplitShard " + shardId, () -> client.splitShard(b -> b.streamName(stream)
        .shardToSplit(shardId).newStartingHashKey(middle)));
    awaitActive(stream, () -> shards(stream).stream().filter(s -> shardId.equals(s.parentShardId())).count() == 2);
  }

  /** Merges two adjacent shards and waits until their child is listed and the stream is ACTIVE. */
  public void merge(String stream, String a, String b) {
    retrying("MergeShards " + a + "+" + b, () -> client.mergeShards(r -> r.streamName(stream)
        .shardToMerge(a).adjacentShardToMerge(b)));
    awaitActive(stream, () -> shards(stream).stream().anyMatch(s -> a.equals(s.parentShardId())
        && b.equals(s.adjacentParentShardId())));
  }

  /** Every shard of the stream (open and closed), through ListShards with pagination. */
  public List<Shard> shards(String stream) {
    List<Shard> shards = new ArrayList<>();
    ListShardsResponse page = retrying("ListShards " + stream,
        () -> client.listShards(ListShardsRequest.builder().streamName(stream).build()));
    shards.addAll(page.shards());
    while (page.nextToken() != null) {
      String token = page.nextToken();
      page = retrying("ListShards " + stream, () -> client.listShards(ListShardsRequest.builder().nextToken(token).build()));
      shards.addAll(page.shards());
    }
    return shards;
  }

  /** Deletes the stream (without waiting for it to disappear); a stream already gone is fine. */
  public void delete(String stream) {
    synchronized (created) {
      created.remove(stream);
    }
    try {
      retrying("DeleteStream " + stream, () -> client.deleteStream(b -> b.streamName(stream)
          .enforceConsumerDeletion(true)));
    } catch (ResourceNotFoundException gone) {
      // already deleted
    }
  }

  /** Deletes, best effort, the streams this helper created and has not deleted yet. */
  void deleteCreated() {
    List<String> streams;
    synchronized (created) {
      streams = new ArrayList<>(created);
    }
    for (String stream : streams) {
      try {
        delete(stream);
      } catch (RuntimeException e) {
        LOG.warn("Could not delete test stream {}: {}", stream, e.toString());
      }
    }
  }

  private void putAll(String stream, List<PutRecordsRequestEntry> entries) {
    List<PutRecordsRequestEntry> pending = entries;
    for (int attempt = 1; ; attempt++) {
      List<PutRecordsRequestEntry> batch = pending;
      PutRecordsResponse response = retrying("PutRecords " + stream, false,
          () -> client.putRecords(b -> b.streamName(stream).records(batch)));
      List<PutRecordsRequestEntry> failed = new ArrayList<>();
      List<PutRecordsResultEntry> results = response.records();
      String lastError = null;
      for (int i = 0; i < results.size(); i++) {
        if (results.get(i).errorCode() != null) {
          failed.add(batch.get(i));
          lastError = results.get(i).errorCode() + ": " + results.get(i).errorMessage();
        }
      }
      if (failed.isEmpty()) {
        return;
      }
      if (attempt >= MAX_ATTEMPTS) {
        throw new IllegalStateException(failed.size() + " records could not be written to " + stream + " after "
            + attempt + " attempts; last error " + lastError);
      }
      LOG.debug("{} of {} records refused by {} ({}); retrying", failed.size(), batch.size(), stream, lastError);
      pending = failed;
      backOff(attempt);
    }
  }

  private void awaitActive(String stream, BooleanSupplier alsoTrue) {
    long deadline = System.nanoTime() + WAIT_LIMIT.toNanos();
    StreamStatus status = null;
    while (System.nanoTime() < deadline) {
      status = retrying("DescribeStreamSummary " + stream, () -> client.describeStreamSummary(b -> b.streamName(stream))
          .streamDescriptionSummary().streamStatus());
      if (status == StreamStatus.ACTIVE && alsoTrue.getAsBoolean()) {
        return;
      }
      sleep(100);
    }
    throw new IllegalStateException("Stream " + stream + " not ready within " + WAIT_LIMIT.toSeconds()
        + " s (status " + status + ") at " + endpoint.uri());
  }

  private static <T> T retrying(String what, Supplier<T> call) {
    return retrying(what, true, call);
  }

  /** Retries throttling and 5xx answers; connection failures only when {@code idempotent} (no duplicate writes). */
  private static <T> T retrying(String what, boolean idempotent, Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (ProvisionedThroughputExceededException | LimitExceededException | ResourceInUseException e) {
        if (attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        LOG.debug("{} refused ({}); retrying", what, e.getClass().getSimpleName());
      } catch (KinesisException e) {
        if (e.statusCode() < 500 || attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        LOG.debug("{} failed with HTTP {}; retrying", what, e.statusCode());
      } catch (SdkClientException e) {
        if (!idempotent || attempt >= 5) {
          throw e;
        }
        LOG.debug("{} failed ({}); retrying", what, e.toString());
      }
      backOff(attempt);
    }
  }

  private static void backOff(int attempt) {
    long cap = Math.min(2_000, 50L << Math.min(attempt, 10));
    sleep(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }
}
