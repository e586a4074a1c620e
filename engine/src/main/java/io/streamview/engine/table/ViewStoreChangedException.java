package io.streamview.engine.table;

/**
 * A statement planned against a materialized view ran after the view was dropped, or dropped and created again with
 * other columns ({@link ViewStoreResolver}); it has to be prepared again.
 */
public final class ViewStoreChangedException extends RuntimeException {

  private final String schemaName;
  private final String viewName;
  private final boolean dropped;

  private ViewStoreChangedException(String message, String schemaName, String viewName, boolean dropped) {
    super(message);
    this.schemaName = schemaName;
    this.viewName = viewName;
    this.dropped = dropped;
  }

  static ViewStoreChangedException dropped(String schema, String name) {
    return new ViewStoreChangedException("relation \"" + name + "\" does not exist: materialized view " + schema
        + "." + name + " was dropped after the statement was prepared; create it again and prepare the statement "
        + "again", schema, name, true);
  }

  static ViewStoreChangedException columnsChanged(String schema, String name) {
    return new ViewStoreChangedException("materialized view " + schema + "." + name + " was dropped and created "
        + "again with other columns after the statement was prepared, so the prepared plan no longer fits it "
        + "(cached plan must not change result type); prepare the statement again", schema, name, false);
  }

  public String schemaName() {
    return schemaName;
  }

  public String viewName() {
    return viewName;
  }

  /** Whether the view no longer exists (otherwise it exists with other columns). */
  public boolean isDropped() {
    return dropped;
  }
}
