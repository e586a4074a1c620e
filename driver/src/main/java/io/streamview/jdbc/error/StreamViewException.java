package io.streamview.jdbc.error;

/** An error of the catalogue, thrown inside the driver and converted to an SQLException at the JDBC boundary. */
public class StreamViewException extends RuntimeException {

  private final ErrorCode code;

  public StreamViewException(ErrorCode code, Object... args) {
    this(code, null, args);
  }

  public StreamViewException(ErrorCode code, Throwable cause, Object... args) {
    super(code.format(args), cause);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
