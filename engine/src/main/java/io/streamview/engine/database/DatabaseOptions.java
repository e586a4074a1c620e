package io.streamview.engine.database;

import io.streamview.engine.source.SourceConfig;
import io.streamview.engine.source.StreamSourceFactory;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an open database, taken from the connection that opened it.
 *
 * @param sourceDefaults      how to reach stream services (endpoint, region, profile, credentials)
 * @param refreshParallelism  the most shards one refresh reads at once
 * @param autoRefreshInterval the pause between two refreshes of a view with AUTO REFRESH YES (at least
 *                            {@link #MIN_AUTO_REFRESH_INTERVAL})
 * @param viewRefresher       how the auto-refresh threads refresh a view; {@code null}: views are never refreshed
 *                            automatically (AUTO REFRESH YES is only recorded)
 * @param sourceFactory       the stream source factory of external schemas of its kind ({@code FROM KINESIS}),
 *                            used instead of the one {@link java.util.ServiceLoader} finds; {@code null}: none
 */
public record DatabaseOptions(SourceConfig sourceDefaults, int refreshParallelism, Duration autoRefreshInterval,
                              ViewRefresher viewRefresher, StreamSourceFactory sourceFactory) {

  /** The default pause between two auto refreshes of a view. */
  public static final Duration DEFAULT_AUTO_REFRESH_INTERVAL = Duration.ofSeconds(1);

  /** The shortest pause between two auto refreshes of a view. */
  public static final Duration MIN_AUTO_REFRESH_INTERVAL = Duration.ofMillis(50);

  public DatabaseOptions {
    if (refreshParallelism < 1) {
      throw new IllegalArgumentException("refreshParallelism must be at least 1, not " + refreshParallelism);
    }
    Objects.requireNonNull(autoRefreshInterval, "autoRefreshInterval");
    if (autoRefreshInterval.compareTo(MIN_AUTO_REFRESH_INTERVAL) < 0) {
      throw new IllegalArgumentException("autoRefreshInterval must be at least "
          + MIN_AUTO_REFRESH_INTERVAL.toMillis() + " ms, not " + autoRefreshInterval.toMillis() + " ms");
    }
  }

  /** Options whose stream sources come from the factories {@link java.util.ServiceLoader} finds. */
  public DatabaseOptions(SourceConfig sourceDefaults, int refreshParallelism, Duration autoRefreshInterval,
                         ViewRefresher viewRefresher) {
    this(sourceDefaults, refreshParallelism, autoRefreshInterval, viewRefresher, null);
  }

  /** Options without automatic refresh. */
  public DatabaseOptions(SourceConfig sourceDefaults, int refreshParallelism) {
    this(sourceDefaults, refreshParallelism, DEFAULT_AUTO_REFRESH_INTERVAL, null);
  }
}
