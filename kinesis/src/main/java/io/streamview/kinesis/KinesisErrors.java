package io.streamview.kinesis;

import io.streamview.engine.source.StreamSourceException;
import io.streamview.engine.source.StreamSourceException.Reason;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.kinesis.model.AccessDeniedException;
import software.amazon.awssdk.services.kinesis.model.KmsAccessDeniedException;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * Turns what the AWS SDK throws into {@link StreamSourceException}s that name the stream and the endpoint, with
 * credentials redacted from every message, including the cause's (the cause is a sanitized copy of the SDK
 * exception, with its stack trace, never the SDK exception itself).
 */
final class KinesisErrors {

  private static final Set<String> ACCESS_CODES = Set.of("AccessDenied", "AccessDeniedException",
      "UnrecognizedClientException", "InvalidSignatureException", "SignatureDoesNotMatch", "ExpiredTokenException",
      "ExpiredToken", "IncompleteSignature", "IncompleteSignatureException", "MissingAuthenticationToken",
      "MissingAuthenticationTokenException", "InvalidClientTokenId", "KMSAccessDeniedException");
  /** AWS access key ids (long-term AKIA…, temporary ASIA…). */
  private static final Pattern ACCESS_KEY_ID = Pattern.compile("\\b(?:AKIA|ASIA|AIDA|AROA)[A-Z0-9]{12,}\\b");
  /** SigV4 details some errors echo back (canonical request, string to sign, Credential=…). */
  private static final Pattern SIGNATURE_DETAILS =
      Pattern.compile("(?s)(Credential=\\S+|The Canonical String for this request should have been.*"
          + "|The String-to-Sign should have been.*)");

  private final String target;
  private final Set<String> secrets;
  private final int attempts;

  /**
   * @param target   endpoint and region, e.g. {@code http://127.0.0.1:4567 (region us-east-1)}
   * @param secrets  strings never to show
   * @param attempts how many calls the retry policy makes before giving up, for messages
   */
  KinesisErrors(String target, Set<String> secrets, int attempts) {
    this.target = target;
    this.secrets = Set.copyOf(secrets);
    this.attempts = attempts;
  }

  String target() {
    return target;
  }

  /**
   * The exception to throw for a failed call.
   *
   * @param e         what the SDK (or retry policy) threw; a {@link StreamSourceException} is returned as it is
   * @param stream    the stream concerned
   * @param operation e.g. {@code ListShards}
   */
  StreamSourceException map(RuntimeException e, String stream, String operation) {
    if (e instanceof StreamSourceException sse) {
      return sse;
    }
    RuntimeException cause = sanitized(e);
    if (e instanceof ResourceNotFoundException) {
      return new StreamSourceException(Reason.STREAM_NOT_FOUND, stream,
          "Kinesis stream '" + stream + "' does not exist at " + target + " (" + operation + ": "
              + serviceMessage(e) + ")", cause);
    }
    if (e instanceof ResourceInUseException) {
      return new StreamSourceException(Reason.STREAM_NOT_FOUND, stream,
          "Kinesis stream '" + stream + "' at " + target + " is not active: it is being deleted (or created) ("
              + operation + ": " + serviceMessage(e) + ")", cause);
    }
    if (isAccessDenied(e)) {
      return new StreamSourceException(Reason.ACCESS_DENIED, stream,
          "Access to Kinesis stream '" + stream + "' at " + target + " was denied (" + operation + ": "
              + serviceMessage(e) + ")", cause);
    }
    if (e instanceof SdkServiceException service && KinesisRetryPolicy.isRetryable(e) && service.statusCode() < 500) {
      return new StreamSourceException(Reason.THROTTLED, stream,
          "Kinesis kept throttling " + operation + " on stream '" + stream + "' at " + target + " after " + attempts
              + " attempts (" + serviceMessage(e) + ")", cause);
    }
    if (e instanceof SdkClientException && KinesisRetryPolicy.isRetryable(e)) {
      return new StreamSourceException(Reason.ENDPOINT_UNREACHABLE, stream,
          "Cannot reach the Kinesis endpoint " + target + " after " + attempts + " attempts (" + operation
              + " on stream '" + stream + "'): " + redact(rootMessage(e)), cause);
    }
    if (e instanceof SdkClientException && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT)
        .contains("credentials")) {
      return new StreamSourceException(Reason.ACCESS_DENIED, stream,
          "No usable AWS credentials for Kinesis stream '" + stream + "' at " + target + ": "
              + redact(String.valueOf(e.getMessage())), cause);
    }
    return new StreamSourceException(Reason.OTHER, stream,
        "Kinesis " + operation + " failed for stream '" + stream + "' at " + target + ": " + serviceMessage(e), cause);
  }

  static boolean isAccessDenied(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof AccessDeniedException || t instanceof KmsAccessDeniedException) {
        return true;
      }
      if (t instanceof AwsServiceException aws) {
        String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
        if (aws.statusCode() == 403 || (code != null && ACCESS_CODES.contains(code))) {
          return true;
        }
      }
    }
    return false;
  }

  /** The message with known secrets, access key ids and signature details removed. */
  String redact(String message) {
    return redact(message, secrets);
  }

  static String redact(String message, Set<String> secrets) {
    if (message == null) {
      return "";
    }
    String result = message;
    for (String secret : secrets) {
      if (secret != null && secret.length() >= 4) {
        result = result.replace(secret, "****");
      }
    }
    result = SIGNATURE_DETAILS.matcher(result).replaceAll("****");
    return ACCESS_KEY_ID.matcher(result).replaceAll("****");
  }

  private String serviceMessage(RuntimeException e) {
    if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
      String code = aws.awsErrorDetails().errorCode();
      String message = aws.awsErrorDetails().errorMessage();
      return redact((code == null ? aws.getClass().getSimpleName() : code) + ", HTTP " + aws.statusCode()
          + (message == null ? "" : ": " + message));
    }
    return redact(e.getClass().getSimpleName() + ": " + e.getMessage());
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root == e ? String.valueOf(message) : root.getClass().getSimpleName() + ": " + message;
  }

  /** A copy of the chain with redacted messages and the original stack traces. */
  private RuntimeException sanitized(Throwable e) {
    if (e == null) {
      return null;
    }
    Throwable cause = e.getCause() == e ? null : e.getCause();
    KinesisCallFailure copy = new KinesisCallFailure(e.getClass().getName() + ": " + redact(e.getMessage()),
        sanitized(cause));
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }

  /** A sanitized stand-in for an SDK exception: its class name and redacted message, and its stack trace. */
  static final class KinesisCallFailure extends RuntimeException {
    KinesisCallFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
