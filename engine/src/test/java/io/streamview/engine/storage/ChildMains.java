package io.streamview.engine.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

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
                long first = System.nanoTime();
                RowStore store = engine.open("probe");
                long second = System.nanoTime();
                RowStore other = engine.open("probe2");
                long done = System.nanoTime();
                store.put(RowKeys.ofLong(1), new Object[] {"ok"});
                other.put(RowKeys.ofLong(1), new Object[] {"ok"});
                System.out.printf("TIMING first-store=%.0fms second-store=%.0fms%n",
                        (second - first) / 1e6, (done - second) / 1e6);
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
                var context = ChronicleRowStore.of(store).chronicleMap().queryContext(RowKeys.ofLong(0));
                context.writeLock().lock();
            }
            System.out.println("READY");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /**
     * Runs every kind of store operation the engine has, through {@link StorageEngine} (so {@link JvmFlags#verify}
     * runs too) and below it: file stores created, grown past their first tier, iterated, cleared, flushed, closed,
     * reopened and recovered after an unclean close; in-memory stores likewise. {@code args[0]} is an empty
     * directory. Prints where {@code JavacTool} and Chronicle's value class came from, then {@code RESULT OK}, or
     * {@code RESULT FAILED} and the stack trace.
     */
    static final class ExerciseStores {
        public static void main(String[] args) {
            try {
                Path dir = Path.of(args[0]);
                long started = System.nanoTime();
                try (StorageEngine engine = StorageEngine.persistent(dir.resolve("engine"))) {
                    RowStore store = engine.open("first");
                    System.out.printf("TIMING first-store=%.0fms%n", (System.nanoTime() - started) / 1e6);
                    exercise(store, 300);
                    engine.drop("first");
                    exercise(engine.open("second"), 300);
                }
                try (StorageEngine engine = StorageEngine.persistent(dir.resolve("engine"))) {
                    check(engine.open("second").size() == 300, "second reopened");
                }
                // below the engine: a tiny file store that grows into extra tiers, reopened, then recovered
                Path file = dir.resolve("grow.cm3");
                Path marker = dir.resolve("grow.open");
                try (ManagedRowStore grow = ChronicleRowStore.open("grow", file, marker, StoreSizing.TINY)) {
                    exercise(grow, 5_000);
                }
                try (ManagedRowStore grow = ChronicleRowStore.open("grow", file, marker, StoreSizing.TINY)) {
                    check(grow.size() == 5_000, "grow reopened");
                }
                Files.createFile(marker); // as a process killed with the store open leaves it
                try (ManagedRowStore grow = ChronicleRowStore.open("grow", file, marker, StoreSizing.TINY)) {
                    check(grow.size() == 5_000, "grow recovered");
                }
                try (StorageEngine engine = StorageEngine.inMemory()) {
                    exercise(engine.open("mem"), 300);
                    exercise(engine.open("mem2"), 300);
                    engine.drop("mem");
                }
                try (ManagedRowStore grow = ChronicleRowStore.inMemory("grow-mem", StoreSizing.TINY)) {
                    exercise(grow, 5_000);
                }
                System.out.println("javac-tool=" + origin(Class.forName("com.sun.tools.javac.api.JavacTool")));
                System.out.println("value-class=" + origin(Class.forName(JvmFlags.PREBUILT_CHRONICLE_CLASS)));
                System.out.println("RESULT OK");
            } catch (Throwable e) {
                System.out.println("RESULT FAILED " + e);
                e.printStackTrace(System.out);
            }
        }

        private static void exercise(RowStore store, int rows) {
            for (int i = 0; i < rows; i++) {
                store.put(RowKeys.ofLong(i), new Object[] {(long) i, "row " + i});
            }
            check(store.size() == rows, "size after puts");
            long[] seen = {0};
            store.forEach((key, row) -> seen[0]++);
            check(seen[0] == rows && store.rows().size() == rows, "forEach and rows");
            check("row 7".equals(store.get(RowKeys.ofLong(7))[1]), "get");
            check(store.remove(RowKeys.ofLong(7)) && store.get(RowKeys.ofLong(7)) == null, "remove");
            store.put(RowKeys.ofLong(7), new Object[] {7L, "row 7"});
            store.flush();
            if (rows < 1000) {
                store.clear();
                check(store.size() == 0, "clear");
                for (int i = 0; i < rows; i++) {
                    store.put(RowKeys.ofLong(i), new Object[] {(long) i});
                }
            }
        }

        private static void check(boolean ok, String what) {
            if (!ok) {
                throw new AssertionError(what);
            }
        }
    }

    /**
     * What chronicle-values itself generates for {@link JvmFlags#PREBUILT_CHRONICLE_CLASS}'s interface at run time:
     * run it on a class path without the prebuilt class and with {@code -Dchronicle.values.dumpCode=true}; writes
     * what Chronicle printed while making the class to {@code args[0]}, then whether the class was made at run time.
     * Touches only Chronicle and the JDK (the engine's classes are not on that class path).
     */
    static final class DumpChronicleValueClass {
        public static void main(String[] args) throws Exception {
            System.setProperty(StorageEngine.CHRONICLE_ANALYTICS_PROPERTY, "true");
            Class<?> valueInterface = Class.forName("net.openhft.chronicle.hash.VanillaGlobalMutableState");
            PrintStream out = System.out;
            ByteArrayOutputStream dumped = new ByteArrayOutputStream();
            Class<?> made;
            try {
                System.setOut(new PrintStream(dumped, true, StandardCharsets.UTF_8));
                made = net.openhft.chronicle.values.Values.nativeClassFor(valueInterface);
            } finally {
                System.setOut(out);
            }
            Files.write(Path.of(args[0]), dumped.toByteArray());
            System.out.println("made=" + made.getName());
            System.out.println("origin=" + origin(made));
        }
    }

    /** Where a class came from: a file or jar URL, {@code jrt:/<module>}, or {@code runtime} when defined in memory. */
    static String origin(Class<?> type) {
        if (type.getModule().isNamed()) {
            return "jrt:/" + type.getModule().getName();
        }
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? "runtime" : source.getLocation().toString();
    }
}
