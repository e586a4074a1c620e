package io.streamview.testharness;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/** LocalStack's Kinesis run by Testcontainers, for machines with a Docker engine. */
final class LocalStackKinesis implements AutoCloseable {

  /** Environment variable overriding the LocalStack image. */
  static final String IMAGE_ENV = "STREAMVIEW_LOCALSTACK_IMAGE";
  static final String DEFAULT_IMAGE = "localstack/localstack:4.4.0";

  private static final Logger LOG = LoggerFactory.getLogger(LocalStackKinesis.class);

  private final LocalStackContainer container;

  private LocalStackKinesis(LocalStackContainer container) {
    this.container = container;
  }

  @SuppressWarnings("resource") // closed by close()
  static LocalStackKinesis start() {
    String image = System.getenv(IMAGE_ENV);
    if (image == null || image.isBlank()) {
      image = DEFAULT_IMAGE;
    }
    LocalStackContainer container = new LocalStackContainer(
        DockerImageName.parse(image).asCompatibleSubstituteFor("localstack/localstack"))
        .withServices("kinesis")
        .withEnv("KINESIS_LATENCY", "0")
        .withEnv("KINESIS_SHARD_LIMIT", "1000");
    String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
    if (token != null && !token.isBlank()) {
      container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
    }
    LOG.info("Starting LocalStack ({}) for Kinesis", image);
    container.start();
    return new LocalStackKinesis(container);
  }

  KinesisEndpoint endpoint() {
    return new KinesisEndpoint("localstack", container.getEndpoint(), container.getRegion(),
        container.getAccessKey(), container.getSecretKey());
  }

  @Override
  public void close() {
    container.stop();
  }
}
