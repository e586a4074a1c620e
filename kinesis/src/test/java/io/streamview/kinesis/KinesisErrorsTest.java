package io.streamview.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.engine.source.StreamSourceException;
import io.streamview.engine.source.StreamSourceException.Reason;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.AccessDeniedException;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

class KinesisErrorsTest {

  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
  private final KinesisErrors errors = new KinesisErrors("http://127.0.0.1:4567 (region us-east-1)",
      Set.of(SECRET, KEY_ID), 8);

  private static AwsErrorDetails details(String code, String message) {
    return AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("Kinesis").build();
  }

  @Test
  void missingStream() {
    StreamSourceException e = errors.map(ResourceNotFoundException.builder().statusCode(400)
        .awsErrorDetails(details("ResourceNotFoundException", "Stream orders under account 000 not found."))
        .message("Stream orders under account 000 not found.").build(), "orders", "ListShards");
    assertEquals(Reason.STREAM_NOT_FOUND, e.reason());
    assertEquals("orders", e.streamName());
    assertTrue(e.getMessage().startsWith(
        "Kinesis stream 'orders' does not exist at http://127.0.0.1:4567 (region us-east-1)"), e.getMessage());
  }

  @Test
  void accessDeniedWithCredentialsRedactedEverywhere() {
    String leaky = "Signature mismatch for Credential=" + KEY_ID + "/20260101/us-east-1/kinesis/aws4_request; secret "
        + SECRET + " and another key ASIAXXXXXXXXXXXXXXXX";
    StreamSourceException e = errors.map(AccessDeniedException.builder().statusCode(400)
        .awsErrorDetails(details("AccessDeniedException", leaky)).message(leaky).build(), "orders", "GetRecords");
    assertEquals(Reason.ACCESS_DENIED, e.reason());
    assertTrue(e.getMessage().contains("'orders'") && e.getMessage().contains("127.0.0.1:4567"), e.getMessage());
    String trace = stackTrace(e);
    assertFalse(trace.contains(SECRET), trace);
    assertFalse(trace.contains(KEY_ID), trace);
    assertFalse(trace.contains("ASIAXXXXXXXXXXXXXXXX"), trace);
    assertFalse(e.getCause() instanceof AwsServiceException, "the SDK exception itself is not attached");
  }

  @Test
  void forbiddenAndUnknownSignersAreAccessDenied() {
    assertEquals(Reason.ACCESS_DENIED, errors.map(AwsServiceException.builder().statusCode(400)
        .awsErrorDetails(details("UnrecognizedClientException", "The security token is invalid")).build(),
        "s", "ListShards").reason());
    assertEquals(Reason.ACCESS_DENIED, errors.map(AwsServiceException.builder().statusCode(403)
        .awsErrorDetails(details("SomethingNew", "no")).build(), "s", "ListShards").reason());
    assertEquals(Reason.ACCESS_DENIED, errors.map(SdkClientException.create(
        "Unable to load credentials from any of the providers in the chain"), "s", "ListShards").reason());
  }

  @Test
  void unreachableEndpointNamesIt() {
    StreamSourceException e = errors.map(SdkClientException.create("Unable to execute HTTP request: Connection refused",
        new ConnectException("Connection refused")), "orders", "ListShards");
    assertEquals(Reason.ENDPOINT_UNREACHABLE, e.reason());
    assertTrue(e.getMessage().startsWith("Cannot reach the Kinesis endpoint http://127.0.0.1:4567 (region us-east-1)"
        + " after 8 attempts"), e.getMessage());
  }

  @Test
  void throttlingAndOthers() {
    assertEquals(Reason.THROTTLED, errors.map(ProvisionedThroughputExceededException.builder().statusCode(400)
        .awsErrorDetails(details("ProvisionedThroughputExceededException", "Rate exceeded")).build(), "s", "GetRecords")
        .reason());
    assertEquals(Reason.OTHER, errors.map(InvalidArgumentException.builder().statusCode(400)
        .awsErrorDetails(details("InvalidArgumentException", "bad")).build(), "s", "GetShardIterator").reason());
    StreamSourceException already = new StreamSourceException(Reason.OTHER, "s", "m", null);
    assertSame(already, errors.map(already, "s", "x"));
  }

  @Test
  void redactsKnownSecretsAndAccessKeyIds() {
    assertEquals("key **** secret ****", errors.redact("key " + KEY_ID + " secret " + SECRET));
    assertEquals("", errors.redact(null));
  }

  private static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
