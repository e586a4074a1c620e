package io.streamview.bench.source;

import io.streamview.engine.source.SourceConfig;
import io.streamview.engine.source.StreamSource;
import io.streamview.engine.source.StreamSourceFactory;

/**
 * The {@code KINESIS} source factory of the bench's in-memory databases: every external schema reads
 * {@link MemoryStreams}. Given to the driver per connection, as the {@code streamSourceFactory} connection property
 * (see {@code io.streamview.bench.StreamViewSql}); the Kinesis benchmarks' connections do not name it and read
 * kinesis-mock through the Kinesis module's factory.
 */
public final class MemorySourceFactory implements StreamSourceFactory {

  /** The factory. */
  public static final MemorySourceFactory INSTANCE = new MemorySourceFactory();

  private MemorySourceFactory() {
  }

  @Override
  public String kind() {
    return "KINESIS";
  }

  @Override
  public StreamSource create(SourceConfig config) {
    return new MemoryStreamSource();
  }
}
