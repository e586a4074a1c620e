package io.streamview.engine.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@link GroupState#fold} keeps COUNT and DOUBLE PRECISION SUM/MIN/MAX unboxed between records; its states must be
 * exactly (same classes, same bits) what folding each record with {@link StateKind#merge} gives, for every mix of
 * inputs (NULLs, NaN, -0.0, infinities, other number classes), however often the states are read in between.
 */
class GroupStateFoldTest {

  private static final List<StateKind> KINDS = List.of(StateKind.COUNT, StateKind.COUNT, StateKind.SUM,
      StateKind.MIN, StateKind.MAX, StateKind.SUM, StateKind.MIN, StateKind.MAX, StateKind.SUM);
  private static final StateLayout LAYOUT = new StateLayout(1, 1, KINDS);
  private static final double[] SPECIAL = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MAX_VALUE, 1e300, 0.1, 0.2};

  @Test
  void unboxedFoldingEqualsMergingRecordByRecord() {
    Random random = new Random(5);
    StateKind[] kinds = KINDS.toArray(new StateKind[0]);
    for (int round = 0; round < 2_000; round++) {
      Object[] start = LAYOUT.emptyStates();
      if (random.nextBoolean()) {
        start[2] = random.nextBoolean() ? null : randomDouble(random); // a group read from the store
        start[0] = (long) random.nextInt(1000);
      }
      GroupState group = new GroupState(new Object[] {"k"}, start.clone(), Map.of());
      Object[] expected = start.clone();
      int records = 1 + random.nextInt(40);
      for (int r = 0; r < records; r++) {
        Object[] inputs = inputs(random);
        for (int i = 0; i < expected.length; i++) {
          expected[i] = kinds[i].merge(expected[i], kinds[i].ofRecord(inputs[i]));
        }
        group.fold(kinds, inputs);
        if (random.nextInt(5) == 0 || r == records - 1) {
          assertStates(expected, group.states(), "round " + round + " record " + r);
        }
      }
    }
  }

  @Test
  void countOverflowFailsAsBefore() {
    Object[] start = LAYOUT.emptyStates();
    start[0] = Long.MAX_VALUE - 1;
    GroupState group = new GroupState(new Object[] {"k"}, start, Map.of());
    Object[] inputs = new Object[KINDS.size()];
    Arrays.fill(inputs, null);
    inputs[0] = true;
    inputs[1] = false;
    StateKind[] kinds = KINDS.toArray(new StateKind[0]);
    group.fold(kinds, inputs);
    assertEquals(Long.MAX_VALUE, group.states()[0]);
    assertThrows(ArithmeticException.class, () -> group.fold(kinds, inputs));
  }

  private static Object[] inputs(Random random) {
    Object[] in = new Object[KINDS.size()];
    in[0] = random.nextInt(4) > 0;
    in[1] = random.nextBoolean();
    for (int i = 2; i <= 4; i++) {
      in[i] = random.nextInt(6) == 0 ? null : randomDouble(random);
    }
    // integer and decimal states, which fold boxed as before
    in[5] = random.nextInt(6) == 0 ? null : (long) random.nextInt(2000) - 1000;
    in[6] = random.nextInt(6) == 0 ? null : new BigDecimal(random.nextInt(2000) - 1000).movePointLeft(2);
    in[7] = random.nextInt(6) == 0 ? null : "s" + random.nextInt(50);
    in[8] = random.nextInt(6) == 0 ? null : (float) random.nextGaussian();
    return in;
  }

  private static Double randomDouble(Random random) {
    return random.nextInt(4) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)] : random.nextGaussian() * 1000;
  }

  private static void assertStates(Object[] expected, Object[] actual, String where) {
    assertEquals(expected.length, actual.length, where);
    for (int i = 0; i < expected.length; i++) {
      Object e = expected[i];
      Object a = actual[i];
      assertEquals(e == null ? null : e.getClass(), a == null ? null : a.getClass(), where + " state " + i);
      if (e instanceof Double d) {
        // exact bits (0.0 and -0.0 differ), except the sign of a NaN: the JVM itself does not fix it (x86 keeps the
        // first operand's NaN, and the interpreter and C2 may order the operands of + differently), so it varies
        // between runs of the boxed path as well
        long bits = Double.isNaN(d) ? Double.doubleToLongBits(d) : Double.doubleToRawLongBits(d);
        long actualBits = Double.isNaN((Double) a) ? Double.doubleToLongBits((Double) a)
            : Double.doubleToRawLongBits((Double) a);
        assertEquals(bits, actualBits, where + " state " + i);
      } else {
        assertEquals(e, a, where + " state " + i);
      }
    }
    assertArrayEquals(expected, actual, where);
  }
}
