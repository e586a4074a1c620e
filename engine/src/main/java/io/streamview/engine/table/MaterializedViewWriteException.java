package io.streamview.engine.table;

/** INSERT, UPDATE or MERGE on a materialized view: its rows come only from REFRESH (DELETE and TRUNCATE are allowed). */
public final class MaterializedViewWriteException extends RuntimeException {

  public MaterializedViewWriteException(String viewName, String operation) {
    super(operation + " on materialized view " + viewName + " is not supported: its rows come from REFRESH "
        + "MATERIALIZED VIEW; DELETE and TRUNCATE remove rows without changing what the next refresh reads");
  }
}
