package io.streamview.jdbc;

import io.streamview.engine.database.DatabaseLocation;
import io.streamview.jdbc.error.ErrorCode;
import io.streamview.jdbc.error.StreamViewException;

import java.nio.file.Path;
import java.util.Properties;

/**
 * A parsed {@code jdbc:streamview:} URL: {@code mem:}, {@code mem:NAME} or {@code file:PATH}, then optional
 * {@code ;key=value} pairs, merged over the caller's properties.
 */
public record DatabaseUrl(DatabaseLocation location, Properties properties) {

  public static final String PREFIX = "jdbc:streamview:";

  /** Parses {@code url}; {@code info} may be null. */
  public static DatabaseUrl parse(String url, Properties info) {
    if (url == null || !url.startsWith(PREFIX)) {
      throw new StreamViewException(ErrorCode.INVALID_URL, url, "it must start with " + PREFIX);
    }
    String rest = url.substring(PREFIX.length());
    String[] parts = rest.split(";");
    Properties props = new Properties();
    if (info != null) {
      props.putAll(info);
    }
    for (int i = 1; i < parts.length; i++) {
      String pair = parts[i].trim();
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new StreamViewException(ErrorCode.INVALID_URL, redact(url), "'" + redactPair(pair) + "' is not key=value");
      }
      String key = pair.substring(0, eq).trim();
      if (ConnectionProperty.byKey(key).isEmpty()) {
        throw new StreamViewException(ErrorCode.INVALID_URL, redact(url), "unknown property '" + key + "' (known: "
            + java.util.Arrays.stream(ConnectionProperty.values()).map(ConnectionProperty::key).toList() + ")");
      }
      props.setProperty(ConnectionProperty.byKey(key).get().key(), pair.substring(eq + 1).trim());
    }
    return new DatabaseUrl(location(parts[0].trim(), url), props);
  }

  private static DatabaseLocation location(String spec, String url) {
    if (spec.equals("mem:") || spec.equals("mem")) {
      return new DatabaseLocation.PrivateMemory();
    }
    if (spec.startsWith("mem:")) {
      return new DatabaseLocation.NamedMemory(spec.substring(4));
    }
    if (spec.startsWith("file:") && spec.length() > 5) {
      String path = spec.substring(5);
      if (path.startsWith("~/")) {
        path = System.getProperty("user.home") + path.substring(1);
      }
      return new DatabaseLocation.Directory(Path.of(path));
    }
    throw new StreamViewException(ErrorCode.INVALID_URL, redact(url), "'" + spec + "' is not mem:, mem:NAME or file:PATH");
  }

  /** The URL with secret property values masked, for messages. */
  public static String redact(String url) {
    return url == null ? null : url.replaceAll("(?i)(awsSecretAccessKey|awsSessionToken)=[^;]*", "$1=****");
  }

  private static String redactPair(String pair) {
    return redact(";" + pair).substring(1);
  }

  @Override public String toString() {
    return "DatabaseUrl[" + location.describe() + "]";
  }
}
