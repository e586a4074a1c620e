package io.streamview.engine.source;

/**
 * A stream could not be read. Unchecked inside the engine; the driver converts it to an {@code SQLException}
 * at the JDBC boundary. Messages never contain credentials.
 */
public class StreamSourceException extends RuntimeException {

  /** Why the read failed. */
  public enum Reason {
    STREAM_NOT_FOUND,
    ACCESS_DENIED,
    ENDPOINT_UNREACHABLE,
    THROTTLED,
    OTHER
  }

  private final Reason reason;
  private final String streamName;

  public StreamSourceException(Reason reason, String streamName, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.streamName = streamName;
  }

  public Reason reason() {
    return reason;
  }

  public String streamName() {
    return streamName;
  }
}
