package io.streamview.jdbc.sts;

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
import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.WithKinesis;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code CREATE EXTERNAL SCHEMA … IAM_ROLE 'arn…'} end to end: the driver assumes the role(s) at the STS endpoint of
 * the {@code stsEndpoint} property (a WireMock stub on 127.0.0.1) and reads the stream from the harness's Kinesis
 * endpoint with the role's temporary credentials (kinesis-mock does not check signatures).
 */
@WithKinesis
class IamRoleTest {

  private static final String ROLE_A = "arn:aws:iam::123456789012:role/a";
  private static final String ROLE_B = "arn:aws:iam::123456789012:role/b";
  private static final String TOKEN = "session-token-of-the-role-0123456789";
  private static final String ROLE_SECRET = "role-secret-0123456789abcdef";

  private WireMockServer sts;

  @BeforeEach
  void start() {
    sts = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    sts.start();
  }

  @AfterEach
  void stop() {
    sts.stop();
  }

  /**
   * Answers AssumeRole for {@code roleArn}. The credentials expire within the SDK's one-minute stale window, so every
   * use asks STS again: a later refusal is seen by the next REFRESH.
   */
  private void stubAssumeRole(String roleArn, String key) {
    stubAssumeRole(roleArn, key, Instant.now().plus(30, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS));
  }

  private void stubAssumeRole(String roleArn, String key, Instant expiration) {
    sts.stubFor(post(urlEqualTo("/"))
        .withFormParam("Action", equalTo("AssumeRole"))
        .withFormParam("RoleArn", equalTo(roleArn))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
            .withBody("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<AssumeRoleResult><Credentials>"
                + "<AccessKeyId>" + key + "</AccessKeyId>"
                + "<SecretAccessKey>" + ROLE_SECRET + "</SecretAccessKey>"
                + "<SessionToken>" + TOKEN + "</SessionToken>"
                + "<Expiration>" + expiration + "</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:s</AssumedRoleId>"
                + "<Arn>arn:aws:sts::123456789012:assumed-role/x/s</Arn></AssumedRoleUser>"
                + "</AssumeRoleResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>"
                + "</AssumeRoleResponse>")));
  }

  private void stubAccessDenied(String roleArn) {
    sts.stubFor(post(urlEqualTo("/"))
        .withFormParam("Action", equalTo("AssumeRole"))
        .withFormParam("RoleArn", equalTo(roleArn))
        .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml")
            .withBody("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
                + "<Code>AccessDenied</Code><Message>Not authorized to perform sts:AssumeRole</Message></Error>"
                + "<RequestId>req-2</RequestId></ErrorResponse>")));
  }

  private String stsUrl() {
    return "http://127.0.0.1:" + sts.port();
  }

  private String url(KinesisEndpoint endpoint) {
    return "jdbc:streamview:mem:" + endpoint.jdbcProperties() + ";stsEndpoint=" + stsUrl();
  }

  private List<String> rolesAssumed() {
    return sts.findAll(postRequestedFor(urlEqualTo("/"))).stream()
        .map(r -> r.formParameters().get("RoleArn").firstValue()).toList();
  }

  private static long count(Statement s, String view) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + view)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  @Test
  void aChainOfRolesIsAssumedAndTheViewRefreshes(KinesisEndpoint endpoint, KinesisTestStreams streams)
      throws Exception {
    stubAssumeRole(ROLE_A, "ASIAROLEA000EXAMPLE1");
    stubAssumeRole(ROLE_B, "ASIAROLEB000EXAMPLE1");
    String stream = streams.create("sts", 1);
    streams.putStrings(stream, "{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
    try (Connection c = DriverManager.getConnection(url(endpoint)); Statement s = c.createStatement()) {
      s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE '" + ROLE_A + "," + ROLE_B + "'");
      s.execute("CREATE MATERIALIZED VIEW mv AS SELECT json_extract_path_text(from_varbyte(kinesis_data, 'utf-8'), "
          + "'n') AS n FROM kds.\"" + stream + "\"");
      s.execute("REFRESH MATERIALIZED VIEW mv");
      try (ResultSet rs = s.executeQuery("SELECT n FROM mv ORDER BY n")) {
        for (String expected : List.of("1", "2", "3")) {
          assertTrue(rs.next());
          assertEquals(expected, rs.getString(1));
        }
        assertFalse(rs.next());
      }
    }
    List<String> assumed = rolesAssumed();
    assertTrue(assumed.contains(ROLE_A) && assumed.contains(ROLE_B), assumed.toString());
    assertEquals(ROLE_A, assumed.get(0), "the chain starts with the first role");
  }

  @Test
  void aRefusedRoleFailsTheRefreshWith42501AndLeavesTheView(KinesisEndpoint endpoint, KinesisTestStreams streams)
      throws Exception {
    // credentials that expire at once: the refused refresh below must ask STS again rather than use cached ones
    Instant expiration = Instant.now().plus(2, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS);
    stubAssumeRole(ROLE_A, "ASIAROLEA000EXAMPLE1", expiration);
    String stream = streams.create("sts-denied", 1);
    streams.putStrings(stream, "{\"n\":1}", "{\"n\":2}");
    try (Connection c = DriverManager.getConnection(url(endpoint)); Statement s = c.createStatement()) {
      s.execute("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE '" + ROLE_A + "'");
      s.execute("CREATE MATERIALIZED VIEW mv AS SELECT kinesis_data FROM kds.\"" + stream + "\"");
      s.execute("REFRESH MATERIALIZED VIEW mv");
      assertEquals(2, count(s, "mv"));
      assertTrue(rolesAssumed().contains(ROLE_A));

      sts.resetMappings();
      stubAccessDenied(ROLE_A);
      long untilExpired = java.time.Duration.between(Instant.now(), expiration).toMillis() + 1500;
      if (untilExpired > 0) {
        Thread.sleep(untilExpired); // the role's credentials have expired: the next call must assume it again
      }
      streams.putStrings(stream, "{\"n\":3}");
      SQLException e = assertThrows(SQLException.class, () -> s.execute("REFRESH MATERIALIZED VIEW mv"));
      assertEquals("42501", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains(ROLE_A), e.getMessage());
      assertTrue(e.getMessage().contains(stream), e.getMessage());
      for (String secret : List.of(endpoint.secretAccessKey(), ROLE_SECRET, TOKEN)) {
        assertFalse(e.getMessage().contains(secret), "a secret in " + e.getMessage());
        assertFalse(e.toString().contains(secret), "a secret in " + e);
      }
      assertEquals(2, count(s, "mv"), "the refused refresh changed nothing");
    }
  }
}
