package io.streamview.engine.database;

import java.util.function.BooleanSupplier;

/**
 * Runs one refresh of a materialized view for the auto-refresh threads, exactly as {@code REFRESH MATERIALIZED VIEW}
 * would, and records its outcome in the database's {@link RefreshLog}. Supplied by the driver through
 * {@link DatabaseOptions}, so that the engine does not depend on the SQL layer that compiles a view's query.
 */
@FunctionalInterface
public interface ViewRefresher {

  /**
   * Refreshes {@code viewKey} (the catalog key, lower-case {@code schema.name}) of {@code database}. Does nothing when
   * the view no longer exists or no longer has AUTO REFRESH YES.
   *
   * @param cancelled turns true when the database closes; the read then stops after the batch in hand
   * @throws RuntimeException when the refresh fails (after recording the failure)
   */
  void refresh(Database database, String viewKey, BooleanSupplier cancelled);
}
