package io.streamview.kinesis;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * An in-memory stand-in for the three calls a read makes (ListShards, GetShardIterator, GetRecords), for unit tests
 * of the read logic without a network. Listing pages hold two shards, to exercise NextToken.
 */
final class FakeKinesisClient implements KinesisClient {

  static final class FakeShard {
    final String id;
    final String parent;
    final String adjacentParent;
    final boolean closed;
    final List<Record> records = new ArrayList<>();
    /** A closed shard that never returns a null next iterator (a misbehaving service). */
    boolean neverEnds;

    FakeShard(String id, String parent, String adjacentParent, boolean closed) {
      this.id = id;
      this.parent = parent;
      this.adjacentParent = adjacentParent;
      this.closed = closed;
    }
  }

  final Map<String, FakeShard> shards = new LinkedHashMap<>();
  final List<String> iteratorRequests = Collections.synchronizedList(new ArrayList<>());
  final Set<String> expireNextGetRecords = Collections.synchronizedSet(new HashSet<>());
  final AtomicInteger throttleNextGetRecords = new AtomicInteger();
  final AtomicInteger getRecordsCalls = new AtomicInteger();
  final AtomicInteger concurrentGetRecords = new AtomicInteger();
  final AtomicInteger maxConcurrentGetRecords = new AtomicInteger();
  private final String stream;

  FakeKinesisClient(String stream) {
    this.stream = stream;
  }

  FakeShard shard(String id, String parent, String adjacentParent, boolean closed, int records) {
    FakeShard shard = new FakeShard(id, parent, adjacentParent, closed);
    int base = 1_000_000 * (shards.size() + 1);
    for (int i = 0; i < records; i++) {
      shard.records.add(Record.builder()
          .sequenceNumber(Integer.toString(base + i))
          .partitionKey("k" + i)
          .approximateArrivalTimestamp(Instant.ofEpochSecond(1_700_000_000L + i))
          .data(SdkBytes.fromString(id + "#" + i, StandardCharsets.UTF_8))
          .build());
    }
    shards.put(id, shard);
    return shard;
  }

  @Override
  public ListShardsResponse listShards(ListShardsRequest request) {
    int from = 0;
    if (request.nextToken() != null) {
      from = Integer.parseInt(request.nextToken());
    } else if (!stream.equals(request.streamName())) {
      throw ResourceNotFoundException.builder().message("Stream " + request.streamName() + " not found").build();
    }
    List<FakeShard> all = new ArrayList<>(shards.values());
    List<Shard> page = new ArrayList<>();
    for (int i = from; i < Math.min(from + 2, all.size()); i++) {
      FakeShard s = all.get(i);
      page.add(Shard.builder().shardId(s.id).parentShardId(s.parent).adjacentParentShardId(s.adjacentParent)
          .sequenceNumberRange(r -> r.startingSequenceNumber("0")
              .endingSequenceNumber(s.closed ? "9223372036854775807" : null))
          .build());
    }
    String next = from + 2 < all.size() ? Integer.toString(from + 2) : null;
    return ListShardsResponse.builder().shards(page).nextToken(next).build();
  }

  @Override
  public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
    FakeShard shard = shards.get(request.shardId());
    iteratorRequests.add(request.shardId() + " " + request.shardIteratorType()
        + (request.startingSequenceNumber() == null ? "" : " " + request.startingSequenceNumber()));
    int index = 0;
    if (request.shardIteratorType() == ShardIteratorType.AFTER_SEQUENCE_NUMBER) {
      index = -1;
      for (int i = 0; i < shard.records.size(); i++) {
        if (shard.records.get(i).sequenceNumber().equals(request.startingSequenceNumber())) {
          index = i + 1;
        }
      }
      if (index < 0) {
        throw new AssertionError("unknown sequence number " + request.startingSequenceNumber());
      }
    }
    return GetShardIteratorResponse.builder().shardIterator(shard.id + "|" + index).build();
  }

  @Override
  public GetRecordsResponse getRecords(GetRecordsRequest request) {
    int now = concurrentGetRecords.incrementAndGet();
    maxConcurrentGetRecords.accumulateAndGet(now, Math::max);
    try {
      getRecordsCalls.incrementAndGet();
      String[] parts = request.shardIterator().split("\\|");
      FakeShard shard = shards.get(parts[0]);
      if (throttleNextGetRecords.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw ProvisionedThroughputExceededException.builder().message("Rate exceeded").statusCode(400).build();
      }
      if (expireNextGetRecords.remove(shard.id)) {
        throw ExpiredIteratorException.builder().message("Iterator expired").statusCode(400).build();
      }
      Thread.yield();
      int from = Integer.parseInt(parts[1]);
      int to = Math.min(shard.records.size(), from + request.limit());
      boolean atEnd = to == shard.records.size();
      String next = shard.closed && atEnd && !shard.neverEnds ? null : shard.id + "|" + to;
      return GetRecordsResponse.builder()
          .records(shard.records.subList(from, to))
          .nextShardIterator(next)
          .millisBehindLatest(atEnd ? 0L : 1_000L)
          .build();
    } finally {
      concurrentGetRecords.decrementAndGet();
    }
  }

  @Override
  public String serviceName() {
    return "kinesis";
  }

  @Override
  public void close() {
  }
}
