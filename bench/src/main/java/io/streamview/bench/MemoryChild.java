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
 * batches in flight) and prints peak heap, peak resident memory and the bytes the store occupies.
 */
public final class MemoryChild {

  private MemoryChild() {
  }

  public static void main(String[] args) throws Exception {
    long n = Long.parseLong(args[0]);
    java.util.concurrent.atomic.AtomicLong peakUsed = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.AtomicLong peakAfterGc = new java.util.concurrent.atomic.AtomicLong();
    Thread sampler = new Thread(() -> {
      java.lang.management.MemoryMXBean heap = ManagementFactory.getMemoryMXBean();
      while (true) {
        peakUsed.accumulateAndGet(heap.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((javax.management.NotificationEmitter) gc).addNotificationListener((note, handback) -> {
        if (note.getType().equals(com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
          com.sun.management.GarbageCollectionNotificationInfo info = com.sun.management.GarbageCollectionNotificationInfo
              .from((javax.management.openmbean.CompositeData) note.getUserData());
          long live = 0;
          for (java.lang.management.MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) {
            live += u.getUsed();
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
      try {
        System.out.println("RESULT rows " + StreamViewSql.count(c, "SELECT COUNT(*) FROM big"));
      } catch (java.sql.SQLException e) {
        System.out.println("RESULT countError " + e.getMessage().replace('\n', ' '));
      }
    }
    System.out.println("RESULT seconds " + (System.nanoTime() - t0) / 1e9);
    long peakHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peakHeap += pool.getPeakUsage().getUsed();
      }
    }
    System.out.println("RESULT poolPeaksSum " + peakHeap);
    System.out.println("RESULT peakHeap " + peakUsed.get());
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
}
