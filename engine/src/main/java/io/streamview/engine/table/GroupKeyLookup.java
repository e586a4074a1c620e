package io.streamview.engine.table;

import io.streamview.catalog.ColumnDef;
import io.streamview.engine.aggregate.GroupKeys;
import io.streamview.engine.storage.RowCodec;
import io.streamview.engine.storage.RowStore;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Answers a scan of an aggregating view whose filters fix every GROUP BY key column ({@link GroupKeyColumns}) with
 * an equality by reading the one group stored under that key, instead of scanning. The compared values are turned
 * into the key's stored classes ({@link GroupKeys}); a value no stored key can equal (7.5 for an INTEGER key, a
 * number beyond the column's range or scale) means no row. The row read is then put through the scan's own
 * predicates and HAVING flag, so a lookup never returns a row the scan would not.
 *
 * <p>That the view's stored keys are made this way is checked once per store on a stored group (its key recomputed
 * from its visible values must be the key it is stored under); until a group has been checked, and for a store
 * where the check failed, queries scan.
 */
final class GroupKeyLookup {

  /** A key value that no stored key can equal. */
  private static final Object NO_MATCH = new Object();

  private static final Map<RowStore, Boolean> CHECKED = Collections.synchronizedMap(new WeakHashMap<>());

  private final List<ColumnDef> columns;
  private final int[] keyColumns;

  GroupKeyLookup(List<ColumnDef> columns, int[] keyColumns) {
    this.columns = columns;
    this.keyColumns = keyColumns;
  }

  /** The outcome of {@link #key}: no lookup possible, no row possible, or the key to read. */
  record Key(boolean usable, byte[] bytes) {
    static final Key NOT_USABLE = new Key(false, null);
    static final Key NO_ROW = new Key(true, null);
  }

  /** The key the predicates fix, when they fix one. */
  Key key(List<ColumnPredicate> predicates) {
    Object[] values = new Object[keyColumns.length];
    for (int j = 0; j < keyColumns.length; j++) {
      ColumnPredicate eq = null;
      for (ColumnPredicate p : predicates) {
        if (p.column() == keyColumns[j] && p.op() == ColumnPredicate.Op.EQUALS) {
          eq = p;
          break;
        }
      }
      if (eq == null) {
        return Key.NOT_USABLE;
      }
      if (eq.operand() == null) {
        return Key.NO_ROW; // = NULL holds for no row
      }
      Object v = keyValue(columns.get(keyColumns[j]), eq.operand());
      if (v == null) {
        return Key.NOT_USABLE;
      }
      if (v == NO_MATCH) {
        return Key.NO_ROW;
      }
      values[j] = v;
    }
    return new Key(true, GroupKeys.of(values));
  }

  /**
   * Whether the store's groups are keyed as {@link #key} computes (checked on one stored group, then remembered);
   * {@code false} while the store holds no group.
   */
  boolean matchesStore(RowStore store) {
    Boolean known = CHECKED.get(store);
    if (known != null) {
      return known;
    }
    int visible = columns.size();
    Boolean[] verdict = {null};
    store.forEachEncoded(true, (key, encoded) -> {
      Object[] row = RowCodec.decode(encoded);
      if (row.length <= visible) {
        verdict[0] = false; // not a group row: the store is not an aggregating view's
        return false;
      }
      Object[] values = new Object[keyColumns.length];
      for (int j = 0; j < keyColumns.length; j++) {
        Object shown = row[keyColumns[j]];
        Object v = shown == null ? null : keyValue(columns.get(keyColumns[j]), operandOf(shown));
        if (v == NO_MATCH || (shown != null && v == null)) {
          verdict[0] = false;
          return false;
        }
        values[j] = v;
      }
      verdict[0] = Arrays.equals(GroupKeys.of(values), key);
      return false;
    });
    if (verdict[0] != null) {
      CHECKED.put(store, verdict[0]);
      return verdict[0];
    }
    return false;
  }

  /** A stored visible value as {@link ScanFilters} would hand it over as an operand. */
  private static Object operandOf(Object stored) {
    if (stored instanceof Integer || stored instanceof Long || stored instanceof Short || stored instanceof Byte) {
      return ((Number) stored).longValue();
    }
    return stored;
  }

  /**
   * {@code operand} in the class a key of this column's type is stored in, {@link #NO_MATCH} if no stored value of
   * the type equals it, or {@code null} if this type is not looked up.
   */
  private static Object keyValue(ColumnDef column, Object operand) {
    String type = column.typeName().toUpperCase(Locale.ROOT);
    switch (type) {
      case "SMALLINT", "INTEGER", "BIGINT", "DATE", "TIMESTAMP": {
        long l;
        if (operand instanceof Long x) {
          l = x;
        } else if (operand instanceof BigDecimal d) {
          try {
            l = d.longValueExact();
          } catch (ArithmeticException notAnIntegerInRange) {
            return NO_MATCH;
          }
        } else {
          return null;
        }
        return switch (type) {
          case "SMALLINT" -> l == (short) l ? (Object) (short) l : NO_MATCH;
          case "INTEGER", "DATE" -> l == (int) l ? (Object) (int) l : NO_MATCH;
          default -> l;
        };
      }
      case "DECIMAL": {
        BigDecimal d;
        if (operand instanceof BigDecimal x) {
          d = x;
        } else if (operand instanceof Long x) {
          d = BigDecimal.valueOf(x);
        } else {
          return null;
        }
        int scale = column.scale() < 0 ? 0 : column.scale();
        BigDecimal stripped = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        return stripped.scale() > scale ? NO_MATCH : d;
      }
      case "VARCHAR":
        return operand instanceof String ? operand : null;
      case "BOOLEAN":
        return operand instanceof Boolean ? operand : null;
      default:
        return null;
    }
  }
}
