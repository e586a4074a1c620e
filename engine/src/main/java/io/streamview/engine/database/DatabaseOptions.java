package io.streamview.engine.database;

import io.streamview.engine.source.SourceConfig;

/**
 * Settings of an open database, taken from the connection that opened it.
 *
 * @param sourceDefaults     how to reach stream services (endpoint, region, profile, credentials)
 * @param refreshParallelism the most shards one refresh reads at once
 */
public record DatabaseOptions(SourceConfig sourceDefaults, int refreshParallelism) {
  public DatabaseOptions {
    if (refreshParallelism < 1) {
      throw new IllegalArgumentException("refreshParallelism must be at least 1, not " + refreshParallelism);
    }
  }
}
