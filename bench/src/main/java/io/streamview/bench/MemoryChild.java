package io.streamview.bench;

import io.streamview.bench.source.MemoryStreams;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.stream.Stream;

/**
 * Benchmark 5's child JVM (started with a small heap): {@code <records> <dir>} refreshes a file database's ingest
 * view over a generated in-memory stream of that many records (made as they are read, so the heap holds only the
 * batches in flight), then runs {@code SELECT COUNT(*)}, {@code SELECT SUM(price), MAX(price)} and a GROUP BY over the
 * view, and prints peak heap (of the refresh and of each query), the queries' times and results, peak resident memory
 * and the bytes the store occupies.
 */
public final class MemoryChild {

  private MemoryChild() {
  }

  public static void main(String[] args) throws Exception {
    long n = Long.parseLong(args[0]);
    // peakAll: the whole run; peakUsed: since the last reset (each query resets it)
    java.util.concurrent.atomic.AtomicLong peakAll = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.AtomicLong peakUsed = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.AtomicLong peakAfterGc = new java.util.concurrent.atomic.AtomicLong();
    Thread sampler = new Thread(() -> {
      java.lang.management.MemoryMXBean heap = ManagementFactory.getMemoryMXBean();
      while (true) {
        long used = heap.getHeapMemoryUsage().getUsed();
        peakUsed.accumulateAndGet(used, Math::max);
        peakAll.accumulateAndGet(used, Math::max);
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    // the heap's pools only: a GC's usage map also lists Metaspace, the code cache and the class space
    java.util.Set<String> heapPools = new java.util.HashSet<>();
    for (java.lang.management.MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP) {
        heapPools.add(pool.getName());
      }
    }
    for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((javax.management.NotificationEmitter) gc).addNotificationListener((note, handback) -> {
        if (note.getType().equals(com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
          com.sun.management.GarbageCollectionNotificationInfo info = com.sun.management.GarbageCollectionNotificationInfo
              .from((javax.management.openmbean.CompositeData) note.getUserData());
          long live = 0;
          for (java.util.Map.Entry<String, java.lang.management.MemoryUsage> u
              : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(u.getKey())) {
              live += u.getValue().getUsed();
            }
          }
          peakAfterGc.accumulateAndGet(live, Math::max);
        }
      }, null, null);
    }
    Path dir = Path.of(args[1]);
    MemoryStreams.registerGenerated("big", n, 2, ClickRecords::payload);
    long t0 = System.nanoTime();
    try (Connection c = StreamViewSql.memoryStreams("file:" + dir, "")) {
      StreamViewSql.execute(c, "CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
      StreamViewSql.execute(c, StreamViewSql.ingestView("big", "big"));
      StreamViewSql.execute(c, "REFRESH MATERIALIZED VIEW big");
      System.out.println("RESULT refreshSeconds " + (System.nanoTime() - t0) / 1e9);
      System.out.println("RESULT refreshPeakHeap " + peakUsed.get());
      query(c, peakUsed, "count", "SELECT COUNT(*) FROM big");
      query(c, peakUsed, "sum", "SELECT SUM(price), MAX(price) FROM big");
      query(c, peakUsed, "groupBy", "SELECT event, COUNT(*) FROM big GROUP BY event");
    }
    System.out.println("RESULT seconds " + (System.nanoTime() - t0) / 1e9);
    long peakHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peakHeap += pool.getPeakUsage().getUsed();
      }
    }
    System.out.println("RESULT poolPeaksSum " + peakHeap);
    System.out.println("RESULT peakHeap " + peakAll.get());
    System.out.println("RESULT peakAfterGc " + peakAfterGc.get());
    System.out.println("RESULT maxHeap " + Runtime.getRuntime().maxMemory());
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        System.out.println("RESULT peakRssKiB " + line.replaceAll("\\D", ""));
      }
    }
    long logical = 0;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        logical += Files.size(p);
      }
    }
    System.out.println("RESULT storeLogicalBytes " + logical);
    Process du = new ProcessBuilder("du", "-s", "--block-size=1", dir.toString()).start();
    String out = new String(du.getInputStream().readAllBytes()).trim();
    du.waitFor();
    System.out.println("RESULT storeAllocatedBytes " + out.split("\\s+")[0]);
  }

  /**
   * Runs a query over the view after the refresh and prints {@code <name>Seconds}, {@code <name>PeakHeap} (the heap
   * used while it ran, sampled every 5 ms from a reset peak) and {@code <name>} (its result, the rows joined with
   * {@code ;} and the columns with {@code |}), or {@code <name>Error}. The {@code count} query prints {@code rows}.
   */
  private static void query(Connection c, java.util.concurrent.atomic.AtomicLong peakUsed, String name, String sql) {
    System.gc();
    peakUsed.set(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    long t = System.nanoTime();
    try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
      StringBuilder out = new StringBuilder();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        out.append(out.length() == 0 ? "" : ";");
        for (int i = 1; i <= columns; i++) {
          out.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
      }
      System.out.println("RESULT " + name + "Seconds " + (System.nanoTime() - t) / 1e9);
      System.out.println("RESULT " + name + "PeakHeap " + peakUsed.get());
      System.out.println("RESULT " + (name.equals("count") ? "rows" : name) + " " + out);
    } catch (java.sql.SQLException | RuntimeException | OutOfMemoryError e) {
      System.out.println("RESULT " + name + "Error " + String.valueOf(e.getMessage()).replace('\n', ' '));
    }
  }
}
