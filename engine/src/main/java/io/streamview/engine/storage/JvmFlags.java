package io.streamview.engine.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JVM options Chronicle Map needs on Java 17+, and a check of the running JVM's real module
 * state (not of its command line) so options given any way — command line, {@code JDK_JAVA_OPTIONS},
 * an executable jar's manifest — count.
 */
public final class JvmFlags {

    static final String OPEN_JAVA_LANG = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    static final String OPEN_JAVA_LANG_REFLECT = "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED";
    static final String EXPORT_JAVAC_FILE = "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED";
    static final String EXPORT_SUN_NIO_CH = "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED";

    /** Every option the file-backed storage needs, in the order to write them. */
    public static final List<String> REQUIRED =
            List.of(OPEN_JAVA_LANG, OPEN_JAVA_LANG_REFLECT, EXPORT_JAVAC_FILE, EXPORT_SUN_NIO_CH);

    private JvmFlags() {
    }

    /** The {@link #REQUIRED} options this JVM runs without; empty when all are in effect. */
    public static List<String> missing() {
        Module javaBase = Object.class.getModule();
        Module us = JvmFlags.class.getModule();
        List<String> missing = new ArrayList<>();
        if (!javaBase.isOpen("java.lang", us)) {
            missing.add(OPEN_JAVA_LANG);
        }
        if (!javaBase.isOpen("java.lang.reflect", us)) {
            missing.add(OPEN_JAVA_LANG_REFLECT);
        }
        Optional<Module> compiler = ModuleLayer.boot().findModule("jdk.compiler");
        if (compiler.isEmpty() || !compiler.get().isExported("com.sun.tools.javac.file", us)) {
            missing.add(EXPORT_JAVAC_FILE);
        }
        if (!javaBase.isExported("sun.nio.ch", us)) {
            missing.add(EXPORT_SUN_NIO_CH);
        }
        return List.copyOf(missing);
    }

    /** Whether this JVM has the {@code jdk.compiler} module (a JDK rather than a bare JRE). */
    public static boolean hasCompilerModule() {
        return ModuleLayer.boot().findModule("jdk.compiler").isPresent();
    }

    /**
     * @throws StorageException JVM_FLAGS_MISSING listing every missing option and where to add it
     */
    public static void verify() {
        List<String> missing = missing();
        if (missing.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder()
                .append("StreamView's file storage (Chronicle Map) needs JVM options this JVM was started without:");
        for (String flag : missing) {
            message.append("\n    ").append(flag);
        }
        message.append("\nAdd them to the JVM that loads the StreamView driver: on the java command line, in the")
                .append(" JDK_JAVA_OPTIONS environment variable, or for DBeaver in dbeaver.ini, one per line")
                .append(" after the -vmargs line; then restart that JVM.");
        if (!hasCompilerModule()) {
            message.append("\nThis JVM also has no jdk.compiler module: run it on a full JDK 17+, not a JRE.");
        }
        message.append(" (In-memory databases work without these options.)");
        throw new StorageException(StorageException.Code.JVM_FLAGS_MISSING, message.toString());
    }
}
