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
 * @param stsEndpoint STS endpoint override for assuming {@code roleArns}, or empty (AWS_ENDPOINT_URL_STS,
 *                    AWS_ENDPOINT_URL, else the region's STS endpoint)
 */
public record SourceConfig(
    Optional<String> endpoint,
    Optional<String> region,
    Optional<String> profile,
    Optional<StaticCredentials> credentials,
    java.util.List<String> roleArns,
    Optional<String> stsEndpoint) {

  public SourceConfig {
    roleArns = java.util.List.copyOf(roleArns);
  }

  /** Without an STS endpoint override. */
  public SourceConfig(Optional<String> endpoint, Optional<String> region, Optional<String> profile,
                      Optional<StaticCredentials> credentials, java.util.List<String> roleArns) {
    this(endpoint, region, profile, credentials, roleArns, Optional.empty());
  }

  @Override public String toString() {
    return "SourceConfig[endpoint=" + endpoint.orElse("(default)") + ", region=" + region.orElse("(default)")
        + ", profile=" + profile.orElse("(default)") + ", credentials=" + (credentials.isPresent() ? "static" : "(default chain)")
        + ", roleArns=" + roleArns + ", stsEndpoint=" + stsEndpoint.orElse("(default)") + "]";
  }

  /** Static credentials; never printed. */
  public record StaticCredentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
    @Override public String toString() {
      return "StaticCredentials[****]";
    }
  }
}
