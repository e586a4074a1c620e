package io.streamview.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.engine.source.ReadRequest;
import io.streamview.engine.source.SourceConfig;
import io.streamview.engine.source.StreamSource;
import io.streamview.engine.source.StreamSourceException;
import io.streamview.engine.source.StreamSourceFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The factory, the client set-up and the unreachable-endpoint path; only 127.0.0.1 is contacted. */
class KinesisSourceFactoryTest {

  private static final String SECRET = "not-a-real-secret-0123456789";

  @Test
  void isFoundByServiceLoader() {
    List<StreamSourceFactory> factories = ServiceLoader.load(StreamSourceFactory.class).stream()
        .map(ServiceLoader.Provider::get).toList();
    assertTrue(factories.stream().anyMatch(f -> f instanceof KinesisSourceFactory && f.kind().equals("KINESIS")),
        factories.toString());
    assertEquals("KINESIS", KinesisSourceFactory.INSTANCE.kind());
  }

  @Test
  void anUnreachableEndpointIsNamedAfterBoundedRetries() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      port = socket.getLocalPort();
    } // closed: nothing listens there now
    SourceConfig config = config("http://127.0.0.1:" + port);
    try (StreamSource source = new KinesisStreamSource(KinesisClientFactory.connect(config),
        new KinesisRetryPolicy(3, 1, 5), KinesisReadOptions.DEFAULT)) {
      StreamSourceException e = assertThrows(StreamSourceException.class,
          () -> source.readToParity(new ReadRequest("orders", Map.of(), 2, () -> false), new CollectingConsumer()));
      assertEquals(StreamSourceException.Reason.ENDPOINT_UNREACHABLE, e.reason());
      assertTrue(e.getMessage().contains("http://127.0.0.1:" + port + " (region us-east-1) after 3 attempts"),
          e.getMessage());
      assertFalse(e.getMessage().contains(SECRET));
      assertFalse(source.toString().contains(SECRET));

      StreamSourceException exists = assertThrows(StreamSourceException.class, () -> source.streamExists("orders"));
      assertEquals(StreamSourceException.Reason.ENDPOINT_UNREACHABLE, exists.reason());
    }
  }

  @Test
  void describesWhereRequestsGoWithoutCredentials() {
    SourceConfig config = config("http://127.0.0.1:4567");
    try (KinesisConnection connection = KinesisClientFactory.connect(config)) {
      assertEquals("http://127.0.0.1:4567 (region us-east-1)", connection.target());
      assertFalse(connection.toString().contains(SECRET));
    }
    SourceConfig regionOnly = new SourceConfig(Optional.empty(), Optional.of("eu-west-1"), Optional.empty(),
        Optional.empty(), List.of());
    String target = KinesisClientFactory.describeTarget(regionOnly, KinesisClientFactory.region(regionOnly));
    assertTrue(target.endsWith("(region eu-west-1)"), target);
  }

  @Test
  void anEndpointOverrideWithoutRegionFallsBackToUsEast1WhenNoneIsConfigured() {
    SourceConfig noRegion = new SourceConfig(Optional.of("http://127.0.0.1:4567"), Optional.empty(), Optional.empty(),
        Optional.empty(), List.of());
    // whatever the machine's default region chain says, a region comes out and no exception
    assertTrue(KinesisClientFactory.region(noRegion).id().length() > 0);
  }

  private static SourceConfig config(String endpoint) {
    return new SourceConfig(Optional.of(endpoint), Optional.of("us-east-1"), Optional.empty(),
        Optional.of(new SourceConfig.StaticCredentials("AKIDEXAMPLE", SECRET, Optional.empty())), List.of());
  }
}
