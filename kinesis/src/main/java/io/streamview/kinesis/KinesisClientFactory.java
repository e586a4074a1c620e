package io.streamview.kinesis;

import io.streamview.engine.source.SourceConfig;
import io.streamview.engine.source.StreamSourceException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Builds the {@link KinesisClient} of a {@link SourceConfig}. What the config leaves out follows the SDK's own
 * conventions: the endpoint from {@code AWS_ENDPOINT_URL_KINESIS} / {@code AWS_ENDPOINT_URL} (the SDK reads them),
 * the region from the default region chain, the credentials from the default chain. Static credentials win over a
 * profile; {@code roleArns} are assumed in order through STS, each with the credentials of the one before. STS is
 * reached at {@code stsEndpoint} when configured, else where the SDK's StsClient looks ({@code AWS_ENDPOINT_URL_STS}
 * / {@code aws.endpointUrlSts}, {@code AWS_ENDPOINT_URL}, the profile's {@code endpoint_url}, else the region's STS
 * endpoint). A role that cannot be assumed fails the Kinesis call with an error naming the role ARN.
 * The SDK does not retry: {@link KinesisRetryPolicy} does.
 */
final class KinesisClientFactory {

  /** Region used with an endpoint override when none is configured (emulators accept any). */
  static final String EMULATOR_REGION = "us-east-1";

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);
  static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(60);
  static final int MAX_CONNECTIONS = 64;

  private KinesisClientFactory() {
  }

  static KinesisConnection connect(SourceConfig config) {
    return connect(config, ATTEMPT_TIMEOUT);
  }

  /** As {@link #connect(SourceConfig)}, with another time limit per HTTP attempt (tests of timeouts). */
  static KinesisConnection connect(SourceConfig config, Duration attemptTimeout) {
    Region region = region(config);
    Set<String> secrets = new HashSet<>();
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      AwsCredentialsProvider credentials = baseCredentials(config, secrets, resources);
      for (String roleArn : config.roleArns()) {
        credentials = assumeRole(roleArn, credentials, config, region, secrets, resources);
      }
      KinesisClientBuilder builder = KinesisClient.builder()
          .region(region)
          .credentialsProvider(credentials)
          .httpClientBuilder(httpClient())
          .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
              .apiCallAttemptTimeout(attemptTimeout));
      config.endpoint().map(URI::create).ifPresent(builder::endpointOverride);
      KinesisClient client = builder.build();
      return new KinesisConnection(client, describeTarget(config, region), secrets, resources);
    } catch (RuntimeException e) {
      closeAll(resources);
      if (e instanceof StreamSourceException) {
        throw e;
      }
      throw new StreamSourceException(StreamSourceException.Reason.OTHER, null,
          "Cannot set up a Kinesis client for " + describeTarget(config, region) + ": "
              + KinesisErrors.redact(String.valueOf(e.getMessage()), secrets), null);
    }
  }

  /** The configured region, else the default chain (of the configured profile), else us-east-1 for an override. */
  static Region region(SourceConfig config) {
    if (config.region().isPresent()) {
      return Region.of(config.region().get());
    }
    try {
      DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
      config.profile().ifPresent(chain::profileName);
      return chain.build().getRegion();
    } catch (SdkClientException noRegion) {
      if (config.endpoint().isPresent()) {
        return Region.of(EMULATOR_REGION);
      }
      throw new StreamSourceException(StreamSourceException.Reason.OTHER, null,
          "No AWS region for Kinesis: set the awsRegion property, AWS_REGION, or a region in the AWS profile", noRegion);
    }
  }

  /** Where requests go, for messages: the override, the SDK's endpoint variables, or the region's public endpoint. */
  static String describeTarget(SourceConfig config, Region region) {
    Optional<String> endpoint = config.endpoint()
        .or(() -> setting("aws.endpointUrlKinesis", "AWS_ENDPOINT_URL_KINESIS"))
        .or(() -> setting("aws.endpointUrl", "AWS_ENDPOINT_URL"));
    return endpoint.map(e -> e + " (region " + region.id() + ")")
        .orElseGet(() -> "kinesis." + region.id() + ".amazonaws.com (region " + region.id() + ")");
  }

  private static Optional<String> setting(String property, String env) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(env);
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  private static AwsCredentialsProvider baseCredentials(SourceConfig config, Set<String> secrets,
                                                        List<AutoCloseable> resources) {
    if (config.credentials().isPresent()) {
      SourceConfig.StaticCredentials c = config.credentials().get();
      secrets.add(c.accessKeyId());
      secrets.add(c.secretAccessKey());
      c.sessionToken().ifPresent(secrets::add);
      return StaticCredentialsProvider.create(c.sessionToken()
          .<AwsCredentials>map(
              token -> AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), token))
          .orElseGet(() -> AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())));
    }
    if (config.profile().isPresent()) {
      ProfileCredentialsProvider profile = ProfileCredentialsProvider.builder()
          .profileName(config.profile().get()).build();
      resources.add(profile);
      return profile;
    }
    DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
    resources.add(chain);
    return chain;
  }

  /** Where STS requests go, for messages: the override, the SDK's endpoint variables, or the region's endpoint. */
  static String describeStsTarget(SourceConfig config, Region region) {
    Optional<String> endpoint = config.stsEndpoint()
        .or(() -> setting("aws.endpointUrlSts", "AWS_ENDPOINT_URL_STS"))
        .or(() -> setting("aws.endpointUrl", "AWS_ENDPOINT_URL"));
    return endpoint.map(e -> e + " (region " + region.id() + ")")
        .orElseGet(() -> "sts." + region.id() + ".amazonaws.com (region " + region.id() + ")");
  }

  private static AwsCredentialsProvider assumeRole(String roleArn, AwsCredentialsProvider source, SourceConfig config,
                                                   Region region, Set<String> secrets,
                                                   List<AutoCloseable> resources) {
    StsClientBuilder builder = StsClient.builder()
        .region(region)
        .credentialsProvider(source)
        .httpClientBuilder(httpClient())
        .overrideConfiguration(o -> o.apiCallAttemptTimeout(ATTEMPT_TIMEOUT));
    config.stsEndpoint().map(URI::create).ifPresent(builder::endpointOverride);
    StsClient sts = builder.build();
    resources.add(0, sts); // close providers that use it first
    StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts)
        .refreshRequest(r -> r.roleArn(roleArn).roleSessionName("streamview-" + UUID.randomUUID().toString()
            .substring(0, 8)))
        .build();
    resources.add(0, provider);
    return new AssumedRole(roleArn, describeStsTarget(config, region), provider, secrets);
  }

  /**
   * The credentials of one assumed role. A failure to assume it becomes an {@link SdkClientException} whose message
   * names the role ARN and the STS endpoint (never a key, secret or token); STS's own answer (e.g. 403 AccessDenied)
   * stays its cause so that the caller still sees an access denial for what it is.
   */
  static final class AssumedRole implements AwsCredentialsProvider {
    private final String roleArn;
    private final String stsTarget;
    private final AwsCredentialsProvider delegate;
    private final Set<String> secrets;

    /** @param secrets strings never to show (a live view: the caller may still add to it while setting up) */
    AssumedRole(String roleArn, String stsTarget, AwsCredentialsProvider delegate, Set<String> secrets) {
      this.roleArn = roleArn;
      this.stsTarget = stsTarget;
      this.delegate = delegate;
      this.secrets = secrets;
    }

    @Override
    public AwsCredentials resolveCredentials() {
      try {
        return delegate.resolveCredentials();
      } catch (RuntimeException e) {
        // The SDK's exception stays the cause only for an answer of STS (a 403 must read as access denied); a
        // network failure does not, so that it is not taken for an unreachable Kinesis endpoint (StsClient has
        // already retried it).
        throw SdkClientException.builder()
            .message("IAM role " + roleArn + " could not be assumed through STS at " + stsTarget + ": "
                + reason(e, secrets))
            .cause(serviceAnswer(e) ? e : null)
            .build();
      }
    }

    private static boolean serviceAnswer(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
        if (t instanceof AwsServiceException) {
          return true;
        }
      }
      return false;
    }

    private static String reason(RuntimeException e, Set<String> secrets) {
      for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
        if (t instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
          String code = aws.awsErrorDetails().errorCode();
          String message = aws.awsErrorDetails().errorMessage();
          return KinesisErrors.redact((code == null ? aws.getClass().getSimpleName() : code) + ", HTTP "
              + aws.statusCode() + (message == null ? "" : ": " + message), secrets);
        }
      }
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      return KinesisErrors.redact(root.getClass().getSimpleName() + ": " + root.getMessage(), secrets);
    }

    @Override
    public String toString() {
      return "AssumedRole[" + roleArn + " via " + stsTarget + "]";
    }
  }

  private static ApacheHttpClient.Builder httpClient() {
    return ApacheHttpClient.builder()
        .connectionTimeout(CONNECT_TIMEOUT)
        .socketTimeout(SOCKET_TIMEOUT)
        .connectionAcquisitionTimeout(ATTEMPT_TIMEOUT)
        .maxConnections(MAX_CONNECTIONS)
        .tcpKeepAlive(true);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception ignored) {
        // best effort while failing
      }
    }
  }
}
