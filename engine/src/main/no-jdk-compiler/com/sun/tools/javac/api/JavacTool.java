package com.sun.tools.javac.api;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.tools.DiagnosticListener;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;

/**
 * Stand-in that lets Chronicle Map start on a Java runtime without the {@code jdk.compiler} module (a JRE, a
 * trimmed {@code jlink} image). Never loaded on a JDK: there the package belongs to {@code jdk.compiler}, which
 * the class path cannot override, and {@code ToolProvider} finds the real compiler first anyway.
 *
 * <p>Why it exists: every chronicle-values {@code ValueModel} touches {@code net.openhft.compiler.CompilerUtils},
 * whose static initialiser wants a compiler — {@code ToolProvider.getSystemJavaCompiler()}, else
 * {@code Class.forName("com.sun.tools.javac.api.JavacTool").getMethod("create").invoke(null)} — and throws
 * {@code AssertionError(ClassNotFoundException)} when neither exists, even though nothing will be compiled:
 * StreamView's build compiles every class Chronicle generates for its stores ahead of time (see
 * {@code engine/src/build/java/io/streamview/engine/build/GenerateChronicleValues.java}). This class satisfies
 * that initialiser; should Chronicle still try to compile something, it fails with a message saying why instead
 * of with a {@code NullPointerException}.
 */
public final class JavacTool implements JavaCompiler {

    private static final String NO_COMPILER = "This Java runtime has no jdk.compiler module, and Chronicle Map"
            + " asked to compile a class StreamView did not build ahead of time. Run StreamView on a full JDK 17+,"
            + " and please report this with the stack trace: every class Chronicle generates should be prebuilt.";

    private JavacTool() {
    }

    /** What {@code CompilerUtils} calls reflectively, as on the real {@code JavacTool}. */
    public static JavacTool create() {
        return new JavacTool();
    }

    @Override
    public CompilationTask getTask(Writer out, JavaFileManager fileManager,
                                   DiagnosticListener<? super JavaFileObject> diagnosticListener,
                                   Iterable<String> options, Iterable<String> classes,
                                   Iterable<? extends JavaFileObject> compilationUnits) {
        throw new UnsupportedOperationException(NO_COMPILER);
    }

    @Override
    public StandardJavaFileManager getStandardFileManager(DiagnosticListener<? super JavaFileObject> diagnosticListener,
                                                          Locale locale, Charset charset) {
        throw new UnsupportedOperationException(NO_COMPILER);
    }

    @Override
    public int run(InputStream in, OutputStream out, OutputStream err, String... arguments) {
        throw new UnsupportedOperationException(NO_COMPILER);
    }

    @Override
    public Set<SourceVersion> getSourceVersions() {
        return Set.of();
    }

    @Override
    public int isSupportedOption(String option) {
        return -1;
    }
}
