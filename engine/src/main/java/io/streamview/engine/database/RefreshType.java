package io.streamview.engine.database;

/** What started a refresh, as Redshift's {@code refresh_type} names it. */
public enum RefreshType {
  /** {@code REFRESH MATERIALIZED VIEW}. */
  MANUAL("Manual"),
  /** The auto-refresh threads of a view with {@code AUTO REFRESH YES}. */
  AUTO("Auto");

  private final String text;

  RefreshType(String text) {
    this.text = text;
  }

  /** {@code Manual} or {@code Auto}. */
  public String text() {
    return text;
  }
}
