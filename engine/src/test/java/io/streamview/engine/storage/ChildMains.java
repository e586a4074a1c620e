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
            try (StorageEngine engine = StorageEngine.inMemory()) {
                engine.open("mem").put(RowKeys.ofLong(1), new Object[] {"ok"});
                System.out.println("IN-MEMORY OK");
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
