package io.streamview.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmFlagsTest {

    /**
     * The modules the JDBC driver uses, without {@code jdk.compiler} (javac) but with {@code java.compiler}
     * ({@code javax.tools}, in every standard JRE), which chronicle-values links against.
     */
    static final String RUNTIME_WITHOUT_JAVAC =
            "java.base,java.logging,java.management,java.naming,java.sql,jdk.unsupported,java.xml,java.compiler";

    @TempDir
    Path tmp;

    /** How the message lists a missing flag. */
    private static String listed(String flag) {
        return "\n    " + flag + "\n";
    }

    private static List<String> without(List<String> flags, String dropped) {
        List<String> rest = new ArrayList<>(flags);
        rest.remove(dropped);
        return rest;
    }

    @Test
    void theTestJvmHasEveryFlag() {
        assertEquals(List.of(), JvmFlags.missing());
        assertEquals(List.of(), JvmFlags.missing(true));
        assertEquals(List.of(), JvmFlags.missing(false));
        JvmFlags.verify();
        JvmFlags.verify(true);
        JvmFlags.verify(false);
        assertEquals(List.of(JvmFlags.OPEN_JAVA_LANG, JvmFlags.OPEN_JAVA_LANG_REFLECT, JvmFlags.EXPORT_SUN_NIO_CH),
                JvmFlags.REQUIRED);
        assertTrue(JvmFlags.REQUIRED.stream().noneMatch(flag -> flag.contains("jdk.compiler")),
                "Chronicle's value class is prebuilt: no javac export");
        assertTrue(JvmFlags.hasPrebuiltChronicleClasses());
        assertEquals(JvmFlags.REQUIRED, JvmFlags.required(true));
        assertEquals(JvmFlags.REQUIRED_IN_MEMORY, JvmFlags.required(false));
        assertEquals(without(JvmFlags.REQUIRED, JvmFlags.EXPORT_SUN_NIO_CH), JvmFlags.REQUIRED_IN_MEMORY,
                "in memory: everything but the sun.nio.ch export, in the same order");
    }

    @Test
    void aJvmWithoutTheFlagsIsToldEveryMissingFlag() throws Exception {
        ChildJvm.Result child = ChildJvm.run(List.of(), ChildMains.ProbePersistent.class, tmp.resolve("data").toString());
        String out = child.output();
        assertEquals(0, child.exitCode(), out);
        assertTrue(out.contains("RESULT JVM_FLAGS_MISSING"), out);
        for (String flag : JvmFlags.REQUIRED) {
            assertTrue(out.contains(listed(flag)), "missing " + flag + " in:\n" + out);
        }
        assertTrue(out.contains("dbeaver.ini") && out.contains("-vmargs"), out);
    }

    @Test
    void onlyTheFlagsReallyMissingAreListed() throws Exception {
        ChildJvm.Result child = ChildJvm.run(List.of(JvmFlags.OPEN_JAVA_LANG, JvmFlags.EXPORT_SUN_NIO_CH),
                ChildMains.ProbePersistent.class, tmp.resolve("data").toString());
        String out = child.output();
        assertTrue(out.contains("RESULT JVM_FLAGS_MISSING"), out);
        assertTrue(out.contains(JvmFlags.OPEN_JAVA_LANG_REFLECT), out);
        assertFalse(out.contains("jdk.compiler"), "the javac export is not needed any more:\n" + out);
        // the two given flags are in effect, so they are not in the message
        String message = out.substring(out.indexOf("RESULT"));
        assertFalse(message.contains(JvmFlags.OPEN_JAVA_LANG + "\n"), out);
        assertFalse(message.contains(JvmFlags.EXPORT_SUN_NIO_CH), out);
    }

    @Test
    void withTheFlagsAPersistentStoreOpensAndAnalyticsAreDisabledFirst() throws Exception {
        ChildJvm.Result child = ChildJvm.run(JvmFlags.REQUIRED, ChildMains.ProbePersistent.class,
                tmp.resolve("data").toString());
        String out = child.output();
        assertTrue(out.contains("analytics.before=null"), out);
        assertTrue(out.contains("analytics.after=true"), out);
        assertTrue(out.contains("RESULT OK"), out);
    }

    @Test
    void anInMemoryEngineWithoutTheFlagsIsToldExactlyTheInMemoryOnesBeforeChronicleLoads() throws Exception {
        ChildJvm.Result child = ChildJvm.run(List.of("-Xlog:class+load=info"), ChildMains.ProbeInMemory.class);
        String out = child.output();
        assertEquals(0, child.exitCode(), out);
        String message = out.substring(out.indexOf("RESULT"));
        assertTrue(message.startsWith("RESULT JVM_FLAGS_MISSING"), out);
        assertTrue(message.contains("in-memory storage"), message);
        for (String flag : JvmFlags.REQUIRED_IN_MEMORY) {
            assertTrue(message.contains(listed(flag)), "missing " + flag + " in:\n" + message);
        }
        assertFalse(message.contains(listed(JvmFlags.EXPORT_SUN_NIO_CH)), "not needed in memory:\n" + message);
        assertTrue(message.contains("also need " + JvmFlags.EXPORT_SUN_NIO_CH), "hint for file databases:\n" + message);
        assertTrue(message.contains("dbeaver.ini") && message.contains("-vmargs"), message);
        assertFalse(message.contains("jdk.compiler"), message);
        assertFalse(out.contains("net.openhft."), "a Chronicle class was loaded before the check failed:\n" + out);
    }

    /**
     * A runtime without {@code jdk.compiler} (a JRE, a trimmed jlink image such as DBeaver's) and without the javac
     * export: every kind of store opens and works, because the build compiled Chronicle's generated class and
     * {@code com.sun.tools.javac.api.JavacTool}'s stand-in satisfies Chronicle's compiler lookup.
     */
    @Test
    void storesWorkOnARuntimeWithoutTheJdkCompilerModule() throws Exception {
        List<String> options = new ArrayList<>(JvmFlags.REQUIRED);
        options.add("--limit-modules=" + RUNTIME_WITHOUT_JAVAC);
        ChildJvm.Result child = ChildJvm.run(options, ChildMains.ExerciseStores.class, tmp.toString());
        String out = child.output();
        assertTrue(out.contains("RESULT OK"), out);
        assertFalse(out.contains("jrt:/jdk.compiler"), out);
        assertTrue(out.contains("javac-tool=file:"), "the stand-in JavacTool, from the class path:\n" + out);
        assertTrue(out.contains("value-class=file:"), "the prebuilt value class, from the class path:\n" + out);
        out.lines().filter(l -> l.startsWith("TIMING")).forEach(l -> System.out.println(l + " (no jdk.compiler)"));

        // the same on a full JDK: the real JavacTool is found, the stand-in ignored
        ChildJvm.Result full = ChildJvm.run(JvmFlags.REQUIRED, ChildMains.ExerciseStores.class,
                Files.createDirectories(tmp.resolve("full")).toString());
        assertTrue(full.output().contains("RESULT OK"), full.output());
        assertTrue(full.output().contains("javac-tool=jrt:/jdk.compiler"), full.output());
    }

    /** Without {@code java.compiler} Chronicle cannot link: the check says so before any Chronicle class loads. */
    @Test
    void aRuntimeWithoutTheCompilerApiModuleIsToldSoBeforeChronicleLoads() throws Exception {
        List<String> options = new ArrayList<>(JvmFlags.REQUIRED);
        options.add("--limit-modules=" + RUNTIME_WITHOUT_JAVAC.replace(",java.compiler", ""));
        options.add("-Xlog:class+load=info");
        ChildJvm.Result child = ChildJvm.run(options, ChildMains.ProbeInMemory.class);
        String out = child.output();
        assertEquals(0, child.exitCode(), out);
        String message = out.substring(out.indexOf("RESULT"));
        assertTrue(message.startsWith("RESULT JVM_FLAGS_MISSING"), out);
        assertTrue(message.contains("cannot run on this Java runtime"), message);
        assertTrue(message.contains("lacks the java.compiler module"), message);
        assertFalse(message.contains("ALL-UNNAMED"), "no option is missing:\n" + message);
        assertFalse(out.contains("net.openhft."), "a Chronicle class was loaded before the check failed:\n" + out);
    }

    @Test
    void anInMemoryEngineRunsWithoutTheSunNioChExportAndDisablesAnalyticsFirst() throws Exception {
        ChildJvm.Result child = ChildJvm.run(JvmFlags.REQUIRED_IN_MEMORY, ChildMains.ProbeInMemory.class);
        String out = child.output();
        assertEquals(0, child.exitCode(), out);
        assertTrue(out.contains("analytics.before=null"), out);
        assertTrue(out.contains("analytics.after=true"), out);
        assertTrue(out.contains("RESULT OK"), out);
        out.lines().filter(l -> l.startsWith("TIMING")).forEach(System.out::println);

        // the persistent check still wants the export in that JVM, and lists only it
        ChildJvm.Result persistent = ChildJvm.run(JvmFlags.REQUIRED_IN_MEMORY, ChildMains.ProbePersistent.class,
                tmp.resolve("data").toString());
        String message = persistent.output().substring(persistent.output().indexOf("RESULT"));
        assertTrue(message.startsWith("RESULT JVM_FLAGS_MISSING"), persistent.output());
        assertTrue(message.contains(listed(JvmFlags.EXPORT_SUN_NIO_CH)), message);
        for (String flag : JvmFlags.REQUIRED_IN_MEMORY) {
            assertFalse(message.contains(flag), flag + " is in effect:\n" + message);
        }
    }

    /**
     * What Chronicle itself needs, bypassing the check: each flag of a set is needed (the map fails
     * without it) and the set is enough. Keeps {@link JvmFlags#REQUIRED_IN_MEMORY} and
     * {@link JvmFlags#REQUIRED} honest when Chronicle or the JDK changes.
     */
    @Test
    void eachFlagIsReallyNeededAndTheSetsAreEnough() throws Exception {
        Path files = Files.createDirectories(tmp.resolve("raw"));
        Map<String, List<String>> runs = new LinkedHashMap<>();
        Map<String, Boolean> expectOk = new LinkedHashMap<>();
        runs.put("mem with REQUIRED_IN_MEMORY", JvmFlags.REQUIRED_IN_MEMORY);
        expectOk.put("mem with REQUIRED_IN_MEMORY", true);
        for (String flag : JvmFlags.REQUIRED_IN_MEMORY) {
            runs.put("mem without " + flag, without(JvmFlags.REQUIRED_IN_MEMORY, flag));
            expectOk.put("mem without " + flag, false);
        }
        runs.put("file with REQUIRED", JvmFlags.REQUIRED);
        expectOk.put("file with REQUIRED", true);
        runs.put("file without " + JvmFlags.EXPORT_SUN_NIO_CH, JvmFlags.REQUIRED_IN_MEMORY);
        expectOk.put("file without " + JvmFlags.EXPORT_SUN_NIO_CH, false);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Map<String, CompletableFuture<ChildJvm.Result>> results = new LinkedHashMap<>();
            int n = 0;
            for (Map.Entry<String, List<String>> run : runs.entrySet()) {
                String[] args = run.getKey().startsWith("mem")
                        ? new String[] {"mem"}
                        : new String[] {"file", Files.createDirectories(files.resolve("d" + n++)).toString()};
                results.put(run.getKey(), CompletableFuture.supplyAsync(() -> {
                    try {
                        return ChildJvm.run(run.getValue(), ChildMains.RawChronicle.class, args);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            for (Map.Entry<String, CompletableFuture<ChildJvm.Result>> result : results.entrySet()) {
                String out = result.getValue().get().output();
                String expected = expectOk.get(result.getKey()) ? "RESULT OK" : "RESULT FAILED";
                assertTrue(out.contains(expected), result.getKey() + ": expected " + expected + " in:\n" + out);
                if (!expectOk.get(result.getKey())) {
                    assertTrue(out.contains("InaccessibleObjectException") || out.contains("IllegalAccess"),
                            result.getKey() + ": failed for another reason than module access:\n" + out);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
