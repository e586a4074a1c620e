package io.streamview.kinesis;

import io.streamview.engine.source.SourceConfig;
import io.streamview.engine.source.StreamSource;
import io.streamview.engine.source.StreamSourceFactory;

/**
 * Creates {@link KinesisStreamSource}s for {@code CREATE EXTERNAL SCHEMA … FROM KINESIS}. Found through
 * {@link java.util.ServiceLoader}; use {@link #INSTANCE} otherwise.
 */
public final class KinesisSourceFactory implements StreamSourceFactory {

  /** The factory. */
  public static final KinesisSourceFactory INSTANCE = new KinesisSourceFactory();

  /** For {@link java.util.ServiceLoader}, which needs a public no-argument constructor; prefer {@link #INSTANCE}. */
  public KinesisSourceFactory() {
  }

  @Override
  public String kind() {
    return "KINESIS";
  }

  @Override
  public StreamSource create(SourceConfig config) {
    return new KinesisStreamSource(KinesisClientFactory.connect(config), KinesisRetryPolicy.DEFAULT,
        KinesisReadOptions.DEFAULT);
  }

  @Override
  public String toString() {
    return "KinesisSourceFactory";
  }
}
