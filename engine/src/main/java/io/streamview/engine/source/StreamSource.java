package io.streamview.engine.source;

/**
 * A connection to one stream service (one external schema). Thread-safe; one read per view at a time.
 */
public interface StreamSource extends AutoCloseable {

  /**
   * Reads every open or not-yet-ended shard of the stream from its checkpoint until it is at parity (no records and
   * nothing behind the tip) or closed (no next iterator), a closed parent before its children, up to
   * {@code request.parallelism()} shards at once, handing each batch to the consumer.
   *
   * @throws StreamSourceException when the stream cannot be read (missing, access denied, endpoint unreachable)
   */
  ReadSummary readToParity(ReadRequest request, BatchConsumer consumer);

  /** Whether the stream exists; throws {@link StreamSourceException} when the service cannot be asked. */
  boolean streamExists(String streamName);

  @Override void close();
}
