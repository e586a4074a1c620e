package io.streamview.engine.storage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts a {@code java} child process on this test JVM's classpath. */
final class ChildJvm {

    private ChildJvm() {
    }

    static String classPath() {
        return System.getProperty("java.class.path");
    }

    static ProcessBuilder builder(List<String> jvmOptions, Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath());
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    /** Runs to completion and returns exit code plus combined output. */
    static Result run(List<String> jvmOptions, Class<?> main, String... args) throws IOException, InterruptedException {
        Process process = builder(jvmOptions, main, args).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("child JVM did not finish: " + output);
        }
        return new Result(process.exitValue(), output);
    }

    /** Reads the child's output until a line equal to {@code expected}; fails with everything read otherwise. */
    static void awaitLine(Process process, BufferedReader reader, String expected) throws IOException {
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.equals(expected)) {
                return;
            }
            seen.append(line).append('\n');
        }
        throw new IllegalStateException("child exited (" + process.isAlive() + ") before printing " + expected
                + ":\n" + seen);
    }

    static BufferedReader reader(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    record Result(int exitCode, String output) {
    }
}
