package io.streamview.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The suite's one command: {@code java -jar bench/target/streamview-bench.jar [--size small|large]
 * [--only 1,2,...] [--out bench/results]}. Runs the benchmarks in order, prints each comparison as it is made, and
 * writes results.md, results.csv and results.png.
 */
public final class BenchMain {

  private BenchMain() {
  }

  public static void main(String[] args) throws Exception {
    String sizeName = "small";
    Path out = Path.of("bench", "results");
    Set<String> only = new LinkedHashSet<>(List.of("1", "2", "3", "4", "5", "6", "7"));
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--size" -> sizeName = args[++i];
        case "--out" -> out = Path.of(args[++i]);
        case "--only" -> only = new LinkedHashSet<>(Arrays.asList(args[++i].split(",")));
        case "--chart-from" -> {
          // draws the chart of a results.csv again, beside it, without running anything
          Path csv = Path.of(args[++i]);
          ResultChart.write(Results.readCsv(csv), csv.resolveSibling("results.png"), "StreamView vs peers");
          return;
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + "; usage: [--size small|large] [--only 1,2,3,4,5,6,7] [--out dir] | --chart-from results.csv");
      }
    }
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    BenchSize size = BenchSize.of(sizeName);
    Results results = new Results();
    long t0 = System.nanoTime();
    double[] load = new double[] {loadAverage()};
    System.out.println("StreamView bench, size " + size.name() + ", benchmarks " + only);
    if (only.contains("1") || only.contains("2") || only.contains("4")) {
      try (InMemoryBenches b = new InMemoryBenches(size, results)) {
        b.open();
        if (only.contains("1") || only.contains("4")) {
          b.ingest();
        }
        if (only.contains("2") || only.contains("4")) {
          b.aggregate();
        }
        if (only.contains("4")) {
          b.queries();
        }
      }
    }
    if (only.contains("3") || only.contains("7")) {
      try (KinesisBenches k = new KinesisBenches(size, results)) {
        k.start();
        if (only.contains("3")) {
          k.endToEnd();
        }
        if (only.contains("7")) {
          k.freshness();
        }
      }
    }
    Path scratch = Files.createTempDirectory("streamview-bench");
    try {
      ProcessBenches p = new ProcessBenches(size, results, scratch);
      if (only.contains("5")) {
        p.memory();
      }
      if (only.contains("6")) {
        p.coldStart();
      }
    } finally {
      ProcessBenches.delete(scratch);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    String header = String.format(Locale.ROOT, "# StreamView benchmark results (size %s)%n%n"
            + "Run %s, %.0f s in all. Machine: %d cores, %s %s, Java %s, max heap %d MiB; load average %.2f at the "
            + "start, %.2f at the end (the machine is shared). Benchmarks: %s.",
        size.name(), Instant.now(), seconds, Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
        System.getProperty("os.arch"), System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
        load[0], loadAverage(), only);
    results.write(out, header);
    ResultChart.write(results, out.resolve("results.png"), "StreamView vs peers");
    System.out.printf(Locale.ROOT, "done in %.0f s; wrote %s/results.{md,csv,png}%n", seconds, out);
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
