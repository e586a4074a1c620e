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
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Builds the {@link KinesisClient} of a {@link SourceConfig}. What the config leaves out follows the SDK's own
 * conventions: the endpoint from {@code AWS_ENDPOINT_URL_KINESIS} / {@code AWS_ENDPOINT_URL} (the SDK reads them),
 * the region from the default region chain, the credentials from the default chain. Static credentials win over a
 * profile; {@code roleArns} are assumed in order through STS, each with the credentials of the one before.
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
        credentials = assumeRole(roleArn, credentials, region, resources);
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
          .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(
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

  private static AwsCredentialsProvider assumeRole(String roleArn, AwsCredentialsProvider source, Region region,
                                                   List<AutoCloseable> resources) {
    StsClient sts = StsClient.builder()
        .region(region)
        .credentialsProvider(source)
        .httpClientBuilder(httpClient())
        .build();
    resources.add(0, sts); // close providers that use it first
    StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts)
        .refreshRequest(r -> r.roleArn(roleArn).roleSessionName("streamview-" + UUID.randomUUID().toString()
            .substring(0, 8)))
        .build();
    resources.add(0, provider);
    return provider;
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
