package io.streamview.engine.source;

import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The immutable input of {@link StreamSource#readToParity}.
 *
 * @param streamName  the stream, case-sensitive
 * @param checkpoints committed checkpoints by shard id; a listed shard absent here starts at TRIM_HORIZON
 * @param parallelism the most shards read at once
 * @param cancelled   polled between batches; when true the read stops after the batch in hand
 */
public record ReadRequest(
    String streamName,
    Map<String, ShardCheckpoint> checkpoints,
    int parallelism,
    BooleanSupplier cancelled) {

  public ReadRequest {
    Objects.requireNonNull(streamName, "streamName");
    checkpoints = Map.copyOf(checkpoints);
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
    }
    Objects.requireNonNull(cancelled, "cancelled");
  }
}
