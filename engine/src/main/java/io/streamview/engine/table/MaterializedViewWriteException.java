package io.streamview.engine.table;

/**
 * INSERT, UPDATE or MERGE on a materialized view: its rows come only from REFRESH (DELETE and TRUNCATE are allowed on
 * a streaming view, to bound its storage; a recomputed view, over tables and views, allows neither).
 */
public final class MaterializedViewWriteException extends RuntimeException {

  /** {@code operation} on a materialized view over tables and views, recomputed from its query by REFRESH. */
  public static MaterializedViewWriteException recomputed(String viewName, String operation) {
    return new MaterializedViewWriteException(operation + " on materialized view " + viewName + " is not "
        + "supported: its rows are recomputed from its query by REFRESH MATERIALIZED VIEW; change the relations it "
        + "reads instead (DELETE and TRUNCATE apply to streaming views only)");
  }

  private MaterializedViewWriteException(String message) {
    super(message);
  }

  public MaterializedViewWriteException(String viewName, String operation) {
    super(operation + " on materialized view " + viewName + " is not supported: its rows come from REFRESH "
        + "MATERIALIZED VIEW; DELETE and TRUNCATE remove rows without changing what the next refresh reads");
  }
}
