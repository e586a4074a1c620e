package io.streamview.jdbc;

import java.sql.DriverPropertyInfo;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Every connection property StreamView understands, given after the URL ({@code ;key=value}) or in the
 * {@link Properties} passed to {@code DriverManager.getConnection}. The URL wins where both give a key.
 * Absent AWS settings follow the AWS SDK's own conventions. This enum also feeds {@code Driver.getPropertyInfo}.
 */
public enum ConnectionProperty {
  KINESIS_ENDPOINT("kinesisEndpoint", null,
      "Kinesis endpoint URL, e.g. http://127.0.0.1:4567. Default: AWS_ENDPOINT_URL_KINESIS, AWS_ENDPOINT_URL, or the region's endpoint."),
  STS_ENDPOINT("stsEndpoint", null,
      "STS endpoint URL used to assume the IAM_ROLE of external schemas, e.g. http://127.0.0.1:8443. "
      + "Default: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, or the region's STS endpoint."),
  AWS_REGION("awsRegion", null,
      "AWS region of the streams. Default: REGION of the external schema, then AWS_REGION and the SDK's region chain."),
  AWS_PROFILE("awsProfile", null,
      "Named profile of ~/.aws/config and ~/.aws/credentials. Default: the SDK's default credentials chain."),
  AWS_ACCESS_KEY_ID("awsAccessKeyId", null,
      "Static access key id (with awsSecretAccessKey). Default: the SDK's default credentials chain."),
  AWS_SECRET_ACCESS_KEY("awsSecretAccessKey", null,
      "Static secret access key (with awsAccessKeyId). Never logged or shown."),
  AWS_SESSION_TOKEN("awsSessionToken", null,
      "Session token for temporary static credentials. Never logged or shown."),
  REFRESH_PARALLELISM("refreshParallelism", "4",
      "The most shards one REFRESH reads at once."),
  AUTO_REFRESH_INTERVAL_MILLIS("autoRefreshIntervalMillis", "1000",
      "Milliseconds between the end of one refresh of an AUTO REFRESH YES materialized view and the start of the "
      + "next (at least 50; doubled after each failure in a row, up to a minute). A shared database keeps the value "
      + "of the connection that opened it."),
  QUERY_CACHE_SIZE("queryCacheSize", "16",
      "How many query plans the connection keeps by SQL text (as H2's QUERY_CACHE_SIZE), so that a query run again "
      + "by Statement.execute/executeQuery or prepared again skips parsing, planning and compiling; any DDL makes the "
      + "kept plans stale. 0 keeps none. At most 10000.");

  private final String key;
  private final String defaultValue;
  private final String description;

  ConnectionProperty(String key, String defaultValue, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String key() {
    return key;
  }

  public String description() {
    return description;
  }

  public Optional<String> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  /** The value in {@code props} (keys matched without regard to case), else the default. */
  public Optional<String> get(Properties props) {
    for (String name : props.stringPropertyNames()) {
      if (name.equalsIgnoreCase(key)) {
        String v = props.getProperty(name);
        if (v != null && !v.isBlank()) {
          return Optional.of(v.trim());
        }
      }
    }
    return defaultValue();
  }

  /** The property with this key (any case), if there is one. */
  public static Optional<ConnectionProperty> byKey(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    for (ConnectionProperty p : values()) {
      if (p.key.toLowerCase(Locale.ROOT).equals(k)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The description a GUI shows for this property, with the current value. */
  public DriverPropertyInfo info(Properties props) {
    DriverPropertyInfo info = new DriverPropertyInfo(key,
        this == AWS_SECRET_ACCESS_KEY || this == AWS_SESSION_TOKEN ? null : get(props).orElse(null));
    info.description = description;
    info.required = false;
    return info;
  }
}
