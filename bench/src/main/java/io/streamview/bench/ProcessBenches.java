package io.streamview.bench;

import io.streamview.bench.Results.Better;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Benchmarks 5 (memory, in a JVM with -Xmx256m) and 6 (cold start), each in new JVMs. */
final class ProcessBenches {

  private final BenchSize size;
  private final Results results;
  private final Path scratch;

  ProcessBenches(BenchSize size, Results results, Path scratch) {
    this.size = size;
    this.results = results;
    this.scratch = scratch;
  }

  // ---------------------------------------------------------------- 5. memory

  void memory() throws Exception {
    long n = size.memoryRecords();
    System.out.println("[5 memory] " + n + " records, -Xmx256m, file database");
    Path dir = scratch.resolve("memory-db");
    delete(dir);
    ChildJvm.Outcome o = ChildJvm.run(List.of("-Xmx256m"), MemoryChild.class, Long.toString(n), dir.toString());
    long kept = 0;
    for (long i = 0; i < n; i++) {
      kept += ClickRecords.kept(i) ? 1 : 0;
    }
    String countError = o.values().get("countError");
    for (String q : List.of("count", "sum", "groupBy")) {
      String error = o.values().get(q + "Error");
      String sql = switch (q) {
        case "count" -> "SELECT COUNT(*)";
        case "sum" -> "SELECT SUM(price), MAX(price)";
        default -> "SELECT event, COUNT(*) … GROUP BY event";
      };
      if (error != null) {
        results.note("memory: after the refresh, " + sql + " over the view failed with -Xmx256m: " + error);
        continue;
      }
      double seconds = Double.parseDouble(o.values().get(q + "Seconds"));
      double peakMiB = Long.parseLong(o.values().get(q + "PeakHeap")) / 1048576.0;
      results.note(String.format("memory: after the refresh, %s over the view took %.2f s, peak heap %.0f MiB",
          sql, seconds, peakMiB));
      results.add("5 memory, " + q + " query", "peak heap MiB", Better.LOWER, peakMiB, "-Xmx (max heap)",
          Long.parseLong(o.values().get("maxHeap")) / 1048576.0, "");
    }
    long rows = countError == null ? Long.parseLong(o.values().get("rows")) : -1;
    if (countError == null && rows != kept) {
      throw new IllegalStateException("memory run stored " + rows + " rows, expected " + kept);
    }
    if (countError != null) {
      results.note("memory: the refresh completed, but SELECT COUNT(*) over the " + kept + "-row view failed with "
          + "-Xmx256m: " + countError);
    }
    double peakHeapMiB = Long.parseLong(o.values().get("peakHeap")) / 1048576.0;
    double peakLiveMiB = Long.parseLong(o.values().get("peakAfterGc")) / 1048576.0;
    double maxHeapMiB = Long.parseLong(o.values().get("maxHeap")) / 1048576.0;
    double allocatedMiB = Long.parseLong(o.values().get("storeAllocatedBytes")) / 1048576.0;
    double logicalMiB = Long.parseLong(o.values().get("storeLogicalBytes")) / 1048576.0;
    double payloadMiB = 0;
    for (long i = 0; i < Math.min(n, 100_000); i++) {
      payloadMiB += ClickRecords.payload(i).length;
    }
    payloadMiB = payloadMiB / Math.min(n, 100_000) * n / 1048576.0;
    double rssMiB = Long.parseLong(o.values().get("peakRssKiB")) / 1024.0;
    results.note(String.format("memory: %d records (%d rows) refreshed with -Xmx256m in %.1f s; peak heap used %.0f MiB "
            + "of %.0f (sampled every 5 ms; at most %.0f MiB right after a GC); peak RSS %.0f MiB; store %.0f MiB on disk (%.0f MiB file length) for %.0f MiB of payload", n,
        rows, Double.parseDouble(o.values().get("refreshSeconds")), peakHeapMiB, maxHeapMiB, peakLiveMiB, rssMiB, allocatedMiB, logicalMiB,
        payloadMiB));
    results.add("5 memory (" + n + " rec)", "peak heap MiB", Better.LOWER, peakHeapMiB, "-Xmx (max heap)", maxHeapMiB,
        Results.target("refresh completes with -Xmx256m", true));
    results.add("5 memory (" + n + " rec)", "heap right after a GC, max MiB", Better.LOWER, peakLiveMiB,
        "-Xmx (max heap)", maxHeapMiB, "");
    results.add("5 memory (" + n + " rec)", "store MiB (off-heap, allocated)", Better.LOWER, allocatedMiB,
        "raw JSON payload", payloadMiB, "");
    delete(dir);
  }

  // ---------------------------------------------------------------- 6. cold start

  void coldStart() throws Exception {
    System.out.println("[6 cold start] " + size.coldStarts() + " new JVMs per engine and kind");
    for (String kind : List.of("mem", "file")) {
      double[] ours = runs("streamview", kind);
      double[] h2 = runs("h2", kind);
      double[] duck = runs("duckdb", kind);
      String what = kind.equals("mem") ? "6 cold start mem SELECT 1" : "6 cold start file COUNT";
      results.note(String.format("%s: JVM launch to first result (median) StreamView %.0f ms, H2 %.0f ms, "
          + "DuckDB %.0f ms", what, ours[1], h2[1], duck[1]));
      results.add(what, "getConnection→row ms", Better.LOWER, ours[0], "target", 1000,
          Results.target("< 1 s", ours[0] < 1000));
      results.add(what, "getConnection→row ms", Better.LOWER, ours[0], "H2", h2[0], "");
      results.add(what, "getConnection→row ms", Better.LOWER, ours[0], "DuckDB", duck[0], "");
    }
  }

  /** Median {getConnection→first row ms, JVM launch→first row ms} over the configured number of new JVMs. */
  private double[] runs(String engine, String kind) throws Exception {
    Path dir = scratch.resolve("cold-" + engine);
    if (kind.equals("file")) {
      delete(dir);
      Files.createDirectories(dir);
      ChildJvm.run(ChildJvm.engineClassPath(engine), List.of(), ColdStartChild.class, engine, kind, dir.toString(),
          "prepare");
    }
    double[] inner = new double[size.coldStarts()];
    double[] outer = new double[size.coldStarts()];
    for (int i = 0; i < inner.length; i++) {
      ChildJvm.Outcome o = ChildJvm.run(ChildJvm.engineClassPath(engine), List.of(), ColdStartChild.class, engine, kind,
          dir.toString());
      inner[i] = Double.parseDouble(o.values().get("ms"));
      outer[i] = o.resultLineNanos() / 1e6;
    }
    return new double[] {Timing.median(inner), Timing.median(outer)};
  }

  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
