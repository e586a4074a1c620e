package io.streamview.testharness;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * A real Kinesis endpoint for tests: where it is, how to sign requests for it, and a shared client.
 * One per test JVM; get it as a parameter of a {@link WithKinesis} test.
 */
public final class KinesisEndpoint {

  /** Region every harness endpoint uses. */
  public static final String DEFAULT_REGION = "us-east-1";

  private final String kind;
  private final URI uri;
  private final String region;
  private final String accessKeyId;
  private final String secretAccessKey;
  private final Object clientLock = new Object();
  private KinesisClient client;
  private KinesisClient sharedView;
  private boolean closed;

  KinesisEndpoint(String kind, URI uri, String region, String accessKeyId, String secretAccessKey) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.uri = Objects.requireNonNull(uri, "uri");
    this.region = Objects.requireNonNull(region, "region");
    this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
    this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
  }

  /** The endpoint, e.g. {@code http://127.0.0.1:40123}. */
  public URI uri() {
    return uri;
  }

  /** The signing region ({@value #DEFAULT_REGION} unless an external endpoint says otherwise). */
  public String region() {
    return region;
  }

  /** A dummy access key id (emulators refuse anonymous requests but accept any key). */
  public String accessKeyId() {
    return accessKeyId;
  }

  /** The dummy secret key that goes with {@link #accessKeyId()}. */
  public String secretAccessKey() {
    return secretAccessKey;
  }

  /** {@code "kinesis-mock"}, {@code "localstack"} or {@code "external"}. */
  public String kind() {
    return kind;
  }

  /**
   * A client for this endpoint, shared by every caller and owned by the endpoint: its {@code close()} does nothing,
   * the endpoint closes it when the test JVM is done with it.
   */
  public KinesisClient client() {
    synchronized (clientLock) {
      if (closed) {
        throw new IllegalStateException("The Kinesis endpoint " + uri + " is closed");
      }
      if (client == null) {
        client = newClient();
        sharedView = nonClosing(client);
      }
      return sharedView;
    }
  }

  /** A new client for this endpoint that the caller owns and must close. */
  public KinesisClient newClient() {
    return KinesisClient.builder()
        .endpointOverride(uri)
        .region(Region.of(region))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
        .httpClientBuilder(UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(60)))
        .build();
  }

  /**
   * The JDBC URL suffix that points StreamView's driver at this endpoint:
   * {@code ;kinesisEndpoint=<uri>;awsRegion=us-east-1;awsAccessKeyId=…;awsSecretAccessKey=…}.
   */
  public String jdbcProperties() {
    return ";kinesisEndpoint=" + uri + ";awsRegion=" + region + ";awsAccessKeyId=" + accessKeyId
        + ";awsSecretAccessKey=" + secretAccessKey;
  }

  /** Closes the shared client; called by the extension's root-store resource. */
  void close() {
    synchronized (clientLock) {
      closed = true;
      if (client != null) {
        client.close();
        client = null;
        sharedView = null;
      }
    }
  }

  @Override
  public String toString() {
    return "KinesisEndpoint[" + kind + " " + uri + ", region=" + region + "]";
  }

  private static KinesisClient nonClosing(KinesisClient delegate) {
    InvocationHandler handler = (proxy, method, args) -> {
      if (isClose(method)) {
        return null;
      }
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "equals" -> proxy == args[0];
          case "hashCode" -> System.identityHashCode(proxy);
          case "toString" -> "shared " + delegate;
          default -> method.invoke(delegate, args);
        };
      }
      try {
        return method.invoke(delegate, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (KinesisClient) Proxy.newProxyInstance(KinesisClient.class.getClassLoader(),
        new Class<?>[] {KinesisClient.class}, handler);
  }

  private static boolean isClose(Method method) {
    return method.getName().equals("close") && method.getParameterCount() == 0;
  }
}
