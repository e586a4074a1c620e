package io.streamview.engine.table;

import io.streamview.engine.storage.ColumnSnapshot;
import io.streamview.engine.storage.ColumnVector;

import java.util.Arrays;
import java.util.List;

/**
 * The rows of a column snapshot that pass a scan's {@link ColumnPredicate}s, as an ascending array of row numbers,
 * tested column by column on the snapshot's arrays (integers without boxing, string (in)equality on dictionary codes
 * where the column has them; other tests through
 * {@link ColumnPredicate#test} on the value, as the row scan tests it).
 */
final class SnapshotSelection {

  private SnapshotSelection() {
  }

  /** The passing rows in order; {@code null} when there are no predicates (every row passes). */
  static int[] select(ColumnSnapshot snapshot, List<ColumnPredicate> predicates) {
    if (predicates.isEmpty()) {
      return null;
    }
    int[] rows = null;
    int n = snapshot.rows();
    for (ColumnPredicate p : predicates) {
      ColumnVector c = snapshot.column(p.column());
      int[] out = new int[rows == null ? n : rows.length];
      int kept = 0;
      int count = rows == null ? n : rows.length;
      Object operand = p.operand();
      ColumnPredicate.Op op = p.op();
      int[] codes = c.codes();
      if ((op == ColumnPredicate.Op.EQUALS || op == ColumnPredicate.Op.NOT_EQUALS) && operand instanceof String s
          && codes != null) {
        int code = c.dictionaryCode(s); // 0 when no row holds it: no row equals it
        boolean equals = op == ColumnPredicate.Op.EQUALS;
        for (int i = 0; i < count; i++) {
          int r = rows == null ? i : rows[i];
          int x = codes[r];
          if (equals ? x == code && code != 0 : x != code && x != 0) {
            out[kept++] = r;
          }
        }
      } else if (op == ColumnPredicate.Op.EQUALS && operand instanceof String s
          && c.kind() == ColumnVector.Kind.OBJECT) {
        for (int i = 0; i < count; i++) {
          int r = rows == null ? i : rows[i];
          Object v = c.objectAt(r);
          if (v == s || s.equals(v)) {
            out[kept++] = r;
          }
        }
      } else if (operand instanceof Long l && op != ColumnPredicate.Op.IS_NULL && op != ColumnPredicate.Op.IS_NOT_NULL
          && (c.kind() == ColumnVector.Kind.INT || c.kind() == ColumnVector.Kind.LONG)) {
        long x = l;
        for (int i = 0; i < count; i++) {
          int r = rows == null ? i : rows[i];
          if (!c.isNull(r) && op.holdsFor(Long.compare(c.longAt(r), x))) {
            out[kept++] = r;
          }
        }
      } else {
        for (int i = 0; i < count; i++) {
          int r = rows == null ? i : rows[i];
          if (p.test(c.get(r))) {
            out[kept++] = r;
          }
        }
      }
      rows = kept == out.length ? out : Arrays.copyOf(out, kept);
    }
    return rows;
  }
}
