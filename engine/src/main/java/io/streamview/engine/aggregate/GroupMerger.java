package io.streamview.engine.aggregate;

import io.streamview.engine.storage.RowStore;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges batches of stream records into an aggregating view's stored groups, exactly once. For a batch of shard s
 * whose last record has sequence number q: each record is added to its group unless the group's mark for s is at or
 * above the record's sequence number (the record was merged before, by a refresh that stopped before committing its
 * position); each group that changed gets mark max(mark, q) for s, its visible values and HAVING flag recomputed,
 * and is written back in one row, so a group's states and marks never disagree. Only the groups the batch touches
 * are read; the stored history is never re-read. Merges are serialized (one at a time per merger); the records of
 * different shards may be evaluated in parallel before.
 */
public final class GroupMerger {

  private final StateLayout layout;
  private final GroupFinalizer finalizer;

  public GroupMerger(StateLayout layout, GroupFinalizer finalizer) {
    this.layout = layout;
    this.finalizer = finalizer;
  }

  public StateLayout layout() {
    return layout;
  }

  /**
   * Merges the records of one batch of {@code shardId}, whose last record is {@code lastSequenceNumber}.
   *
   * @return the number of groups written
   * @throws ArithmeticException when a COUNT or an integer SUM overflows its type
   */
  public synchronized int merge(RowStore store, String shardId, String lastSequenceNumber,
                                List<RecordContribution> records) {
    Map<ByteBuffer, GroupState> groups = new LinkedHashMap<>();
    for (RecordContribution r : records) {
      if (r.key().length != layout.keyColumns()) {
        throw new IllegalArgumentException("a record's group key has " + r.key().length + " values, expected "
            + layout.keyColumns());
      }
      byte[] key = GroupKeys.of(r.key());
      GroupState group = groups.computeIfAbsent(ByteBuffer.wrap(key), k -> load(store, key, r.key()));
      String mark = group.appliedUpTo(shardId);
      if (mark == null || SequenceNumbers.compare(r.sequenceNumber(), mark) > 0) {
        group.fold(layout, r.inputs());
      }
    }
    Map<ByteBuffer, GroupState> changed = new LinkedHashMap<>();
    groups.forEach((key, group) -> {
      if (group.changed()) {
        group.markApplied(shardId, lastSequenceNumber);
        changed.put(key, group);
      }
    });
    write(store, changed);
    return changed.size();
  }

  /**
   * Stores the empty group under {@code key} if there is none: a query without GROUP BY has its one row before any
   * record arrives (COUNT 0, SUM NULL).
   *
   * @return whether the group was written
   */
  public synchronized boolean ensureGroup(RowStore store, Object[] key) {
    byte[] bytes = GroupKeys.of(key);
    if (store.get(bytes) != null) {
      return false;
    }
    Map<ByteBuffer, GroupState> one = new LinkedHashMap<>();
    one.put(ByteBuffer.wrap(bytes), GroupState.empty(layout, key));
    write(store, one);
    return true;
  }

  private GroupState load(RowStore store, byte[] key, Object[] keyValues) {
    Object[] row = store.get(key);
    return row == null ? GroupState.empty(layout, keyValues) : GroupRows.decode(layout, row);
  }

  private void write(RowStore store, Map<ByteBuffer, GroupState> groups) {
    if (groups.isEmpty()) {
      return;
    }
    List<GroupState> list = new ArrayList<>(groups.values());
    List<GroupFinalizer.FinalRow> finals = finalizer.finalRows(layout, list);
    if (finals.size() != list.size()) {
      throw new IllegalStateException("the finalizer returned " + finals.size() + " rows for " + list.size()
          + " groups");
    }
    List<Map.Entry<byte[], Object[]>> rows = new ArrayList<>(list.size());
    int i = 0;
    for (ByteBuffer key : groups.keySet()) {
      GroupFinalizer.FinalRow f = finals.get(i);
      rows.add(Map.entry(key.array(), GroupRows.encode(layout, f.values(), f.passesHaving(), list.get(i))));
      i++;
    }
    store.putAll(rows);
  }
}
