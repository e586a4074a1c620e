package io.streamview.engine.table;

import io.streamview.catalog.ColumnDef;

import org.apache.calcite.DataContext;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Turns the filters Calcite offers a {@link org.apache.calcite.schema.ProjectableFilterableTable} scan (the WHERE
 * clause's conjuncts over the table's columns) into {@link ColumnPredicate}s, taking out of the list exactly those it
 * evaluates as SQL would; the rest stay for Calcite. Handled: a bare column compared ({@code = <> < <= > >=}) with a
 * literal (a CHAR literal only without trailing blanks) or a {@code ?} parameter, {@code IS [NOT] NULL}, and a bare BOOLEAN column. Comparisons are taken only
 * where the stored value and the operand compare exactly: SMALLINT/INTEGER/BIGINT/DECIMAL columns with exact
 * numbers; VARCHAR and BOOLEAN columns by equality with a string or boolean; DATE and TIMESTAMP columns with a
 * literal of their own type. Floating-point, CHAR, SUPER, VARBYTE and time-zone columns, casts, OR, NOT and
 * {@code SEARCH} are left to Calcite. Parameters are read at scan time from the {@link DataContext}
 * ({@code "?0"}, {@code "?1"}, …); a parameter value of a class other than the one its type implies is left to
 * Calcite.
 */
final class ScanFilters {

  private ScanFilters() {
  }

  /** The predicates for the filters it handles, which it removes from {@code filters}. */
  static List<ColumnPredicate> take(List<RexNode> filters, List<ColumnDef> columns, DataContext root) {
    List<ColumnPredicate> out = new ArrayList<>();
    for (Iterator<RexNode> it = filters.iterator(); it.hasNext(); ) {
      ColumnPredicate p = predicate(it.next(), columns, root);
      if (p != null) {
        out.add(p);
        it.remove();
      }
    }
    return out;
  }

  private static ColumnPredicate predicate(RexNode filter, List<ColumnDef> columns, DataContext root) {
    if (filter instanceof RexInputRef ref && kind(columns.get(ref.getIndex())) == Kind.BOOLEAN) {
      return new ColumnPredicate(ref.getIndex(), ColumnPredicate.Op.EQUALS, Boolean.TRUE);
    }
    if (!(filter instanceof RexCall call)) {
      return null;
    }
    SqlKind k = call.getKind();
    if ((k == SqlKind.IS_NULL || k == SqlKind.IS_NOT_NULL) && call.getOperands().get(0) instanceof RexInputRef ref) {
      return new ColumnPredicate(ref.getIndex(), k == SqlKind.IS_NULL ? ColumnPredicate.Op.IS_NULL
          : ColumnPredicate.Op.IS_NOT_NULL, null);
    }
    ColumnPredicate.Op op = switch (k) {
      case EQUALS -> ColumnPredicate.Op.EQUALS;
      case NOT_EQUALS -> ColumnPredicate.Op.NOT_EQUALS;
      case LESS_THAN -> ColumnPredicate.Op.LESS;
      case LESS_THAN_OR_EQUAL -> ColumnPredicate.Op.LESS_OR_EQUAL;
      case GREATER_THAN -> ColumnPredicate.Op.GREATER;
      case GREATER_THAN_OR_EQUAL -> ColumnPredicate.Op.GREATER_OR_EQUAL;
      default -> null;
    };
    if (op == null || call.getOperands().size() != 2) {
      return null;
    }
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    if (!(left instanceof RexInputRef) && right instanceof RexInputRef) {
      RexNode t = left;
      left = right;
      right = t;
      op = op.flipped();
    }
    if (!(left instanceof RexInputRef ref)) {
      return null;
    }
    Kind column = kind(columns.get(ref.getIndex()));
    if (column == Kind.OTHER
        || ((column == Kind.STRING || column == Kind.BOOLEAN)
            && op != ColumnPredicate.Op.EQUALS && op != ColumnPredicate.Op.NOT_EQUALS)) {
      return null;
    }
    Operand operand = operand(right, column, root);
    return operand == null ? null : new ColumnPredicate(ref.getIndex(), op, operand.value());
  }

  /** An operand's value as {@link ColumnPredicate} compares it ({@code null} value = SQL NULL). */
  private record Operand(Object value) {
  }

  private static Operand operand(RexNode node, Kind column, DataContext root) {
    if (node instanceof RexLiteral lit) {
      if (lit.isNull()) {
        return new Operand(null);
      }
      SqlTypeName t = lit.getType().getSqlTypeName();
      return switch (column) {
        case EXACT -> SqlTypeName.EXACT_TYPES.contains(t) ? new Operand(exact(lit.getValueAs(BigDecimal.class)))
            : null;
        case STRING -> t == SqlTypeName.VARCHAR
            || (t == SqlTypeName.CHAR && !lit.getValueAs(String.class).endsWith(" "))
            ? new Operand(lit.getValueAs(String.class)) : null;
        case BOOLEAN -> t == SqlTypeName.BOOLEAN ? new Operand(lit.getValueAs(Boolean.class)) : null;
        case DATE -> t == SqlTypeName.DATE ? new Operand((long) lit.getValueAs(Integer.class)) : null;
        case TIMESTAMP -> t == SqlTypeName.TIMESTAMP && lit.getType().getPrecision() <= 3
            ? new Operand(lit.getValueAs(Long.class)) : null;
        default -> null;
      };
    }
    if (node instanceof RexDynamicParam param && root != null) {
      Object v = root.get("?" + param.getIndex());
      if (v == null) {
        return new Operand(null);
      }
      SqlTypeName t = param.getType().getSqlTypeName();
      return switch (column) {
        case EXACT -> exactParameter(v, t);
        case STRING -> v instanceof String s && (t == SqlTypeName.CHAR || t == SqlTypeName.VARCHAR)
            ? new Operand(s) : null;
        case BOOLEAN -> v instanceof Boolean b && t == SqlTypeName.BOOLEAN ? new Operand(b) : null;
        default -> null;
      };
    }
    return null;
  }

  /** A parameter's value, when its class is the one its type is carried in (an INTEGER as an Integer, …). */
  private static Operand exactParameter(Object v, SqlTypeName t) {
    boolean fits = switch (t) {
      case TINYINT, SMALLINT, INTEGER -> v instanceof Integer || v instanceof Short || v instanceof Byte;
      case BIGINT -> v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte;
      case DECIMAL -> v instanceof BigDecimal || v instanceof Long || v instanceof Integer;
      default -> false;
    };
    if (!fits) {
      return null;
    }
    return new Operand(v instanceof BigDecimal d ? exact(d) : (Object) ((Number) v).longValue());
  }

  /** A Long when the number is an integer that fits one (the fast comparison), else the decimal. */
  private static Object exact(BigDecimal d) {
    try {
      return d.longValueExact();
    } catch (ArithmeticException notALong) {
      return d;
    }
  }

  /** How a column's stored values are compared. */
  enum Kind { EXACT, STRING, BOOLEAN, DATE, TIMESTAMP, OTHER }

  static Kind kind(ColumnDef c) {
    return switch (c.typeName().toUpperCase(Locale.ROOT)) {
      case "SMALLINT", "INTEGER", "BIGINT", "DECIMAL" -> Kind.EXACT;
      case "VARCHAR" -> Kind.STRING;
      case "BOOLEAN" -> Kind.BOOLEAN;
      case "DATE" -> Kind.DATE;
      case "TIMESTAMP" -> Kind.TIMESTAMP;
      default -> Kind.OTHER;
    };
  }
}
