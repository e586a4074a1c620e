package io.streamview.engine.build;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Build step of {@code streamview-engine} (see {@code engine/pom.xml}, phase {@code generate-sources}): writes
 * the Java source of the classes chronicle-values would otherwise generate and compile with {@code javac} in the
 * running JVM, so that Maven compiles them with the engine and Chronicle finds them on the class path.
 *
 * <p>How chronicle-values (the version Chronicle Map depends on) gets the implementation of a value interface
 * {@code p.I}: {@code Values.nativeClassFor(I)} → {@code ValueModel.acquire(I).nativeClass()} → {@code createClass}
 * first calls {@code loadClass("p.I$$Native")} on the interface's class loader and returns the class if that
 * works; only on {@code ClassNotFoundException} does it call {@code Generators.generateNativeClass(model,
 * "I$$Native")} and compile the result. This tool calls that very generator, by reflection (it is
 * package-private), so the source is the one Chronicle would compile ({@code PrebuiltChronicleClassesTest}
 * compares it with Chronicle's own {@code -Dchronicle.values.dumpCode=true} output in a JVM without the prebuilt
 * classes).
 *
 * <p>Run on the build's full JDK as a single-file source program:
 * {@code java --add-opens=java.base/java.lang=ALL-UNNAMED -cp <engine's compile class path>
 * GenerateChronicleValues.java <output dir> <value interface>...}. A file whose content is unchanged is not
 * rewritten, so incremental compilation stays quiet.
 */
public final class GenerateChronicleValues {

    private GenerateChronicleValues() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: GenerateChronicleValues <output dir> <value interface>...");
        }
        System.setProperty("chronicle.analytics.disable", "true");
        Path outputDir = Path.of(args[0]);
        List<String> interfaces = Arrays.asList(args).subList(1, args.length);
        for (String name : interfaces) {
            Class<?> valueType = Class.forName(name);
            String packageName = valueType.getPackageName();
            String simpleName = nativeSimpleName(valueType);
            String source = generateNativeClass(valueType, simpleName);
            Path file = outputDir.resolve(packageName.replace('.', '/')).resolve(simpleName + ".java");
            boolean unchanged = Files.exists(file)
                    && Files.readString(file, StandardCharsets.UTF_8).equals(source);
            if (!unchanged) {
                write(file, source);
                System.out.println("[chronicle-values] wrote " + file);
            }
        }
    }

    /** {@code ValueModel.simpleName() + ValueModel.$$NATIVE}, as {@code ValueModel.createNativeClass()} names it. */
    static String nativeSimpleName(Class<?> valueType) throws ReflectiveOperationException {
        Class<?> valueModelClass = Class.forName("net.openhft.chronicle.values.ValueModel");
        Field nativeSuffix = valueModelClass.getField("$$NATIVE");
        Method simpleName = valueModelClass.getDeclaredMethod("simpleName", Class.class);
        simpleName.setAccessible(true);
        return simpleName.invoke(null, valueType) + (String) nativeSuffix.get(null);
    }

    /** {@code Generators.generateNativeClass(ValueModel.acquire(valueType), simpleName)}. */
    static String generateNativeClass(Class<?> valueType, String simpleName) throws ReflectiveOperationException {
        Class<?> valueModelClass = Class.forName("net.openhft.chronicle.values.ValueModel");
        Class<?> generators = Class.forName("net.openhft.chronicle.values.Generators");
        Method generate = generators.getDeclaredMethod("generateNativeClass", valueModelClass, String.class);
        generate.setAccessible(true);
        try {
            Object model = valueModelClass.getMethod("acquire", Class.class).invoke(null, valueType);
            return (String) generate.invoke(null, model, simpleName);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("chronicle-values could not generate " + simpleName + " (does this JVM"
                    + " have --add-opens=java.base/java.lang=ALL-UNNAMED?): " + e.getCause(), e.getCause());
        }
    }

    private static void write(Path file, String source) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, source, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
