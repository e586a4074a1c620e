package io.streamview.engine.system;

import io.streamview.catalog.MaterializedViewDef;
import io.streamview.engine.database.Database;
import io.streamview.engine.database.RefreshRecord;

import java.util.Optional;

/** What {@code STV_MV_INFO} and {@code SVV_MV_INFO} say about one materialized view. */
final class MvState {

  /** {@code state} 1: the view is refreshed incrementally (every streaming view is). */
  static final int INCREMENTAL = 1;

  private MvState() {
  }

  /**
   * {@code f} when the view's last refresh since the database opened succeeded, was not cancelled and reached
   * parity on every shard it read (so no newer records are known); else {@code t}.
   */
  static String isStale(Database db, MaterializedViewDef mv) {
    Optional<RefreshRecord> last = db.refreshLog().lastRefresh(mv.storeName());
    return SystemValues.flag(last.map(r -> !r.reachedParity()).orElse(true));
  }

  /** The refresh id of the view's last successful refresh since the database opened, or null. */
  static Long updatedUpTo(Database db, MaterializedViewDef mv) {
    return db.refreshLog().lastSuccessfulRefresh(mv.storeName()).map(RefreshRecord::refreshId).orElse(null);
  }
}
