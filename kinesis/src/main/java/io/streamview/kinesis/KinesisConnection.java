package io.streamview.kinesis;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * A Kinesis client together with what it needs closed (STS clients and credential providers) and what errors may
 * say about it: a description of the endpoint and region, and the secrets that must never appear in a message.
 */
final class KinesisConnection implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KinesisConnection.class);

  private final KinesisClient client;
  private final String target;
  private final Set<String> secrets;
  private final List<AutoCloseable> resources;

  /**
   * @param client    the client, closed last
   * @param target    e.g. {@code http://127.0.0.1:4567 (region us-east-1)}; no credentials
   * @param secrets   strings to redact from any message (access key ids, secret keys, session tokens)
   * @param resources closed before the client, in order
   */
  KinesisConnection(KinesisClient client, String target, Set<String> secrets, List<? extends AutoCloseable> resources) {
    this.client = client;
    this.target = target;
    this.secrets = Set.copyOf(secrets);
    this.resources = new ArrayList<>(resources);
  }

  KinesisClient client() {
    return client;
  }

  String target() {
    return target;
  }

  Set<String> secrets() {
    return secrets;
  }

  @Override
  public void close() {
    try {
      client.close();
    } finally {
      for (AutoCloseable resource : resources) {
        try {
          resource.close();
        } catch (Exception e) {
          LOG.warn("Closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
        }
      }
    }
  }

  @Override
  public String toString() {
    return "KinesisConnection[" + target + "]";
  }
}
