package io.streamview.engine.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options Chronicle Map needs on Java 17+, and a check of the running JVM's real module
 * state (not of its command line) so options given any way — command line, {@code JDK_JAVA_OPTIONS},
 * an executable jar's manifest — count.
 *
 * <p>Every store is a Chronicle Map, so every engine needs {@link #REQUIRED_IN_MEMORY}; an engine
 * whose stores are files needs {@link #REQUIRED} (those plus the {@code sun.nio.ch} export Chronicle
 * uses to map files). Measured on Java 17 with chronicle-map 3.27ea2: without either {@code --add-opens}
 * an in-memory map fails to create; without the {@code sun.nio.ch} export only a file-backed map fails.
 *
 * <p>No {@code jdk.compiler} module or export is needed: the build compiles the class Chronicle would
 * otherwise generate and compile with {@code javac} at run time ({@link #PREBUILT_CHRONICLE_CLASS}, see
 * {@code engine/src/build/java/io/streamview/engine/build/GenerateChronicleValues.java}). The runtime still needs
 * the small {@code java.compiler} module ({@code javax.tools}, in every standard JRE), which chronicle-values links
 * against whether it compiles or not. Should the prebuilt class be missing (a build that skipped Maven's
 * {@code generate-sources}), Chronicle falls back to {@code javac}, so the check then also wants
 * {@link #EXPORT_JAVAC_FILE} and the {@code jdk.compiler} module.
 */
public final class JvmFlags {

    static final String OPEN_JAVA_LANG = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    static final String OPEN_JAVA_LANG_REFLECT = "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED";
    static final String EXPORT_SUN_NIO_CH = "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED";
    /** Needed only when Chronicle compiles at run time, i.e. without {@link #PREBUILT_CHRONICLE_CLASS}. */
    static final String EXPORT_JAVAC_FILE = "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED";

    /** The module chronicle-values links against ({@code javax.tools}) even when it compiles nothing. */
    static final String COMPILER_API_MODULE = "java.compiler";
    /** The module with {@code javac}, needed only when Chronicle compiles at run time. */
    static final String COMPILER_MODULE = "jdk.compiler";

    /**
     * The class chronicle-values would generate and compile at run time for every map, prebuilt by the
     * engine's build; Chronicle loads it from the class path instead.
     */
    static final String PREBUILT_CHRONICLE_CLASS = "net.openhft.chronicle.hash.VanillaGlobalMutableState$$Native";

    /** Every option the file-backed storage needs, in the order to write them (a superset of {@link #REQUIRED_IN_MEMORY}). */
    public static final List<String> REQUIRED = List.of(OPEN_JAVA_LANG, OPEN_JAVA_LANG_REFLECT, EXPORT_SUN_NIO_CH);

    /** Every option the in-memory (off-heap, no file) storage needs, in the order to write them. */
    public static final List<String> REQUIRED_IN_MEMORY = List.of(OPEN_JAVA_LANG, OPEN_JAVA_LANG_REFLECT);

    private JvmFlags() {
    }

    /** {@link #REQUIRED} for file-backed storage, {@link #REQUIRED_IN_MEMORY} otherwise. */
    public static List<String> required(boolean persistent) {
        return persistent ? REQUIRED : REQUIRED_IN_MEMORY;
    }

    /** The {@link #REQUIRED} (file-backed) options this JVM runs without; empty when all are in effect. */
    public static List<String> missing() {
        return missing(true);
    }

    /**
     * The {@link #required} options this JVM runs without, in their order, plus {@link #EXPORT_JAVAC_FILE} if
     * Chronicle would have to compile at run time (no {@link #PREBUILT_CHRONICLE_CLASS}); empty when all are in effect.
     */
    public static List<String> missing(boolean persistent) {
        List<String> missing = new ArrayList<>();
        for (String flag : required(persistent)) {
            if (!inEffect(flag)) {
                missing.add(flag);
            }
        }
        if (!hasPrebuiltChronicleClasses() && !inEffect(EXPORT_JAVAC_FILE)) {
            missing.add(EXPORT_JAVAC_FILE);
        }
        return List.copyOf(missing);
    }

    private static boolean inEffect(String flag) {
        Module javaBase = Object.class.getModule();
        Module us = JvmFlags.class.getModule();
        return switch (flag) {
            case OPEN_JAVA_LANG -> javaBase.isOpen("java.lang", us);
            case OPEN_JAVA_LANG_REFLECT -> javaBase.isOpen("java.lang.reflect", us);
            case EXPORT_SUN_NIO_CH -> javaBase.isExported("sun.nio.ch", us);
            case EXPORT_JAVAC_FILE -> ModuleLayer.boot().findModule(COMPILER_MODULE)
                    .map(compiler -> compiler.isExported("com.sun.tools.javac.file", us))
                    .orElse(false);
            default -> throw new IllegalArgumentException(flag);
        };
    }

    /** Whether this JVM has the {@code java.compiler} module ({@code javax.tools}), which Chronicle always needs. */
    public static boolean hasCompilerApiModule() {
        return ModuleLayer.boot().findModule(COMPILER_API_MODULE).isPresent();
    }

    /** Whether this JVM has the {@code jdk.compiler} module ({@code javac}), needed only without the prebuilt class. */
    public static boolean hasCompilerModule() {
        return ModuleLayer.boot().findModule(COMPILER_MODULE).isPresent();
    }

    /**
     * Whether {@link #PREBUILT_CHRONICLE_CLASS} is on the class path that loads Chronicle (looked up as a
     * resource: no class is loaded, so Chronicle's analytics switch still comes first).
     */
    static boolean hasPrebuiltChronicleClasses() {
        ClassLoader loader = JvmFlags.class.getClassLoader();
        return loader != null && loader.getResource(PREBUILT_CHRONICLE_CLASS.replace('.', '/') + ".class") != null;
    }

    /**
     * {@link #verify(boolean) verify(true)}: the check for file-backed storage.
     *
     * @throws StorageException JVM_FLAGS_MISSING listing every missing option and where to add it
     */
    public static void verify() {
        verify(true);
    }

    /**
     * Checks the options {@link #required(boolean) required(persistent)} and the {@code java.compiler} module (plus
     * what a run-time compile needs when {@link #PREBUILT_CHRONICLE_CLASS} is missing).
     *
     * @param persistent {@code true} for an engine whose stores are files, {@code false} for an in-memory one
     * @throws StorageException JVM_FLAGS_MISSING listing every missing option and module and where to add them
     */
    public static void verify(boolean persistent) {
        List<String> missing = missing(persistent);
        boolean prebuilt = hasPrebuiltChronicleClasses();
        boolean modulesMissing = !hasCompilerApiModule() || (!prebuilt && !hasCompilerModule());
        if (missing.isEmpty() && !modulesMissing) {
            return;
        }
        String storage = persistent ? "StreamView's file storage (Chronicle Map)"
                : "StreamView's in-memory storage (off-heap Chronicle Map)";
        StringBuilder message = new StringBuilder();
        if (!missing.isEmpty()) {
            message.append(storage).append(" needs JVM options this JVM was started without:");
            for (String flag : missing) {
                message.append("\n    ").append(flag);
            }
            message.append("\nAdd them to the JVM that loads the StreamView driver: on the java command line, in the")
                    .append(" JDK_JAVA_OPTIONS environment variable, or for DBeaver in dbeaver.ini, one per line")
                    .append(" after the -vmargs line; then restart that JVM.");
            if (!persistent && !inEffect(EXPORT_SUN_NIO_CH)) {
                message.append(" Databases stored in files also need ").append(EXPORT_SUN_NIO_CH)
                        .append(": add it at the same time to save another restart.");
            }
        } else {
            message.append(storage).append(" cannot run on this Java runtime.");
        }
        if (!hasCompilerApiModule()) {
            message.append("\nThis Java runtime lacks the ").append(COMPILER_API_MODULE)
                    .append(" module (javax.tools), which Chronicle Map needs: run a standard JRE or JDK 17+ (they all")
                    .append(" have it), or add it to a jlink image with --add-modules ").append(COMPILER_API_MODULE)
                    .append('.');
        }
        if (!prebuilt) {
            message.append("\nThe class path lacks ").append(PREBUILT_CHRONICLE_CLASS)
                    .append(", which StreamView's build compiles so that Chronicle need not run javac (was the engine")
                    .append(" built without Maven's generate-sources phase?); without it Chronicle compiles it at")
                    .append(" first use, which needs ").append(EXPORT_JAVAC_FILE);
            message.append(hasCompilerModule() ? "." : " and a full JDK (this runtime has no jdk.compiler module).");
        }
        throw new StorageException(StorageException.Code.JVM_FLAGS_MISSING, message.toString());
    }
}
