package io.streamview.bench;

/**
 * How big a run is. {@code small} finishes in a few minutes on 2 cores; {@code large} is the sizes (1M records,
 * the 10M-record memory run).
 */
public record BenchSize(String name, int ingestRecords, int aggregateRecords, int endToEndRecords, int queryRuns,
                        int pointLookups, long memoryRecords, int coldStarts, int freshnessSamples) {

  public static BenchSize of(String name) {
    return switch (name) {
      case "small" -> new BenchSize("small", 100_000, 100_000, 4_000, 3, 200, 200_000, 3, 10);
      case "large" -> new BenchSize("large", 1_000_000, 1_000_000, 40_000, 10, 10_000, 10_000_000, 5, 30);
      default -> throw new IllegalArgumentException("--size must be small or large, not " + name);
    };
  }
}
