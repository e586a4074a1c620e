package io.streamview.testharness;

import java.util.Objects;

/**
 * The harness's endpoint outside JUnit, for demos, examples and tools: {@link #start()} chooses and starts a Kinesis
 * endpoint exactly as {@link WithKinesis} tests get theirs ({@code STREAMVIEW_KINESIS_ENDPOINT}, else LocalStack when a
 * Docker engine runs, else kinesis-mock run with node) and hands back a {@link Running} that the caller closes.
 *
 * <pre>{@code
 * try (KinesisEndpoints.Running kinesis = KinesisEndpoints.start()) {
 *   KinesisEndpoint endpoint = kinesis.endpoint();
 *   String stream = kinesis.streams().create("orders", 2);
 *   ...
 * } // deletes the streams created through streams(), then stops kinesis-mock / LocalStack
 * }</pre>
 *
 * Each call starts its own endpoint (a kinesis-mock process, a LocalStack container); JUnit tests share one per JVM
 * through the extension instead.
 */
public final class KinesisEndpoints {

  private KinesisEndpoints() {
  }

  /**
   * Chooses and starts an endpoint, waiting (bounded) until it answers.
   *
   * @throws IllegalStateException if it cannot be started (e.g. kinesis-mock not installed, node missing)
   */
  public static Running start() {
    return new Running(KinesisEndpointResource.open());
  }

  /** A started endpoint and a producer helper bound to it; {@link #close()} stops it. Thread-safe. */
  public static final class Running implements AutoCloseable {

    private final KinesisEndpointResource resource;
    private final KinesisTestStreams streams;
    private boolean closed;

    private Running(KinesisEndpointResource resource) {
      this.resource = Objects.requireNonNull(resource, "resource");
      this.streams = new KinesisTestStreams(resource.endpoint());
    }

    /** Where the endpoint is and how to sign for it, with {@link KinesisEndpoint#jdbcProperties()} for the driver. */
    public KinesisEndpoint endpoint() {
      return resource.endpoint();
    }

    /** The producer helper; the streams it {@linkplain KinesisTestStreams#create creates} are deleted on close. */
    public KinesisTestStreams streams() {
      return streams;
    }

    /**
     * Deletes, best effort, the streams {@link #streams()} created, closes the endpoint's client and stops the
     * emulator (kills the kinesis-mock process tree, stops the LocalStack container). Idempotent; never throws.
     */
    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        streams.deleteCreated();
      } catch (RuntimeException ignored) {
        // best effort: the endpoint is stopped below anyway
      } finally {
        resource.close();
      }
    }

    @Override
    public String toString() {
      return "Running" + endpoint();
    }
  }
}
