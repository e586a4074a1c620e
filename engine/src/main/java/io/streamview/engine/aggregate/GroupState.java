package io.streamview.engine.aggregate;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One group of an aggregating view: its key, its partial aggregates, and for each shard that has contributed to it
 * the sequence number up to which that shard's records are included. A record of shard s with a sequence number at
 * or below that mark is already counted and is skipped, which makes applying a batch again harmless.
 */
public final class GroupState {

  private final Object[] key;
  private final Object[] states;
  private final TreeMap<String, String> applied;
  private boolean changed;
  /** The merger's number of the last batch that folded a record into this group ({@link GroupMerger}). */
  private long foldedBy;

  GroupState(Object[] key, Object[] states, Map<String, String> applied) {
    this.key = key;
    this.states = states;
    this.applied = new TreeMap<>(applied);
  }

  /** A group that has seen no rows. */
  public static GroupState empty(StateLayout layout, Object[] key) {
    return new GroupState(key.clone(), layout.emptyStates(), Map.of());
  }

  /** The GROUP BY values (storage representation); do not modify. */
  public Object[] key() {
    return key;
  }

  /** The partial aggregates, in the layout's order; do not modify. */
  public Object[] states() {
    return states;
  }

  /** Per shard, the sequence number up to which the shard's records are included. */
  public SortedMap<String, String> applied() {
    return Collections.unmodifiableSortedMap(applied);
  }

  /** The mark of {@code shardId}, or {@code null} if the shard has contributed nothing yet. */
  public String appliedUpTo(String shardId) {
    return applied.get(shardId);
  }

  /** Whether {@link #fold} changed this group since it was loaded. */
  boolean changed() {
    return changed;
  }

  /** Adds one record's inputs. */
  void fold(StateLayout layout, Object[] inputs) {
    if (inputs.length != states.length) {
      throw new IllegalArgumentException("a record brings " + inputs.length + " inputs; the group has "
          + states.length + " states");
    }
    for (int i = 0; i < states.length; i++) {
      StateKind kind = layout.states().get(i);
      states[i] = kind.merge(states[i], kind.ofRecord(inputs[i]));
    }
    changed = true;
  }

  long foldedBy() {
    return foldedBy;
  }

  void foldedBy(long batch) {
    foldedBy = batch;
  }

  /** Records that the shard's records up to {@code sequenceNumber} are included (never lowers the mark). */
  void markApplied(String shardId, String sequenceNumber) {
    String mark = applied.get(shardId);
    if (mark == null || SequenceNumbers.compare(sequenceNumber, mark) > 0) {
      applied.put(shardId, sequenceNumber);
    }
  }

  /** The group as it is now has been stored: {@link #changed} starts afresh. */
  void stored() {
    changed = false;
  }
}
