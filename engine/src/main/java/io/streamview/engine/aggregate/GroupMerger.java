package io.streamview.engine.aggregate;

import io.streamview.engine.storage.RowStore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
 *
 * <p>Between {@link #startRefresh} and {@link #endRefresh} the merger keeps the groups it has read or written on the
 * heap, so the batches of one refresh read each group from the store once. The store stays the source of truth: a
 * group is kept only once its write has returned (it then equals what is committed), any failure of a merge drops
 * every kept group, and so do a merge into another store, {@link #endRefresh} and more than
 * {@value #MAX_KEPT_GROUPS} kept groups. Nothing else may change the store's groups meanwhile (a refresh holds the
 * view's refresh lock, which DELETE and TRUNCATE take too).
 *
 * <p>A refresh may also <em>hold</em> batches ({@link #hold}, then {@link #flush}): each held batch is merged into the
 * groups on the heap exactly as {@link #merge} would (records skipped by the marks, marks moved for the batch's
 * shard), but its changed groups are not written; they stay dirty until {@link #flush} writes every dirty group once,
 * with one {@code putAll}, which the caller commits together with the positions of all the batches it held. So a
 * group that several held batches touch is written once instead of once per batch. The caller bounds the dirty
 * groups ({@link #dirtyGroups}) by flushing. A failed hold or flush drops every dirty and kept group and refuses
 * further holds and flushes until {@link #endRefresh}: what was held is never written, so the store and the
 * committed positions stay as they were before the first held batch, and those batches are read again.
 */
public final class GroupMerger {

  /** The most groups kept on the heap between the batches of a refresh; beyond, they are dropped and read again. */
  static final int MAX_KEPT_GROUPS = 100_000;

  private final StateLayout layout;
  private final StateKind[] kinds;
  private final GroupFinalizer finalizer;
  /** The groups as committed, by key, while a refresh runs; {@code null} outside a refresh. */
  private Map<GroupKey, GroupState> kept;
  /** The store {@link #kept} belongs to. */
  private String keptStore;
  /** The groups held batches changed and no flush has written yet, by key, in first-touched order. */
  private final Map<GroupKey, GroupState> dirty = new LinkedHashMap<>();
  /** The store {@link #dirty} belongs to. */
  private String dirtyStore;
  /**
   * While groups are kept (a refresh runs): each group key's values as records bring them, with the group they
   * resolve to, so that a record finds its group with one lookup instead of encoding its key and looking in the
   * batch's, the dirty and the kept groups. An entry is valid only in the {@link #generation} it was made in: every
   * change that removes groups from {@link #kept} or {@link #dirty} (a failure, another store, too many kept groups,
   * the start and end of a refresh) starts a new generation, so a valid entry's group is always the object those
   * maps hold for its key.
   */
  private final Map<ValueKey, Slot> slots = new HashMap<>();
  private long generation;
  /** Numbers the batches folded, so that a group knows which batch folded into it last. */
  private long batches;
  /** Why held batches can no longer be merged or flushed (a hold or flush failed), until {@link #endRefresh}. */
  private String heldFailure;

  public GroupMerger(StateLayout layout, GroupFinalizer finalizer) {
    this.layout = layout;
    this.kinds = layout.states().toArray(new StateKind[0]);
    this.finalizer = finalizer;
  }

  public StateLayout layout() {
    return layout;
  }

  /** Starts keeping groups on the heap for the batches of one refresh (see the class comment). */
  public synchronized void startRefresh() {
    kept = new HashMap<>();
    keptStore = null;
    newGeneration();
    dirty.clear();
    dirtyStore = null;
    heldFailure = null;
  }

  /** Drops the groups kept since {@link #startRefresh}; later merges read every group from the store. */
  public synchronized void endRefresh() {
    kept = null;
    keptStore = null;
    newGeneration();
    dirty.clear();
    dirtyStore = null;
    heldFailure = null;
  }

  /** The number of groups held batches changed that no {@link #flush} has written yet. */
  public synchronized int dirtyGroups() {
    return dirty.size();
  }

  /** The number of groups kept on the heap (for tests). */
  synchronized int keptGroups() {
    return kept == null ? 0 : kept.size();
  }

  /**
   * Merges the records of one batch of {@code shardId}, whose last record is {@code lastSequenceNumber}.
   *
   * @return the number of groups written
   * @throws ArithmeticException when a COUNT or an integer SUM overflows its type
   */
  public synchronized int merge(RowStore store, String shardId, String lastSequenceNumber,
                                List<RecordContribution> records) {
    if (!dirty.isEmpty() || heldFailure != null) {
      throw new IllegalStateException("merging a batch into " + store.name() + " while held batches are not flushed");
    }
    useKept(store);
    boolean done = false;
    try {
      Map<GroupKey, GroupState> read = new HashMap<>(); // the groups read from the store
      Map<GroupKey, GroupState> changed = fold(store, shardId, lastSequenceNumber, records, read);
      write(store, changed);
      for (GroupState group : changed.values()) {
        group.stored();
      }
      keep(read); // the kept groups among groups were changed in place
      done = true;
      return changed.size();
    } finally {
      if (!done && kept != null) {
        kept.clear(); // groups folded in place may differ from the store now
        newGeneration();
      }
    }
  }

  /**
   * Merges the records of one batch of {@code shardId}, whose last record is {@code lastSequenceNumber}, into the
   * groups on the heap without writing them (see the class comment); {@link #flush} writes them.
   *
   * @return the number of groups the batch changed
   * @throws ArithmeticException when a COUNT or an integer SUM overflows its type (everything held is dropped)
   */
  public synchronized int hold(RowStore store, String shardId, String lastSequenceNumber,
                               List<RecordContribution> records) {
    checkHeld(store);
    useKept(store);
    boolean done = false;
    try {
      Map<GroupKey, GroupState> read = new HashMap<>();
      Map<GroupKey, GroupState> changed = fold(store, shardId, lastSequenceNumber, records, read);
      dirty.putAll(changed);
      dirtyStore = store.name();
      read.keySet().removeAll(changed.keySet()); // kept from the flush that writes them
      keep(read); // kept groups the batch changed are the dirty objects themselves (dropped together on failure)
      done = true;
      return changed.size();
    } finally {
      if (!done) {
        dropHeld("merging a held batch failed");
      }
    }
  }

  /**
   * Writes every dirty group once, with one {@code putAll} on {@code store} (which the caller commits with the
   * positions of the batches it held); nothing when no group is dirty.
   *
   * @return the number of groups written
   */
  public synchronized int flush(RowStore store) {
    checkHeld(store);
    if (dirty.isEmpty()) {
      return 0;
    }
    boolean done = false;
    try {
      write(store, dirty);
      for (GroupState group : dirty.values()) {
        group.stored();
      }
      int written = dirty.size();
      keep(dirty); // now equal to the store (copied into the kept groups before dirty is cleared)
      dirty.clear();
      done = true;
      return written;
    } finally {
      if (!done) {
        dropHeld("writing the held groups failed");
      }
    }
  }

  private void checkHeld(RowStore store) {
    if (heldFailure != null) {
      throw new IllegalStateException("cannot merge or write held batches of " + store.name() + ": "
          + heldFailure + " earlier in this refresh; nothing held was written");
    }
    if (!dirty.isEmpty() && !store.name().equals(dirtyStore)) {
      throw new IllegalStateException("held groups of " + dirtyStore + " are not flushed; cannot hold batches of "
          + store.name());
    }
  }

  private void dropHeld(String why) {
    dirty.clear();
    dirtyStore = null;
    heldFailure = why;
    if (kept != null) {
      kept.clear(); // groups folded in place differ from the store
    }
    newGeneration();
  }

  private void useKept(RowStore store) {
    if (kept != null && !store.name().equals(keptStore)) {
      kept.clear();
      newGeneration();
      keptStore = store.name();
    }
  }

  /**
   * Folds the batch's records into their groups (dirty, kept or read from the store; those read go to
   * {@code read} when groups are kept) and moves the batch shard's mark of each group that is changed.
   *
   * @return the groups that are changed (not yet written), by key
   */
  private Map<GroupKey, GroupState> fold(RowStore store, String shardId, String lastSequenceNumber,
                                         List<RecordContribution> records, Map<GroupKey, GroupState> read) {
    int capacity = capacity(records.size());
    // the groups the batch touches, in first-touched order (each group object once, marked by touchedBy)
    List<Slot> touched = new ArrayList<>();
    // groups read from the store during this batch, which are neither dirty nor kept yet (when groups are kept,
    // they go to read, which the caller keeps)
    Map<GroupKey, GroupState> loaded = kept != null ? read : new HashMap<>();
    // a group key's values as the records bring them -> its group: across the batches of a refresh while groups
    // are kept, else for this batch only. Values equal by equals() encode to the same key, so a hit is the group
    // GroupKeys.of would find; a miss (e.g. 1.0 after 1.00, or an entry of an earlier generation) goes on by the
    // encoded key. Each slot carries the group's mark for the shard as it was before this batch (marks move after
    // the loop).
    Map<ValueKey, Slot> byValues;
    if (kept != null) {
      if (slots.size() > 2 * MAX_KEPT_GROUPS) {
        slots.clear();
      }
      byValues = slots;
    } else {
      byValues = new HashMap<>(capacity);
    }
    long batch = ++batches;
    for (RecordContribution r : records) {
      if (r.key().length != layout.keyColumns()) {
        throw new IllegalArgumentException("a record's group key has " + r.key().length + " values, expected "
            + layout.keyColumns());
      }
      ValueKey values = new ValueKey(r.key());
      Slot found = byValues.get(values);
      if (found == null || found.generation != generation) {
        byte[] key = GroupKeys.of(r.key());
        GroupKey k = new GroupKey(key);
        GroupState group = loaded.get(k);
        if (group == null) {
          group = dirty.get(k);
          if (group == null) {
            group = kept == null ? null : kept.get(k);
          }
          if (group == null) {
            group = load(store, key, r.key());
            loaded.put(k, group);
          }
        }
        found = new Slot(k, group, generation);
        byValues.put(values, found);
      }
      if (found.batch != batch) {
        found.batch = batch;
        found.mark = found.group.appliedUpTo(shardId);
        if (found.group.touchedBy() != batch) {
          found.group.touchedBy(batch);
          touched.add(found);
        }
      }
      String mark = found.mark;
      if (mark == null || SequenceNumbers.compare(r.sequenceNumber(), mark) > 0) {
        found.group.fold(kinds, r.inputs());
        found.group.foldedBy(batch);
      }
    }
    // each group this batch changed includes every record of the batch's shard up to the batch's last one (its
    // records of the batch were folded or were at or below its mark); a group changed only by an earlier held batch
    // keeps its mark, as it would had that batch been written on its own
    Map<GroupKey, GroupState> changed = new LinkedHashMap<>(capacity(touched.size()));
    for (Slot slot : touched) {
      GroupState group = slot.group;
      if (group.foldedBy() == batch) {
        group.markApplied(shardId, lastSequenceNumber);
        changed.put(slot.key, group);
      }
    }
    return changed;
  }

  private void newGeneration() {
    generation++;
    slots.clear();
  }

  /** A hash map capacity that holds {@code entries} without growing. */
  private static int capacity(int entries) {
    return Math.max(16, (int) Math.min(1 << 30, entries * 4L / 3 + 1));
  }

  /** Keeps {@code groups}, which now equal the store, for the next batches of the refresh. */
  private void keep(Map<GroupKey, GroupState> groups) {
    if (kept == null) {
      return;
    }
    kept.putAll(groups);
    if (kept.size() > MAX_KEPT_GROUPS) {
      kept.clear();
      newGeneration();
    }
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
    Map<GroupKey, GroupState> one = new LinkedHashMap<>();
    one.put(new GroupKey(bytes), GroupState.empty(layout, key));
    write(store, one);
    return true;
  }

  private GroupState load(RowStore store, byte[] key, Object[] keyValues) {
    Object[] row = store.get(key);
    return row == null ? GroupState.empty(layout, keyValues) : GroupRows.decode(layout, row);
  }

  private void write(RowStore store, Map<GroupKey, GroupState> groups) {
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
    for (GroupKey key : groups.keySet()) {
      GroupFinalizer.FinalRow f = finals.get(i);
      rows.add(Map.entry(key.bytes(), GroupRows.encode(layout, f.values(), f.passesHaving(), list.get(i))));
      i++;
    }
    store.putAll(rows);
  }

  /**
   * A group key's values resolved to its group (valid in one {@link #generation}), with the group's mark for the
   * shard of the batch that last touched it, as it was before that batch.
   */
  private static final class Slot {
    final GroupKey key;
    final GroupState group;
    final long generation;
    long batch;
    String mark;

    Slot(GroupKey key, GroupState group, long generation) {
      this.key = key;
      this.group = group;
      this.generation = generation;
    }
  }

  /** A group key's values, compared with {@code equals} element by element. */
  private static final class ValueKey {
    private final Object[] values;
    private final int hash;

    ValueKey(Object[] values) {
      this.values = values;
      this.hash = Arrays.hashCode(values);
    }

    @Override public boolean equals(Object o) {
      return o instanceof ValueKey k && k.hash == hash && Arrays.equals(k.values, values);
    }

    @Override public int hashCode() {
      return hash;
    }
  }
}
