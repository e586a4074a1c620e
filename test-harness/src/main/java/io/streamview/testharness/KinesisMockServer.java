package io.streamview.testharness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kinesis-mock (npm package {@code kinesis-local}) run as a child {@code node} process on free ports of 127.0.0.1.
 * The build installs it in {@code test-harness/kinesis-mock} with {@code npm ci}; its output goes to a log file under
 * {@code target/}. The process (and its process tree) is killed by {@link #close()} or at JVM shutdown.
 */
final class KinesisMockServer implements AutoCloseable {

  /** System property the root pom sets to {@code <repo>/test-harness/kinesis-mock}. */
  static final String HOME_PROPERTY = "streamview.kinesisMock.home";
  /** Optional system property: where the log file goes (default {@code target/} of the working directory). */
  static final String LOG_DIR_PROPERTY = "streamview.kinesisMock.logDir";
  /** Optional system property or environment variable: the node executable (default {@code node} on the PATH). */
  static final String NODE_PROPERTY = "streamview.node";
  static final String NODE_ENV = "STREAMVIEW_NODE";

  private static final Logger LOG = LoggerFactory.getLogger(KinesisMockServer.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  /** Runs the script named by the first argument, and exits when stdin reaches its end (the JVM is gone). */
  private static final String STDIN_WATCHDOG = "process.stdin.on('end',()=>process.exit(0));"
      + "process.stdin.on('data',()=>{});require(require('path').resolve(process.argv[1]))";
  private static final int START_ATTEMPTS = 3;

  private final Process process;
  private final int plainPort;
  private final Path logFile;
  private final Thread shutdownHook;
  private volatile boolean closed;

  private KinesisMockServer(Process process, int plainPort, Path logFile) {
    this.process = process;
    this.plainPort = plainPort;
    this.logFile = logFile;
    this.shutdownHook = new Thread(this::kill, "kinesis-mock-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts kinesis-mock and waits (bounded) until its plain HTTP port answers. */
  static KinesisMockServer start() {
    Path home = locateHome();
    Path mainJs = home.resolve("node_modules/kinesis-local/main.js");
    if (!Files.isRegularFile(mainJs)) {
      throw new IllegalStateException("kinesis-mock is not installed: " + mainJs + " is missing. The Maven build "
          + "installs it (`mvn -pl test-harness generate-resources`), or run `npm ci` in " + home);
    }
    Path cert = findCertificate(home);
    Path logDir = logDirectory();
    IllegalStateException failure = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      try {
        return startOnce(home, mainJs, cert, logDir);
      } catch (IllegalStateException e) {
        // most likely a port taken between choosing it and node binding it: try other ports
        LOG.warn("kinesis-mock did not start (attempt {} of {}): {}", attempt, START_ATTEMPTS, e.getMessage());
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    throw failure;
  }

  private static KinesisMockServer startOnce(Path home, Path mainJs, Path cert, Path logDir) {
    int[] ports = freePorts(2);
    int plain = ports[0];
    int tls = ports[1];
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path logFile = logDir.resolve("kinesis-mock-" + stamp + "-" + ProcessHandle.current().pid() + "-" + plain + ".log");
    // `node node_modules/kinesis-local/main.js`, loaded by a one-line watchdog that exits when our end of its stdin
    // closes: a test JVM that dies without running its shutdown hooks (kill -9) leaves no emulator behind
    ProcessBuilder builder = new ProcessBuilder(nodeExecutable(), "-e", STDIN_WATCHDOG,
        home.relativize(mainJs).toString())
        .directory(home.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    Map<String, String> env = builder.environment();
    env.put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(plain));
    env.put("KINESIS_MOCK_TLS_PORT", Integer.toString(tls));
    env.put("KINESIS_MOCK_CERT_PATH", cert.toString());
    env.put("AWS_REGION", KinesisEndpoint.DEFAULT_REGION);
    // tests of a whole JVM share this endpoint: room for many streams, and quick stream state changes
    env.putIfAbsent("SHARD_LIMIT", "1000");
    env.putIfAbsent("ON_DEMAND_STREAM_COUNT_LIMIT", "100");
    for (String duration : List.of("CREATE_STREAM_DURATION", "DELETE_STREAM_DURATION", "SPLIT_SHARD_DURATION",
        "MERGE_SHARDS_DURATION", "UPDATE_SHARD_COUNT_DURATION")) {
      env.putIfAbsent(duration, "100ms");
    }
    env.putIfAbsent("SHOULD_PERSIST_DATA", "false");
    LOG.info("Starting kinesis-mock on 127.0.0.1:{} from {} (log: {})", plain, home, logFile);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot run `" + nodeExecutable() + "` to start kinesis-mock (is Node.js "
          + "installed? set -D" + NODE_PROPERTY + " or " + NODE_ENV + " to its path): " + e.getMessage(), e);
    }
    KinesisMockServer server = new KinesisMockServer(process, plain, logFile);
    try {
      server.awaitPort();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    LOG.info("kinesis-mock answers on {} (pid {})", server.uri(), process.pid());
    return server;
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + plainPort);
  }

  Path logFile() {
    return logFile;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    kill();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or will run; kill() is idempotent
    }
  }

  private void kill() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      process.getOutputStream().close(); // the watchdog exits on end of stdin
    } catch (IOException ignored) {
      // destroyed below anyway
    }
    List<ProcessHandle> tree = new ArrayList<>();
    process.descendants().forEach(tree::add);
    tree.forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private void awaitPort() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("kinesis-mock exited with code " + process.exitValue()
            + " before answering on port " + plainPort + "; its output (" + logFile + "):\n" + logTail());
      }
      if (answers(plainPort)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("kinesis-mock did not answer on 127.0.0.1:" + plainPort + " within "
            + START_TIMEOUT.toSeconds() + " s; its output (" + logFile + "):\n" + logTail());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for kinesis-mock", e);
      }
    }
  }

  private static boolean answers(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + logFile + ": " + e.getMessage() + ")";
    }
  }

  /** {@code -Dstreamview.kinesisMock.home}, else {@code [test-harness/]kinesis-mock} in the working directory or above. */
  static Path locateHome() {
    String property = System.getProperty(HOME_PROPERTY);
    if (property != null && !property.isBlank()) {
      Path home = Path.of(property).toAbsolutePath().normalize();
      if (Files.isRegularFile(home.resolve("package.json"))) {
        return home;
      }
      LOG.warn("-D{}={} has no package.json; looking relative to the working directory", HOME_PROPERTY, home);
    }
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      for (String candidate : List.of("test-harness/kinesis-mock", "kinesis-mock")) {
        Path home = d.resolve(candidate);
        if (Files.isRegularFile(home.resolve("package-lock.json"))) {
          return home.normalize();
        }
      }
    }
    throw new IllegalStateException("Cannot find kinesis-mock: set -D" + HOME_PROPERTY
        + "=<repo>/test-harness/kinesis-mock (the root pom passes it to surefire), or run from inside the repository"
        + " (working directory: " + dir + ")");
  }

  /** The self-signed certificate kinesis-mock's JS build needs ({@code server.json}), found inside node_modules. */
  static Path findCertificate(Path home) {
    Path usual = home.resolve("node_modules/kinesis-local/server.json");
    if (Files.isRegularFile(usual)) {
      return usual.toAbsolutePath();
    }
    try (Stream<Path> files = Files.walk(home.resolve("node_modules"), 4)) {
      Optional<Path> found = files.filter(p -> p.getFileName().toString().equals("server.json"))
          .filter(Files::isRegularFile).findFirst();
      return found.map(Path::toAbsolutePath).orElseThrow(() -> new IllegalStateException(
          "No server.json under " + home.resolve("node_modules") + "; reinstall kinesis-mock with `npm ci`"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path logDirectory() {
    String property = System.getProperty(LOG_DIR_PROPERTY);
    Path dir = property != null && !property.isBlank() ? Path.of(property) : Path.of("target", "kinesis-mock");
    try {
      Files.createDirectories(dir);
      return dir.toAbsolutePath();
    } catch (IOException e) {
      try {
        return Files.createTempDirectory("kinesis-mock-logs");
      } catch (IOException e2) {
        throw new UncheckedIOException(e2);
      }
    }
  }

  private static String nodeExecutable() {
    String property = System.getProperty(NODE_PROPERTY);
    if (property != null && !property.isBlank()) {
      return property;
    }
    String env = System.getenv(NODE_ENV);
    return env != null && !env.isBlank() ? env : "node";
  }

  private static int[] freePorts(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(false);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find free ports", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // nothing to do
        }
      }
    }
  }
}
