package io.streamview.bench.source;

import io.streamview.engine.source.SourceConfig;
import io.streamview.engine.source.StreamSource;
import io.streamview.engine.source.StreamSourceFactory;
import io.streamview.kinesis.KinesisSourceFactory;

/**
 * The {@code KINESIS} source factory of the bench JVM: the endpoint {@value MemoryStreams#ENDPOINT} gets the in-memory
 * source, any other endpoint the real Kinesis source. It is found before the Kinesis module's factory because the
 * bench jar comes first on the class path (the engine takes the first factory of a kind that ServiceLoader lists);
 * the engine has no per-connection factory hook yet (see docs/benchmarks.md).
 */
public final class BenchSourceFactory implements StreamSourceFactory {

  @Override
  public String kind() {
    return "KINESIS";
  }

  @Override
  public StreamSource create(SourceConfig config) {
    if (config.endpoint().filter(MemoryStreams.ENDPOINT::equals).isPresent()) {
      return new MemoryStreamSource();
    }
    return KinesisSourceFactory.INSTANCE.create(config);
  }
}
