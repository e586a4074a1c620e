package io.streamview.engine.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JVM options Chronicle Map needs on Java 17+, and a check of the running JVM's real module
 * state (not of its command line) so options given any way — command line, {@code JDK_JAVA_OPTIONS},
 * an executable jar's manifest — count.
 *
 * <p>Every store is a Chronicle Map, so every engine needs {@link #REQUIRED_IN_MEMORY}; an engine
 * whose stores are files needs {@link #REQUIRED} (those plus the {@code sun.nio.ch} export Chronicle
 * uses to map files). Measured on Java 17 with chronicle-map 3.27ea2: without either {@code --add-opens}
 * or the {@code javac.file} export an in-memory map fails to create; without the {@code sun.nio.ch}
 * export only a file-backed map fails.
 */
public final class JvmFlags {

    static final String OPEN_JAVA_LANG = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    static final String OPEN_JAVA_LANG_REFLECT = "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED";
    static final String EXPORT_JAVAC_FILE = "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED";
    static final String EXPORT_SUN_NIO_CH = "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED";

    /** Every option the file-backed storage needs, in the order to write them (a superset of {@link #REQUIRED_IN_MEMORY}). */
    public static final List<String> REQUIRED =
            List.of(OPEN_JAVA_LANG, OPEN_JAVA_LANG_REFLECT, EXPORT_JAVAC_FILE, EXPORT_SUN_NIO_CH);

    /** Every option the in-memory (off-heap, no file) storage needs, in the order to write them. */
    public static final List<String> REQUIRED_IN_MEMORY =
            List.of(OPEN_JAVA_LANG, OPEN_JAVA_LANG_REFLECT, EXPORT_JAVAC_FILE);

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

    /** The {@link #required} options this JVM runs without, in their order; empty when all are in effect. */
    public static List<String> missing(boolean persistent) {
        List<String> missing = new ArrayList<>();
        for (String flag : required(persistent)) {
            if (!inEffect(flag)) {
                missing.add(flag);
            }
        }
        return List.copyOf(missing);
    }

    private static boolean inEffect(String flag) {
        Module javaBase = Object.class.getModule();
        Module us = JvmFlags.class.getModule();
        return switch (flag) {
            case OPEN_JAVA_LANG -> javaBase.isOpen("java.lang", us);
            case OPEN_JAVA_LANG_REFLECT -> javaBase.isOpen("java.lang.reflect", us);
            case EXPORT_JAVAC_FILE -> {
                Optional<Module> compiler = ModuleLayer.boot().findModule("jdk.compiler");
                yield compiler.isPresent() && compiler.get().isExported("com.sun.tools.javac.file", us);
            }
            case EXPORT_SUN_NIO_CH -> javaBase.isExported("sun.nio.ch", us);
            default -> throw new IllegalArgumentException(flag);
        };
    }

    /** Whether this JVM has the {@code jdk.compiler} module (a JDK rather than a bare JRE). */
    public static boolean hasCompilerModule() {
        return ModuleLayer.boot().findModule("jdk.compiler").isPresent();
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
     * Checks the options {@link #required(boolean) required(persistent)}.
     *
     * @param persistent {@code true} for an engine whose stores are files, {@code false} for an in-memory one
     * @throws StorageException JVM_FLAGS_MISSING listing every missing option and where to add it
     */
    public static void verify(boolean persistent) {
        List<String> missing = missing(persistent);
        if (missing.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder()
                .append(persistent
                        ? "StreamView's file storage (Chronicle Map) needs JVM options this JVM was started without:"
                        : "StreamView's in-memory storage (off-heap Chronicle Map) needs JVM options this JVM was"
                                + " started without:");
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
        if (!hasCompilerModule()) {
            message.append("\nThis JVM also has no jdk.compiler module: run it on a full JDK 17+, not a JRE.");
        }
        throw new StorageException(StorageException.Code.JVM_FLAGS_MISSING, message.toString());
    }
}
