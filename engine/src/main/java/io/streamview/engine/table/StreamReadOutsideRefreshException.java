package io.streamview.engine.table;

/** A query read a stream directly; streams are read only through a materialized view's refresh. */
public final class StreamReadOutsideRefreshException extends RuntimeException {

  private final String schemaName;
  private final String streamName;

  public StreamReadOutsideRefreshException(String schemaName, String streamName) {
    super("stream " + schemaName + ".\"" + streamName + "\" can be read only by a materialized view: "
        + "CREATE MATERIALIZED VIEW name AS SELECT … FROM " + schemaName + ".\"" + streamName
        + "\", then REFRESH MATERIALIZED VIEW name and query the view");
    this.schemaName = schemaName;
    this.streamName = streamName;
  }

  public String schemaName() {
    return schemaName;
  }

  public String streamName() {
    return streamName;
  }
}
