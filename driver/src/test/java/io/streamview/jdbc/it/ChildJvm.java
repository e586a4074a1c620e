package io.streamview.jdbc.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@link SqlProbe} in a new JVM with the test classpath and the JVM flags the build gives test JVMs. */
final class ChildJvm {

  private ChildJvm() {
  }

  /** The child's output (stdout and stderr merged) and exit code. */
  record Result(int exitCode, String output) {
  }

  static Result run(String url, String... statements) throws IOException, InterruptedException {
    return run(List.of(), url, statements);
  }

  /** {@link #run(String, String...)} with more JVM flags ({@code -D…}, {@code -Xlog:…}) after the build's. */
  static Result run(List<String> jvmFlags, String url, String... statements) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-") || a.startsWith("-Dchronicle")).toList());
    cmd.addAll(jvmFlags);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(SqlProbe.class.getName());
    cmd.add(url);
    cmd.addAll(List.of(statements));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out;
    try (var in = p.getInputStream()) {
      out = in.readAllBytes();
    }
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("child JVM did not finish: " + new String(out, StandardCharsets.UTF_8));
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
