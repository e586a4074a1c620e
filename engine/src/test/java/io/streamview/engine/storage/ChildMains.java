package io.streamview.engine.storage;

import java.io.IOException;
import java.nio.file.Path;

/** Entry points the tests run in child JVMs. */
final class ChildMains {

    private ChildMains() {
    }

    /** Holds the database lock on {@code args[0]} until stdin closes. */
    static final class HoldLock {
        public static void main(String[] args) throws IOException {
            try (DatabaseLock lock = DatabaseLock.acquire(Path.of(args[0]))) {
                System.out.println("LOCKED");
                System.out.flush();
                while (System.in.read() != -1) {
                    // wait for the parent to close our stdin
                }
            }
        }
    }

    /** Opens a persistent engine on {@code args[0]} and reports how it went. */
    static final class ProbePersistent {
        public static void main(String[] args) {
            System.out.println("analytics.before=" + System.getProperty(StorageEngine.CHRONICLE_ANALYTICS_PROPERTY));
            try (StorageEngine engine = StorageEngine.persistent(Path.of(args[0]))) {
                System.out.println("analytics.after=" + System.getProperty(StorageEngine.CHRONICLE_ANALYTICS_PROPERTY));
                engine.open("probe").put(RowKeys.ofLong(1), new Object[] {"ok"});
                System.out.println("RESULT OK");
            } catch (StorageException e) {
                System.out.println("RESULT " + e.code());
                System.out.println(e.getMessage());
            }
        }
    }

    /**
     * Opens an in-memory engine and two stores, reports how it went and how long the first store
     * (the first Chronicle Map of this JVM) and the second took to open.
     */
    static final class ProbeInMemory {
        public static void main(String[] args) {
            System.out.println("analytics.before=" + System.getProperty(StorageEngine.CHRONICLE_ANALYTICS_PROPERTY));
            long started = System.nanoTime();
            try (StorageEngine engine = StorageEngine.inMemory()) {
                System.out.println("analytics.after=" + System.getProperty(StorageEngine.CHRONICLE_ANALYTICS_PROPERTY));
                long first = System.nanoTime();
                RowStore store = engine.open("mem");
                long second = System.nanoTime();
                RowStore other = engine.open("mem2");
                long done = System.nanoTime();
                store.put(RowKeys.ofLong(1), new Object[] {"ok"});
                other.put(RowKeys.ofLong(1), new Object[] {"ok"});
                if (!"ok".equals(store.get(RowKeys.ofLong(1))[0])) {
                    throw new AssertionError("row not read back");
                }
                System.out.printf("TIMING engine=%.0fms first-store=%.0fms second-store=%.0fms%n",
                        (first - started) / 1e6, (second - first) / 1e6, (done - second) / 1e6);
                System.out.println("RESULT OK");
            } catch (StorageException e) {
                System.out.println("RESULT " + e.code());
                System.out.println(e.getMessage());
            }
        }
    }

    /**
     * Opens a Chronicle store without {@link JvmFlags}' check, to see what Chronicle itself needs:
     * {@code args[0] = mem}, or {@code file <dir>}. Writes enough rows to grow past the tiny first
     * tier, reads them back and prints {@code RESULT OK} or {@code RESULT FAILED <throwable>}.
     */
    static final class RawChronicle {
        public static void main(String[] args) {
            System.setProperty(StorageEngine.CHRONICLE_ANALYTICS_PROPERTY, "true");
            try {
                ManagedRowStore store = args[0].equals("mem")
                        ? ChronicleRowStore.inMemory("raw", StoreSizing.TINY)
                        : ChronicleRowStore.open("raw", Path.of(args[1], "raw.cm3"), Path.of(args[1], "raw.open"),
                                StoreSizing.TINY);
                try (store) {
                    for (int i = 0; i < 1000; i++) {
                        store.put(RowKeys.ofLong(i), new Object[] {(long) i});
                    }
                    if (store.size() != 1000 || !Long.valueOf(999).equals(store.get(RowKeys.ofLong(999))[0])) {
                        throw new AssertionError("rows not read back");
                    }
                }
                System.out.println("RESULT OK");
            } catch (Throwable e) {
                Throwable root = e;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                System.out.println("RESULT FAILED " + e + " / root cause: " + root);
            }
        }
    }

    /**
     * Writes {@code args[1]} rows to store "crash" in {@code args[0]}, optionally takes a segment
     * write lock ({@code args[2] = hold-segment-lock}), prints READY and waits to be killed.
     */
    static final class WriteAndHang {
        public static void main(String[] args) throws InterruptedException {
            StorageEngine engine = StorageEngine.persistent(Path.of(args[0]));
            RowStore store = engine.open("crash");
            int rows = Integer.parseInt(args[1]);
            for (int i = 0; i < rows; i++) {
                store.put(RowKeys.ofLong(i), new Object[] {(long) i, "row " + i});
            }
            if (args.length > 2 && args[2].equals("hold-segment-lock")) {
                // die holding a segment's write lock, as a crash in the middle of a put would
                var context = ((ChronicleRowStore) store).chronicleMap().queryContext(RowKeys.ofLong(0));
                context.writeLock().lock();
            }
            System.out.println("READY");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
