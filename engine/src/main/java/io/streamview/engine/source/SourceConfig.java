package io.streamview.engine.source;

import java.util.Optional;

/**
 * How to reach a stream service: from the connection properties and the external schema.
 * Absent values follow the AWS SDK's own conventions (default credentials chain, AWS_REGION,
 * AWS_ENDPOINT_URL_KINESIS / AWS_ENDPOINT_URL). {@link #toString()} never shows credentials.
 *
 * @param endpoint    endpoint override, e.g. {@code http://127.0.0.1:4567}, or empty
 * @param region      region, or empty
 * @param profile     named profile of the shared AWS config files, or empty
 * @param credentials static credentials, or empty for the default chain
 * @param roleArns    IAM_ROLE of the external schema: empty for {@code default}, else the chain of role ARNs
 */
public record SourceConfig(
    Optional<String> endpoint,
    Optional<String> region,
    Optional<String> profile,
    Optional<StaticCredentials> credentials,
    java.util.List<String> roleArns) {

  public SourceConfig {
    roleArns = java.util.List.copyOf(roleArns);
  }

  @Override public String toString() {
    return "SourceConfig[endpoint=" + endpoint.orElse("(default)") + ", region=" + region.orElse("(default)")
        + ", profile=" + profile.orElse("(default)") + ", credentials=" + (credentials.isPresent() ? "static" : "(default chain)")
        + ", roleArns=" + roleArns + "]";
  }

  /** Static credentials; never printed. */
  public record StaticCredentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
    @Override public String toString() {
      return "StaticCredentials[****]";
    }
  }
}
