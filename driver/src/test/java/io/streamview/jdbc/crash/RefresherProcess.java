package io.streamview.jdbc.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@link CrashRefresher} in a new JVM with the test classpath and the JVM flags the build gives test JVMs (the
 * {@code --add-…} options; {@code -Dchronicle…} ones only when asked). Its output is collected; {@link #ready()}
 * completes when it prints {@code READY}.
 */
final class RefresherProcess {

  private final Process process;
  private final StringBuffer output = new StringBuffer();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();

  private RefresherProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(this::drain, "refresher-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** The JVM options of this test JVM that a child needs: the module flags, and optionally the Chronicle ones. */
  static List<String> jvmFlags(boolean chronicleProperties) {
    Predicate<String> wanted = a -> a.startsWith("--add-") || (chronicleProperties && a.startsWith("-Dchronicle"));
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(wanted).toList();
  }

  static RefresherProcess start(List<String> jvmOptions, Map<String, String> environment, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(CrashRefresher.class.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
    builder.environment().putAll(environment);
    jvmOptions.stream().filter(o -> o.startsWith("-Duser.dir=")).findFirst()
        .ifPresent(o -> builder.directory(new java.io.File(o.substring("-Duser.dir=".length()))));
    Process p = builder.start();
    p.getOutputStream().close();
    return new RefresherProcess(p);
  }

  private void drain() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        output.append(line).append('\n');
        if (line.equals("READY")) {
          ready.complete(null);
        }
      }
    } catch (IOException e) {
      // the process died; what was read stays in output
    }
    ready.completeExceptionally(new IllegalStateException("the refresher exited before READY:\n" + output));
  }

  CompletableFuture<Void> ready() {
    return ready;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL (on Linux, {@code destroyForcibly} sends SIGKILL) and waits until the process is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the refresher did not die");
    }
  }

  /** Waits for the process to end by itself; its exit code. */
  int await(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the child did not finish in " + seconds + " s:\n" + output);
    }
    return process.exitValue();
  }

  String output() {
    return output.toString();
  }
}
