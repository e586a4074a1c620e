package io.streamview.engine.source;

/**
 * Creates {@link StreamSource}s of one kind ({@code KINESIS}). Implementations are singletons named {@code INSTANCE}
 * and are listed in {@code META-INF/services/io.streamview.engine.source.StreamSourceFactory}.
 */
public interface StreamSourceFactory {

  /** The keyword of {@code CREATE EXTERNAL SCHEMA … FROM <kind>}, upper case. */
  String kind();

  StreamSource create(SourceConfig config);
}
