package io.streamview.kinesis;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.streamview.engine.source.ReadRequest;
import io.streamview.engine.source.SourceConfig;
import io.streamview.engine.source.StreamSource;
import io.streamview.engine.source.StreamSourceException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * IAM_ROLE chains through STS: a WireMock STS stub and a WireMock Kinesis stub on 127.0.0.1 record what the SDK sent,
 * so the tests can see which key signed each call.
 */
class KinesisAssumeRoleTest {

  static final String ROLE_A = "arn:aws:iam::123456789012:role/a";
  static final String ROLE_B = "arn:aws:iam::123456789012:role/b";
  private static final String BASE_KEY = "AKIABASE0000EXAMPLE1";
  private static final String BASE_SECRET = "base-secret-0123456789abcdef";
  private static final String KEY_A = "ASIAROLEA000EXAMPLE1";
  private static final String SECRET_A = "role-a-secret-0123456789abcdef";
  private static final String TOKEN_A = "role-a-session-token-0123456789";
  private static final String KEY_B = "ASIAROLEB000EXAMPLE1";
  private static final String SECRET_B = "role-b-secret-0123456789abcdef";
  private static final String TOKEN_B = "role-b-session-token-0123456789";

  private WireMockServer sts;
  private WireMockServer kinesis;

  @BeforeEach
  void start() {
    sts = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    kinesis = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    sts.start();
    kinesis.start();
    // Kinesis answers every call with ResourceNotFoundException (error type in the header, as AWS JSON/CBOR allow)
    kinesis.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400)
        .withHeader("x-amzn-ErrorType", "ResourceNotFoundException")
        .withHeader("Content-Type", "application/x-amz-cbor-1.1")));
  }

  @AfterEach
  void stop() {
    sts.stop();
    kinesis.stop();
  }

  private String stsUrl() {
    return "http://127.0.0.1:" + sts.port();
  }

  private String kinesisUrl() {
    return "http://127.0.0.1:" + kinesis.port();
  }

  /** Answers AssumeRole for {@code roleArn} with the given temporary credentials. */
  static void stubAssumeRole(WireMockServer sts, String roleArn, String key, String secret, String token) {
    sts.stubFor(post(urlEqualTo("/"))
        .withFormParam("Action", equalTo("AssumeRole"))
        .withFormParam("RoleArn", equalTo(roleArn))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
            .withBody("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<AssumeRoleResult><Credentials>"
                + "<AccessKeyId>" + key + "</AccessKeyId>"
                + "<SecretAccessKey>" + secret + "</SecretAccessKey>"
                + "<SessionToken>" + token + "</SessionToken>"
                + "<Expiration>2099-01-01T00:00:00Z</Expiration>"
                + "</Credentials><AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:s</AssumedRoleId>"
                + "<Arn>arn:aws:sts::123456789012:assumed-role/x/s</Arn></AssumedRoleUser>"
                + "</AssumeRoleResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>"
                + "</AssumeRoleResponse>")));
  }

  /** Refuses AssumeRole for {@code roleArn} as STS does (403 AccessDenied), without naming the role itself. */
  static void stubAccessDenied(WireMockServer sts, String roleArn) {
    sts.stubFor(post(urlEqualTo("/"))
        .withFormParam("Action", equalTo("AssumeRole"))
        .withFormParam("RoleArn", equalTo(roleArn))
        .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml")
            .withBody("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
                + "<Code>AccessDenied</Code><Message>Not authorized to perform sts:AssumeRole</Message></Error>"
                + "<RequestId>req-2</RequestId></ErrorResponse>")));
  }

  private SourceConfig config(List<String> roles) {
    return new SourceConfig(Optional.of(kinesisUrl()), Optional.of("us-east-1"), Optional.empty(),
        Optional.of(new SourceConfig.StaticCredentials(BASE_KEY, BASE_SECRET, Optional.empty())), roles,
        Optional.of(stsUrl()));
  }

  private static String credentialOf(LoggedRequest request) {
    String auth = request.getHeader("Authorization");
    int at = auth.indexOf("Credential=");
    return auth.substring(at + "Credential=".length(), auth.indexOf('/', at));
  }

  @Test
  void aChainOfTwoRolesSignsEachStepWithTheKeyBefore() {
    stubAssumeRole(sts, ROLE_A, KEY_A, SECRET_A, TOKEN_A);
    stubAssumeRole(sts, ROLE_B, KEY_B, SECRET_B, TOKEN_B);
    try (StreamSource source = new KinesisStreamSource(KinesisClientFactory.connect(config(List.of(ROLE_A, ROLE_B))),
        new KinesisRetryPolicy(3, 1, 5), KinesisReadOptions.DEFAULT)) {
      assertFalse(source.streamExists("orders"));
    }

    List<LoggedRequest> assumed = sts.findAll(postRequestedFor(urlEqualTo("/")));
    assertEquals(2, assumed.size(), "AssumeRole calls");
    assertEquals(ROLE_A, assumed.get(0).formParameters().get("RoleArn").firstValue());
    assertEquals(BASE_KEY, credentialOf(assumed.get(0)));
    assertEquals(ROLE_B, assumed.get(1).formParameters().get("RoleArn").firstValue());
    assertEquals(KEY_A, credentialOf(assumed.get(1)), "role b is assumed with role a's temporary key");
    assertEquals(TOKEN_A, assumed.get(1).getHeader("X-Amz-Security-Token"));

    List<LoggedRequest> calls = kinesis.findAll(postRequestedFor(urlEqualTo("/")));
    assertFalse(calls.isEmpty());
    for (LoggedRequest call : calls) {
      assertTrue(call.getHeader("X-Amz-Target").startsWith("Kinesis_20131202."), call.getHeader("X-Amz-Target"));
      assertEquals(KEY_B, credentialOf(call), "Kinesis is called with the last role's key");
      assertEquals(TOKEN_B, call.getHeader("X-Amz-Security-Token"));
    }
  }

  @Test
  void aRefusedRoleIsNamedWithoutAnySecret() {
    stubAssumeRole(sts, ROLE_A, KEY_A, SECRET_A, TOKEN_A);
    stubAccessDenied(sts, ROLE_B);
    try (StreamSource source = new KinesisStreamSource(KinesisClientFactory.connect(config(List.of(ROLE_A, ROLE_B))),
        new KinesisRetryPolicy(3, 1, 5), KinesisReadOptions.DEFAULT)) {
      StreamSourceException e = assertThrows(StreamSourceException.class,
          () -> source.readToParity(new ReadRequest("orders", Map.of(), 2, () -> false), new CollectingConsumer()));
      assertEquals(StreamSourceException.Reason.ACCESS_DENIED, e.reason());
      assertEquals("orders", e.streamName());
      assertTrue(e.getMessage().contains(ROLE_B), e.getMessage());
      assertTrue(e.getMessage().contains("'orders'"), e.getMessage());
      assertTrue(e.getMessage().contains("AccessDenied, HTTP 403"), e.getMessage());
      assertTrue(e.getMessage().contains(stsUrl()), e.getMessage());
      System.out.println("STS refused: " + e.getMessage());
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      for (String secret : List.of(BASE_KEY, BASE_SECRET, KEY_A, SECRET_A, TOKEN_A)) {
        assertFalse(e.getMessage().contains(secret), secret + " in " + e.getMessage());
        assertFalse(e.toString().contains(secret), secret + " in " + e);
        assertFalse(trace.toString().contains(secret), secret + " in the stack trace");
        assertFalse(source.toString().contains(secret), secret + " in " + source);
      }
    }
    assertTrue(kinesis.findAll(postRequestedFor(urlEqualTo("/"))).isEmpty(), "no Kinesis call without credentials");
  }

  @Test
  void anUnreachableStsEndpointIsNamedNotTakenForKinesis() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      closedPort = socket.getLocalPort();
    } // closed: nothing listens there now
    SourceConfig config = new SourceConfig(Optional.of(kinesisUrl()), Optional.of("us-east-1"), Optional.empty(),
        Optional.of(new SourceConfig.StaticCredentials(BASE_KEY, BASE_SECRET, Optional.empty())), List.of(ROLE_A),
        Optional.of("http://127.0.0.1:" + closedPort));
    try (StreamSource source = new KinesisStreamSource(KinesisClientFactory.connect(config),
        new KinesisRetryPolicy(3, 1, 5), KinesisReadOptions.DEFAULT)) {
      StreamSourceException e = assertThrows(StreamSourceException.class, () -> source.streamExists("orders"));
      assertTrue(e.getMessage().contains("IAM role " + ROLE_A + " could not be assumed through STS at http://127.0.0.1:"
          + closedPort), e.getMessage());
      assertFalse(e.getMessage().contains("Cannot reach the Kinesis endpoint"), e.getMessage());
      assertEquals(StreamSourceException.Reason.OTHER, e.reason(), e.getMessage());
      System.out.println("STS unreachable: " + e.getMessage());
      assertFalse(e.getMessage().contains(BASE_SECRET), e.getMessage());
    }
    assertTrue(kinesis.findAll(postRequestedFor(urlEqualTo("/"))).isEmpty(), "no Kinesis call without credentials");
  }

  @Test
  void withoutAnStsEndpointTheSdkSettingIsHonoured() {
    stubAssumeRole(sts, ROLE_A, KEY_A, SECRET_A, TOKEN_A);
    SourceConfig noOverride = new SourceConfig(Optional.of(kinesisUrl()), Optional.of("us-east-1"),
        Optional.empty(), Optional.of(new SourceConfig.StaticCredentials(BASE_KEY, BASE_SECRET, Optional.empty())),
        List.of(ROLE_A));
    String previous = System.getProperty("aws.endpointUrlSts");
    System.setProperty("aws.endpointUrlSts", stsUrl()); // what AWS_ENDPOINT_URL_STS sets for this JVM
    try (StreamSource source = new KinesisStreamSource(KinesisClientFactory.connect(noOverride),
        new KinesisRetryPolicy(3, 1, 5), KinesisReadOptions.DEFAULT)) {
      assertFalse(source.streamExists("orders"));
      assertTrue(KinesisClientFactory.describeStsTarget(noOverride, KinesisClientFactory.region(noOverride))
          .startsWith(stsUrl()));
    } finally {
      if (previous == null) {
        System.clearProperty("aws.endpointUrlSts");
      } else {
        System.setProperty("aws.endpointUrlSts", previous);
      }
    }
    assertEquals(1, sts.findAll(postRequestedFor(urlEqualTo("/"))).size());
    assertEquals(KEY_A, credentialOf(kinesis.findAll(postRequestedFor(urlEqualTo("/"))).get(0)));
  }
}
