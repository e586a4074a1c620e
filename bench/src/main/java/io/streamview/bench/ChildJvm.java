package io.streamview.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a class of the bench in a new JVM (same java, class path and Chronicle flags) and reads its result lines. */
final class ChildJvm {

  /** The JVM flags Chronicle Map needs on Java 17 (root pom property streamview.jvmFlags). */
  static final List<String> CHRONICLE_FLAGS = List.of(
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
      "-Dchronicle.analytics.disable=true");

  /** What a child printed as {@code RESULT key value} lines, and how long it ran from launch to exit. */
  record Outcome(Map<String, String> values, double wallSeconds, long resultLineNanos) {
  }

  private ChildJvm() {
  }

  static Outcome run(List<String> jvmFlags, Class<?> main, String... args) throws IOException, InterruptedException {
    return run(System.getProperty("java.class.path"), jvmFlags, main, args);
  }

  /**
   * The class path a user of one engine would have: the bench's own classes and that engine's jar alone (the
   * StreamView driver's self-contained jar, H2's jar, DuckDB's jar), not the ~150 jars of the bench.
   */
  static String engineClassPath(String engine) {
    try {
      Path benchJar = Path.of(ChildJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path target = benchJar.getParent();
      Path engineJar = switch (engine) {
        case "streamview" -> target.resolve("../../driver/target/streamview-jdbc-0.1.0-all.jar").normalize();
        case "h2" -> Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        default -> Path.of(org.duckdb.DuckDBDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      };
      if (!java.nio.file.Files.isRegularFile(engineJar)) {
        throw new IllegalStateException("no " + engineJar + ": build with mvn -Pbench -pl bench -am package");
      }
      return target.resolve("classes") + java.io.File.pathSeparator + engineJar;
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Outcome run(String classPath, List<String> jvmFlags, Class<?> main, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(CHRONICLE_FLAGS);
    cmd.addAll(jvmFlags);
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(main.getName());
    cmd.addAll(List.of(args));
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    Map<String, String> values = new HashMap<>();
    long firstResult = -1;
    StringBuilder output = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("RESULT ")) {
          if (firstResult < 0) {
            firstResult = System.nanoTime() - t0;
          }
          String[] kv = line.substring(7).split(" ", 2);
          values.put(kv[0], kv.length > 1 ? kv[1] : "");
        } else if (output.length() < 20_000) {
          output.append(line).append('\n');
        }
      }
    }
    if (!p.waitFor(30, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(main.getSimpleName() + " did not end");
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    if (p.exitValue() != 0) {
      throw new IllegalStateException(main.getSimpleName() + " " + String.join(" ", args) + " exited with "
          + p.exitValue() + ":\n" + output);
    }
    return new Outcome(values, wall, firstResult);
  }
}
