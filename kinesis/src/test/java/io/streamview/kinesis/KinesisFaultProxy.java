package io.streamview.kinesis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fault-injecting HTTP/1.1 proxy on 127.0.0.1 in front of a Kinesis endpoint, for tests. The AWS SDK talks to the
 * proxy ({@link #uri()}); the proxy forwards each request to the real endpoint unless its seeded schedule injects a
 * fault instead: throttling and limit errors (400 with Kinesis's error body, in CBOR or JSON as the request), 500 and
 * 503, a connection reset before or after the request reached Kinesis (the answer is then lost), a delay, a delay
 * longer than the client's attempt timeout, or an expired iterator. A request (same operation, same body) is faulted
 * at most {@link Plan#maxConsecutive()} times in a row, so that a retrying client always gets through. Optionally
 * every request is refused with a hard error (access denied, stream not found), or a shard is made to look trimmed
 * (its iterators start no earlier than a cutoff record).
 */
final class KinesisFaultProxy implements AutoCloseable {

  /** What the proxy can do to a request. */
  enum Fault {
    THROTTLE, LIMIT_EXCEEDED, INTERNAL_FAILURE, SERVICE_UNAVAILABLE, RESET_BEFORE, RESET_AFTER, DELAY, TIMEOUT,
    EXPIRED_ITERATOR
  }

  /**
   * A fault schedule.
   *
   * @param seed           of the schedule's random choices
   * @param rate           probability that a request of a faulted operation gets a fault
   * @param faults         the faults to choose from, uniformly (EXPIRED_ITERATOR only for GetRecords)
   * @param operations     the operations faults apply to, e.g. {@code GetRecords}
   * @param maxConsecutive the most faults in a row for one request (operation and body)
   * @param delayMillis    the delay of DELAY
   * @param timeoutMillis  the delay of TIMEOUT (longer than the client's attempt timeout), after which the
   *                       connection is reset
   */
  record Plan(long seed, double rate, Set<Fault> faults, Set<String> operations, int maxConsecutive,
              long delayMillis, long timeoutMillis) {

    static Plan of(long seed, double rate, Set<Fault> faults) {
      return new Plan(seed, rate, faults, Set.of("ListShards", "GetShardIterator", "GetRecords",
          "DescribeStreamSummary"), 4, 150, 2_500);
    }
  }

  private static final ObjectMapper CBOR = new CBORMapper();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "expect",
      "transfer-encoding", "upgrade", "keep-alive", "proxy-connection", "te");

  private final URI upstream;
  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "kinesis-fault-proxy");
    t.setDaemon(true);
    return t;
  });
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Socket> sockets = new ArrayList<>();
  private final Map<Fault, AtomicLong> injected = new EnumMap<>(Fault.class);
  private final AtomicLong forwarded = new AtomicLong();
  private final Map<String, AtomicLong> forwardedByOperation = new ConcurrentHashMap<>();
  private final Map<String, Integer> consecutive = new ConcurrentHashMap<>();
  private final Map<String, BigInteger> trimmedBelow = new ConcurrentHashMap<>();
  private volatile Plan plan;
  private volatile Random random;
  private volatile String hardError;
  private volatile boolean closed;

  KinesisFaultProxy(URI upstream) throws IOException {
    this.upstream = upstream;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    for (Fault f : Fault.values()) {
      injected.put(f, new AtomicLong());
    }
    threads.submit(this::acceptLoop);
  }

  /** Where clients should send their requests. */
  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** Starts injecting faults by {@code plan} (null: none). */
  synchronized void plan(Plan plan) {
    this.plan = plan;
    this.random = plan == null ? null : new Random(plan.seed());
    consecutive.clear();
  }

  /** Answers every request with this Kinesis error code (e.g. {@code AccessDeniedException}); null stops. */
  void hardError(String errorCode) {
    this.hardError = errorCode;
  }

  /** Makes the shard look trimmed below {@code sequenceNumber}: its trim horizon is that record. */
  void trimBelow(String shardId, String sequenceNumber) {
    trimmedBelow.put(shardId, new BigInteger(sequenceNumber));
  }

  /** Faults injected so far, by kind. */
  Map<Fault, Long> injected() {
    Map<Fault, Long> out = new LinkedHashMap<>();
    injected.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  long injectedTotal() {
    return injected.values().stream().mapToLong(AtomicLong::get).sum();
  }

  long forwarded() {
    return forwarded.get();
  }

  /** Requests of one operation (e.g. {@code GetShardIterator}) forwarded so far. */
  long forwarded(String operation) {
    AtomicLong n = forwardedByOperation.get(operation);
    return n == null ? 0 : n.get();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    synchronized (sockets) {
      for (Socket s : sockets) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
    }
    threads.shutdownNow();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket socket = server.accept();
        synchronized (sockets) {
          sockets.add(socket);
        }
        threads.submit(() -> serve(socket));
      } catch (IOException e) {
        if (!closed) {
          throw new IllegalStateException("fault proxy accept failed", e);
        }
      }
    }
  }

  /** One client connection: HTTP/1.1 requests with Content-Length bodies, kept alive until the client closes. */
  private void serve(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (!closed) {
        Request request = Request.read(in);
        if (request == null) {
          return;
        }
        if ("100-continue".equalsIgnoreCase(request.header("expect"))) {
          out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
        request.readBody(in);
        if (!handle(request, socket, out)) {
          return;
        }
      }
    } catch (SocketException closedOrReset) {
      // the client went away
    } catch (IOException | InterruptedException e) {
      if (!closed) {
        System.err.println("fault proxy: " + e);
      }
    }
  }

  /** Answers one request; false when the connection was reset. */
  private boolean handle(Request request, Socket socket, OutputStream out) throws IOException, InterruptedException {
    String operation = request.operation();
    String error = hardError;
    if (error != null) {
      writeError(out, request, 400, error, "injected hard failure");
      return true;
    }
    Fault fault = choose(request, operation);
    if (fault != null) {
      injected.get(fault).incrementAndGet();
      switch (fault) {
        case THROTTLE -> writeError(out, request, 400, "ProvisionedThroughputExceededException",
            "Rate exceeded for shard (injected)");
        case LIMIT_EXCEEDED -> writeError(out, request, 400, "LimitExceededException", "Rate exceeded (injected)");
        case INTERNAL_FAILURE -> writeError(out, request, 500, "InternalFailure", "injected");
        case SERVICE_UNAVAILABLE -> writeError(out, request, 503, "ServiceUnavailable", "injected");
        case EXPIRED_ITERATOR -> writeError(out, request, 400, "ExpiredIteratorException",
            "Iterator expired (injected)");
        case RESET_BEFORE -> {
          reset(socket);
          return false;
        }
        case RESET_AFTER -> {
          forward(request); // Kinesis did the work; the answer is lost
          reset(socket);
          return false;
        }
        case TIMEOUT -> {
          Thread.sleep(plan.timeoutMillis());
          reset(socket);
          return false;
        }
        case DELAY -> {
          Thread.sleep(plan.delayMillis());
          write(out, forward(request));
        }
        default -> throw new IllegalStateException(fault.toString());
      }
      return true;
    }
    write(out, forward(request));
    return true;
  }

  private synchronized Fault choose(Request request, String operation) {
    Plan p = plan;
    if (p == null || !p.operations().contains(operation)) {
      return null;
    }
    String key = operation + ":" + Arrays.hashCode(request.body);
    int inRow = consecutive.getOrDefault(key, 0);
    if (inRow >= p.maxConsecutive() || random.nextDouble() >= p.rate()) {
      consecutive.remove(key);
      return null;
    }
    List<Fault> candidates = new ArrayList<>();
    for (Fault f : Fault.values()) {
      if (p.faults().contains(f) && (f != Fault.EXPIRED_ITERATOR || operation.equals("GetRecords"))) {
        candidates.add(f);
      }
    }
    if (candidates.isEmpty()) {
      return null;
    }
    consecutive.put(key, inRow + 1);
    return candidates.get(random.nextInt(candidates.size()));
  }

  private Response forward(Request original) throws IOException, InterruptedException {
    Request request = trimmed(original);
    HttpRequest.Builder builder = HttpRequest.newBuilder(upstream.resolve(request.path))
        .timeout(Duration.ofSeconds(60))
        .method(request.method, HttpRequest.BodyPublishers.ofByteArray(request.body));
    request.headers.forEach((name, value) -> {
      if (!HOP_BY_HOP.contains(name)) {
        builder.header(name, value);
      }
    });
    HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    forwarded.incrementAndGet();
    forwardedByOperation.computeIfAbsent(original.operation(), k -> new AtomicLong()).incrementAndGet();
    Map<String, String> headers = new LinkedHashMap<>();
    response.headers().map().forEach((name, values) -> {
      if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
        headers.put(name, String.join(",", values));
      }
    });
    return new Response(response.statusCode(), headers, response.body());
  }

  /**
   * A trimmed shard's GetShardIterator: TRIM_HORIZON, or a sequence number below the cutoff, becomes
   * AT_SEQUENCE_NUMBER of the cutoff — where the trim horizon of a really trimmed shard would be. (kinesis-mock does
   * not check request signatures, so the body may change.)
   */
  private Request trimmed(Request request) throws IOException {
    if (trimmedBelow.isEmpty() || !request.operation().equals("GetShardIterator")) {
      return request;
    }
    ObjectMapper mapper = request.cbor() ? CBOR : JSON;
    ObjectNode asked = (ObjectNode) mapper.readTree(request.body);
    BigInteger cutoff = trimmedBelow.get(asked.path("ShardId").asText());
    if (cutoff == null) {
      return request;
    }
    String type = asked.path("ShardIteratorType").asText();
    boolean below = asked.hasNonNull("StartingSequenceNumber")
        && new BigInteger(asked.get("StartingSequenceNumber").asText()).compareTo(cutoff) < 0;
    if (!type.equals("TRIM_HORIZON") && !below) {
      return request;
    }
    asked.put("ShardIteratorType", "AT_SEQUENCE_NUMBER");
    asked.put("StartingSequenceNumber", cutoff.toString());
    Request changed = new Request(request.method, request.path, request.headers);
    changed.body = mapper.writeValueAsBytes(asked);
    return changed;
  }

  private static void writeError(OutputStream out, Request request, int status, String code, String message)
      throws IOException {
    Map<String, Object> error = new HashMap<>();
    error.put("__type", code);
    error.put("message", message);
    byte[] body = (request.cbor() ? CBOR : JSON).writeValueAsBytes(error);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", request.cbor() ? "application/x-amz-cbor-1.1" : "application/x-amz-json-1.1");
    headers.put("x-amzn-ErrorType", code);
    headers.put("x-amzn-RequestId", "fault-proxy");
    write(out, new Response(status, headers, body));
  }

  private static void write(OutputStream out, Response response) throws IOException {
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(response.status).append(' ')
        .append(response.status == 200 ? "OK" : response.status >= 500 ? "Server Error" : "Bad Request")
        .append("\r\n");
    response.headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("Content-Length: ").append(response.body.length).append("\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(response.body);
    out.flush();
  }

  /** Closes the connection with a TCP reset (SO_LINGER 0). */
  private static void reset(Socket socket) throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  private record Response(int status, Map<String, String> headers, byte[] body) {
  }

  /** One HTTP request as read from the client. */
  private static final class Request {
    final String method;
    final String path;
    final Map<String, String> headers;
    byte[] body = new byte[0];

    private Request(String method, String path, Map<String, String> headers) {
      this.method = method;
      this.path = path;
      this.headers = headers;
    }

    /** The request line and headers, or null at the end of the connection. */
    static Request read(InputStream in) throws IOException {
      String line = readLine(in);
      while (line != null && line.isEmpty()) {
        line = readLine(in);
      }
      if (line == null) {
        return null;
      }
      String[] parts = line.split(" ");
      if (parts.length < 3) {
        throw new IOException("bad request line: " + line);
      }
      Map<String, String> headers = new LinkedHashMap<>();
      for (String h = readLine(in); h != null && !h.isEmpty(); h = readLine(in)) {
        int colon = h.indexOf(':');
        headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
      }
      return new Request(parts[0], parts[1], headers);
    }

    void readBody(InputStream in) throws IOException {
      String length = header("content-length");
      if (length != null) {
        body = in.readNBytes(Integer.parseInt(length));
      } else if ("chunked".equalsIgnoreCase(header("transfer-encoding"))) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16); size > 0;
             size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16)) {
          all.write(in.readNBytes(size));
          readLine(in);
        }
        readLine(in);
        body = all.toByteArray();
      }
    }

    String header(String name) {
      return headers.get(name);
    }

    /** {@code GetRecords} from {@code X-Amz-Target: Kinesis_20131202.GetRecords}. */
    String operation() {
      String target = header("x-amz-target");
      return target == null ? "" : target.substring(target.indexOf('.') + 1);
    }

    boolean cbor() {
      String type = header("content-type");
      return type != null && type.contains("cbor");
    }

    private static String readLine(InputStream in) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int c;
      while ((c = in.read()) != -1) {
        if (c == '\n') {
          byte[] bytes = line.toByteArray();
          int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
          return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
        }
        line.write(c);
      }
      return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
