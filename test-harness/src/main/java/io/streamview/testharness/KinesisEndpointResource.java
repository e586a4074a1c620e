package io.streamview.testharness;

import java.net.URI;
import java.util.Locale;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * The one Kinesis endpoint of a test JVM and what runs it, kept in the root {@link ExtensionContext} store; closing it
 * closes the endpoint's client and stops kinesis-mock or LocalStack. Closing is idempotent.
 */
@SuppressWarnings("deprecation") // CloseableResource: still honoured; AutoCloseable is what JUnit 5.13+ calls
final class KinesisEndpointResource implements ExtensionContext.Store.CloseableResource, AutoCloseable {

  /** Environment variable naming an endpoint to use as it is. */
  static final String ENDPOINT_ENV = "STREAMVIEW_KINESIS_ENDPOINT";
  /** Optional environment variables for an external endpoint. */
  static final String REGION_ENV = "STREAMVIEW_KINESIS_REGION";
  static final String ACCESS_KEY_ENV = "STREAMVIEW_KINESIS_ACCESS_KEY_ID";
  static final String SECRET_KEY_ENV = "STREAMVIEW_KINESIS_SECRET_ACCESS_KEY";
  /** Environment variable forcing the emulator: {@code kinesis-mock} or {@code localstack}. */
  static final String KIND_ENV = "STREAMVIEW_KINESIS_KIND";

  static final String DUMMY_ACCESS_KEY = "streamview-dummy-access-key";
  static final String DUMMY_SECRET_KEY = "streamview-dummy-secret-key";

  private static final Logger LOG = LoggerFactory.getLogger(KinesisEndpointResource.class);

  private final KinesisEndpoint endpoint;
  private final AutoCloseable runner;
  private boolean closed;

  private KinesisEndpointResource(KinesisEndpoint endpoint, AutoCloseable runner) {
    this.endpoint = endpoint;
    this.runner = runner;
  }

  /** Chooses and starts the endpoint: {@value #ENDPOINT_ENV}, else LocalStack when Docker runs, else kinesis-mock. */
  static KinesisEndpointResource open() {
    String external = env(ENDPOINT_ENV);
    if (external != null) {
      KinesisEndpoint endpoint = new KinesisEndpoint("external", URI.create(external),
          orDefault(env(REGION_ENV), KinesisEndpoint.DEFAULT_REGION),
          orDefault(env(ACCESS_KEY_ENV), DUMMY_ACCESS_KEY), orDefault(env(SECRET_KEY_ENV), DUMMY_SECRET_KEY));
      LOG.info("Using the external Kinesis endpoint {} ({})", external, ENDPOINT_ENV);
      return new KinesisEndpointResource(endpoint, () -> { });
    }
    String kind = env(KIND_ENV);
    if (kind != null) {
      kind = kind.toLowerCase(Locale.ROOT);
      switch (kind) {
        case "kinesis-mock":
          return kinesisMock();
        case "localstack":
          return localStack();
        default:
          throw new IllegalStateException(KIND_ENV + " must be kinesis-mock or localstack, not " + kind);
      }
    }
    if (dockerAvailable()) {
      return localStack();
    }
    return kinesisMock();
  }

  private static KinesisEndpointResource kinesisMock() {
    KinesisMockServer server = KinesisMockServer.start();
    KinesisEndpoint endpoint = new KinesisEndpoint("kinesis-mock", server.uri(), KinesisEndpoint.DEFAULT_REGION,
        DUMMY_ACCESS_KEY, DUMMY_SECRET_KEY);
    return new KinesisEndpointResource(endpoint, server);
  }

  private static KinesisEndpointResource localStack() {
    LocalStackKinesis localStack = LocalStackKinesis.start();
    return new KinesisEndpointResource(localStack.endpoint(), localStack);
  }

  private static boolean dockerAvailable() {
    try {
      boolean available = DockerClientFactory.instance().isDockerAvailable();
      LOG.info("Docker engine {}", available ? "available: using LocalStack" : "not available: using kinesis-mock");
      return available;
    } catch (RuntimeException | LinkageError e) {
      LOG.info("Docker engine not usable ({}): using kinesis-mock", e.toString());
      return false;
    }
  }

  KinesisEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      endpoint.close();
    } finally {
      try {
        runner.close();
      } catch (Exception e) {
        LOG.warn("Stopping the {} Kinesis endpoint failed", endpoint.kind(), e);
      }
    }
  }

  private static String env(String name) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static String orDefault(String value, String fallback) {
    return value != null ? value : fallback;
  }
}
