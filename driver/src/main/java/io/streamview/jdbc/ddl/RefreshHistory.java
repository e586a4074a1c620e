package io.streamview.jdbc.ddl;

import io.streamview.engine.database.Database;
import io.streamview.engine.refresh.RefreshResult;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/** The most recent refreshes of each open database, newest last (the seed of the refresh system views). */
public final class RefreshHistory {

  private static final int KEEP = 1000;
  private static final Map<Database, Deque<RefreshResult>> HISTORY = new WeakHashMap<>();

  private RefreshHistory() {
  }

  static synchronized void record(Database db, RefreshResult result) {
    Deque<RefreshResult> d = HISTORY.computeIfAbsent(db, k -> new ArrayDeque<>());
    d.addLast(result);
    while (d.size() > KEEP) {
      d.removeFirst();
    }
  }

  /** The refreshes recorded for {@code db}, oldest first. */
  public static synchronized List<RefreshResult> of(Database db) {
    Deque<RefreshResult> d = HISTORY.get(db);
    return d == null ? List.of() : List.copyOf(d);
  }
}
