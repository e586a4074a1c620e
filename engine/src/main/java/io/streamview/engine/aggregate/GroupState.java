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

  private static final byte BOXED = 0;
  private static final byte LONG = 1;
  private static final byte DOUBLE = 2;

  private final Object[] key;
  /** The states; where {@link #unboxed} says so, the value is held in {@link #longs} or {@link #doubles} instead. */
  private final Object[] states;
  /** Per state, {@link #BOXED} or where its value is while records are folded ({@link #LONG}, {@link #DOUBLE}). */
  private final byte[] unboxed;
  private long[] longs;
  private double[] doubles;
  private boolean anyUnboxed;
  private final TreeMap<String, String> applied;
  private boolean changed;
  /** The merger's number of the last batch that folded a record into this group ({@link GroupMerger}). */
  private long foldedBy;

  GroupState(Object[] key, Object[] states, Map<String, String> applied) {
    this.key = key;
    this.states = states;
    this.unboxed = new byte[states.length];
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
    box();
    return states;
  }

  /** Puts the values folded unboxed back into {@link #states}. */
  private void box() {
    if (!anyUnboxed) {
      return;
    }
    for (int i = 0; i < states.length; i++) {
      box(i);
    }
    anyUnboxed = false;
  }

  private void box(int i) {
    switch (unboxed[i]) {
      case LONG -> states[i] = longs[i];
      case DOUBLE -> states[i] = doubles[i];
      default -> {
        return;
      }
    }
    unboxed[i] = BOXED;
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
    fold(layout.states().toArray(new StateKind[0]), inputs);
  }

  /**
   * Adds one record's inputs; {@code kinds} are the layout's states. The same as {@code states[i] =
   * kinds[i].merge(states[i], kinds[i].ofRecord(inputs[i]))} for every state, which is what any other case does; a
   * COUNT and a SUM, MIN or MAX of DOUBLE PRECISION values are kept unboxed between records instead (the same
   * {@code Math.addExact}, {@code +} and {@code Double.compare} on the primitive values), and boxed again when
   * {@link #states} is read.
   */
  void fold(StateKind[] kinds, Object[] inputs) {
    if (inputs.length != states.length) {
      throw new IllegalArgumentException("a record brings " + inputs.length + " inputs; the group has "
          + states.length + " states");
    }
    for (int i = 0; i < states.length; i++) {
      StateKind kind = kinds[i];
      Object input = inputs[i];
      byte mode = unboxed[i];
      if (kind == StateKind.COUNT) {
        if (mode == LONG || (mode == BOXED && states[i] instanceof Long)) {
          if (mode == BOXED) {
            unbox(i, LONG);
          }
          if (Boolean.TRUE.equals(input)) {
            longs[i] = Math.addExact(longs[i], 1L);
          }
          continue;
        }
      } else if (input instanceof Double d) {
        if (mode == DOUBLE || (mode == BOXED && (states[i] == null || states[i] instanceof Double))) {
          double b = d;
          if (mode == BOXED) {
            if (states[i] == null) {
              unbox(i, DOUBLE);
              doubles[i] = b; // merge(null, b) is b
              continue;
            }
            unbox(i, DOUBLE);
          }
          double a = doubles[i];
          doubles[i] = switch (kind) {
            case SUM -> a + b;
            case MIN -> Double.compare(a, b) <= 0 ? a : b;
            case MAX -> Double.compare(a, b) >= 0 ? a : b;
            default -> throw new IllegalStateException(kind.name());
          };
          continue;
        }
      } else if (input == null && mode != BOXED) {
        continue; // merge(a, null) is a
      }
      box(i);
      states[i] = kind.merge(states[i], kind.ofRecord(input));
    }
    changed = true;
  }

  private void unbox(int i, byte mode) {
    if (mode == LONG) {
      if (longs == null) {
        longs = new long[states.length];
      }
      longs[i] = (Long) states[i];
    } else {
      if (doubles == null) {
        doubles = new double[states.length];
      }
      Object v = states[i];
      doubles[i] = v == null ? 0 : (Double) v;
    }
    unboxed[i] = mode;
    anyUnboxed = true;
  }

  /** The merger's number of the last batch that touched this group (whether or not it folded a record). */
  private long touchedBy;

  long touchedBy() {
    return touchedBy;
  }

  void touchedBy(long batch) {
    touchedBy = batch;
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
