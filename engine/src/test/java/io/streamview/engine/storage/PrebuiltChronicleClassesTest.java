package io.streamview.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.openhft.chronicle.hash.VanillaGlobalMutableState;
import net.openhft.chronicle.values.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's build compiles the class chronicle-values would otherwise generate and compile with javac when the
 * first map of a JVM opens ({@code engine/src/build/java/.../GenerateChronicleValues.java}, run by
 * {@code engine/pom.xml}). These tests keep that honest: Chronicle uses the prebuilt class, no store operation makes
 * it generate any other, and the prebuilt source is exactly what the chronicle-values on the class path generates.
 */
class PrebuiltChronicleClassesTest {

    @TempDir
    Path tmp;

    /** The directory (or jar) the engine's main classes come from; the prebuilt class is in it. */
    private static Path engineClasses() throws URISyntaxException {
        return Path.of(ChronicleRowStore.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void chronicleUsesThePrebuiltClass() throws Exception {
        Class<?> nativeClass = Values.nativeClassFor(VanillaGlobalMutableState.class);
        assertEquals(JvmFlags.PREBUILT_CHRONICLE_CLASS, nativeClass.getName());
        assertEquals(ChronicleRowStore.class.getProtectionDomain().getCodeSource().getLocation().toString(),
                ChildMains.origin(nativeClass),
                "loaded from the engine's classes, not defined by Chronicle's compiler");
        assertTrue(JvmFlags.hasPrebuiltChronicleClasses());
    }

    /**
     * Every store operation, in a JVM logging each class it loads: Chronicle defines no class of its own
     * ({@code $$Native}/{@code $$Heap} classes come from a file) and javac never parses or compiles anything.
     */
    @Test
    void noStoreOperationMakesChronicleGenerateOrCompileAClass() throws Exception {
        List<String> options = new ArrayList<>(JvmFlags.REQUIRED);
        options.add("-Xlog:class+load=info");
        ChildJvm.Result child = ChildJvm.run(options, ChildMains.ExerciseStores.class, tmp.toString());
        String out = child.output();
        assertTrue(out.contains("RESULT OK"), tail(out));
        List<String> loads = out.lines().filter(l -> l.contains("[class,load]")).collect(Collectors.toList());
        assertTrue(loads.size() > 1000, "class loading was logged:\n" + tail(out));

        List<String> generated = loads.stream().filter(l -> l.contains("$$Native ") || l.contains("$$Heap "))
                .collect(Collectors.toList());
        assertEquals(1, generated.size(), "value classes loaded: " + generated);
        assertTrue(generated.get(0).contains(JvmFlags.PREBUILT_CHRONICLE_CLASS + " source: file:"), generated.get(0));

        List<String> definedInMemory = loads.stream()
                .filter(l -> l.contains("source: __JVM_DefineClass__") && l.contains("$$"))
                .collect(Collectors.toList());
        assertEquals(List.of(), definedInMemory, "classes Chronicle generated at run time");

        List<String> compiling = loads.stream()
                .filter(l -> l.contains(" com.sun.tools.javac.main.") || l.contains(" com.sun.tools.javac.parser.")
                        // only ever loaded to generate a source, or to hand one to the compiler
                        || l.contains(" net.openhft.chronicle.values.ValueBuilder ")
                        || l.contains(" com.squareup.javapoet.JavaFile ")
                        || l.contains(" net.openhft.compiler.JavaSourceFromString "))
                .collect(Collectors.toList());
        assertEquals(List.of(), compiling, "javac or chronicle-values' source generator (JavaPoet) ran");
    }

    /**
     * The source the build compiled is byte for byte what chronicle-values generates at run time when the class is
     * not prebuilt ({@code -Dchronicle.values.dumpCode=true}, in a JVM whose class path lacks the engine's
     * classes), so upgrading chronicle-values cannot leave a stale class behind unnoticed.
     */
    @Test
    void thePrebuiltSourceIsWhatChronicleGeneratesAtRunTime() throws Exception {
        Path engineClasses = engineClasses();
        String classPath = Stream.of(ChildJvm.classPath().split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).toAbsolutePath().equals(engineClasses.toAbsolutePath()))
                .collect(Collectors.joining(File.pathSeparator));
        assertFalse(classPath.equals(ChildJvm.classPath()), "the engine's classes are on the test class path");

        Path dump = tmp.resolve("dumped.java");
        List<String> options = List.of(JvmFlags.OPEN_JAVA_LANG, JvmFlags.OPEN_JAVA_LANG_REFLECT,
                JvmFlags.EXPORT_JAVAC_FILE, "-Dchronicle.values.dumpCode=true");
        String out = runWithClassPath(classPath, options, ChildMains.DumpChronicleValueClass.class, dump.toString());
        assertTrue(out.contains("made=" + JvmFlags.PREBUILT_CHRONICLE_CLASS), out);
        assertTrue(out.contains("origin=runtime"), "Chronicle compiled it at run time:\n" + out);

        String simpleName = JvmFlags.PREBUILT_CHRONICLE_CLASS.substring(
                JvmFlags.PREBUILT_CHRONICLE_CLASS.lastIndexOf('.') + 1);
        Path generated = Path.of(System.getProperty("streamview.chronicleValues.sources",
                        engineClasses.resolveSibling("generated-sources/chronicle-values").toString()))
                .resolve("net/openhft/chronicle/hash").resolve(simpleName + ".java");
        assertTrue(Files.exists(generated), generated + " (written by the build's generate-sources phase)");
        String prebuilt = Files.readString(generated, StandardCharsets.UTF_8);
        String runtime = Files.readString(dump, StandardCharsets.UTF_8);
        assertTrue(prebuilt.contains("public class " + simpleName + " implements VanillaGlobalMutableState"), prebuilt);
        assertEquals(prebuilt + System.lineSeparator(), runtime, "chronicle-values prints the source with println");
    }

    /**
     * An engine built without the generated class (an IDE build that skipped {@code generate-sources}): the check
     * asks for the javac export, and with it Chronicle compiles the class at run time as it used to.
     */
    @Test
    void withoutThePrebuiltClassTheCheckAsksForWhatARunTimeCompileNeeds() throws Exception {
        Path engineClasses = engineClasses();
        Path copy = tmp.resolve("classes-without-prebuilt");
        try (Stream<Path> files = Files.walk(engineClasses)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String relative = engineClasses.relativize(file).toString().replace(File.separatorChar, '/');
                if (relative.startsWith("net/openhft/") || relative.startsWith("com/sun/")) {
                    continue;
                }
                Path target = copy.resolve(relative);
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        String classPath = ChildJvm.classPath().replace(engineClasses.toString(), copy.toString());
        assertFalse(classPath.equals(ChildJvm.classPath()), "the engine's classes are on the test class path");

        String refused = runWithClassPath(classPath, JvmFlags.REQUIRED_IN_MEMORY, ChildMains.ProbeInMemory.class);
        String message = refused.substring(refused.indexOf("RESULT"));
        assertTrue(message.startsWith("RESULT JVM_FLAGS_MISSING"), refused);
        assertTrue(message.contains("\n    " + JvmFlags.EXPORT_JAVAC_FILE + "\n"), message);
        assertTrue(message.contains("The class path lacks " + JvmFlags.PREBUILT_CHRONICLE_CLASS), message);

        List<String> options = new ArrayList<>(JvmFlags.REQUIRED_IN_MEMORY);
        options.add(JvmFlags.EXPORT_JAVAC_FILE);
        String compiled = runWithClassPath(classPath, options, ChildMains.ProbeInMemory.class);
        assertTrue(compiled.contains("RESULT OK"), compiled);
        compiled.lines().filter(l -> l.startsWith("TIMING"))
                .forEach(l -> System.out.println(l + " (compiled by javac at run time)"));
    }

    private static String runWithClassPath(String classPath, List<String> options, Class<?> main, String... args)
            throws Exception {
        ProcessBuilder builder = ChildJvm.builder(options, main, args);
        List<String> command = builder.command();
        command.set(command.indexOf(ChildJvm.classPath()), classPath);
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), out);
        return out;
    }

    private static String tail(String out) {
        return out.length() < 20_000 ? out : "…" + out.substring(out.length() - 20_000);
    }

    /** On a JDK the class path cannot override {@code jdk.compiler}: the stand-in is never loaded. */
    @Test
    void theStandInJavacToolIsShadowedOnAJdk() throws Exception {
        assertEquals("jrt:/jdk.compiler", ChildMains.origin(Class.forName("com.sun.tools.javac.api.JavacTool")));
    }
}
