package io.streamview.engine.table;

import io.streamview.catalog.ColumnDef;

import org.apache.calcite.DataContext;
import org.apache.calcite.runtime.SqlFunctions;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides which WHERE conjuncts over a stored relation's columns a scan evaluates itself ({@link #pushable}, at
 * planning), and turns them into {@link ColumnPredicate}s at execution ({@link #bind}); the others stay with
 * Calcite. Handled: a bare column compared ({@code = <> < <= > >=}) with a
 * literal (a CHAR literal only without trailing blanks) or a {@code ?} parameter, {@code IS [NOT] NULL}, and a bare BOOLEAN column. Comparisons are taken only
 * where the stored value and the operand compare exactly: SMALLINT/INTEGER/BIGINT/DECIMAL columns with exact
 * numbers; VARCHAR and BOOLEAN columns by equality with a string or boolean; DATE and TIMESTAMP columns with a
 * literal of their own type. Floating-point, CHAR, SUPER, VARBYTE and time-zone columns, casts, OR, NOT and
 * {@code SEARCH} are left to Calcite. Parameters are read at scan time from the {@link DataContext}
 * ({@code "?0"}, {@code "?1"}, …) and converted to the parameter's type as Calcite's generated code converts them
 * ({@link SqlFunctions#toInt(Object)} and the like).
 */
final class ScanFilters {

  private ScanFilters() {
  }

  /** Whether a scan evaluates {@code filter} itself. */
  static boolean pushable(RexNode filter, List<ColumnDef> columns) {
    return template(filter, columns) != null;
  }

  /** The predicates of {@code filters}, all {@link #pushable}, with their parameters' values from {@code root}. */
  static List<ColumnPredicate> bind(List<RexNode> filters, List<ColumnDef> columns, DataContext root) {
    return prepare(filters, columns).bind(root);
  }

  /** {@code filters} (all {@link #pushable}) analysed once, to be bound on each execution of the plan. */
  static Prepared prepare(List<RexNode> filters, List<ColumnDef> columns) {
    Template[] templates = new Template[filters.size()];
    for (int i = 0; i < templates.length; i++) {
      RexNode f = filters.get(i);
      templates[i] = template(f, columns);
      if (templates[i] == null) {
        throw new IllegalStateException("a filter the scan cannot evaluate was pushed into it: " + f);
      }
    }
    return new Prepared(filters, columns, templates);
  }

  /**
   * The templates of a scan's filters: a cached plan hands its scan the same filter list on every execution, so the
   * analysis (column kinds, operators, literals) is done once per list and only the parameters are read per execution.
   */
  record Prepared(List<RexNode> filters, List<ColumnDef> columns, Template[] templates) {
    /** Whether these are the templates of exactly {@code filters} over {@code columns} (the same objects). */
    boolean isOf(List<RexNode> filters, List<ColumnDef> columns) {
      return this.filters == filters && this.columns == columns;
    }

    List<ColumnPredicate> bind(DataContext root) {
      List<ColumnPredicate> out = new ArrayList<>(templates.length);
      for (Template t : templates) {
        out.add(t.bind(root));
      }
      return out;
    }
  }

  /** A pushable filter: the column, the comparison, and a literal operand or a parameter. */
  record Template(int column, ColumnPredicate.Op op, Kind kind, Object literal, RexDynamicParam param,
                          String paramName) {
    Template(int column, ColumnPredicate.Op op, Kind kind, Object literal, RexDynamicParam param) {
      this(column, op, kind, literal, param, param == null ? null : "?" + param.getIndex());
    }

    ColumnPredicate bind(DataContext root) {
      Object operand = param == null ? literal : parameter(kind, param, paramName, root);
      return new ColumnPredicate(column, op, operand);
    }
  }

  /** No operand: IS NULL, IS NOT NULL. */
  private static final Object NONE = null;

  private static Template template(RexNode filter, List<ColumnDef> columns) {
    if (filter instanceof RexInputRef ref && kind(columns.get(ref.getIndex())) == Kind.BOOLEAN) {
      return new Template(ref.getIndex(), ColumnPredicate.Op.EQUALS, Kind.BOOLEAN, Boolean.TRUE, null);
    }
    if (!(filter instanceof RexCall call)) {
      return null;
    }
    SqlKind k = call.getKind();
    if ((k == SqlKind.IS_NULL || k == SqlKind.IS_NOT_NULL) && call.getOperands().get(0) instanceof RexInputRef ref) {
      return new Template(ref.getIndex(), k == SqlKind.IS_NULL ? ColumnPredicate.Op.IS_NULL
          : ColumnPredicate.Op.IS_NOT_NULL, Kind.OTHER, NONE, null);
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
    if (right instanceof RexLiteral lit) {
      if (lit.isNull()) {
        return new Template(ref.getIndex(), op, column, null, null);
      }
      Object value = literal(lit, column);
      return value == null ? null : new Template(ref.getIndex(), op, column, value, null);
    }
    if (right instanceof RexDynamicParam param && parameterFits(param.getType().getSqlTypeName(), column)) {
      return new Template(ref.getIndex(), op, column, null, param);
    }
    return null;
  }

  /** A literal's value as {@link ColumnPredicate} compares it, or {@code null} if it is not compared exactly. */
  private static Object literal(RexLiteral lit, Kind column) {
    SqlTypeName t = lit.getType().getSqlTypeName();
    return switch (column) {
      case EXACT -> SqlTypeName.EXACT_TYPES.contains(t) ? exact(lit.getValueAs(BigDecimal.class)) : null;
      case STRING -> t == SqlTypeName.VARCHAR
          || (t == SqlTypeName.CHAR && !lit.getValueAs(String.class).endsWith(" "))
          ? lit.getValueAs(String.class) : null;
      case BOOLEAN -> t == SqlTypeName.BOOLEAN ? lit.getValueAs(Boolean.class) : null;
      case DATE -> t == SqlTypeName.DATE ? (Object) (long) lit.getValueAs(Integer.class) : null;
      case TIMESTAMP -> t == SqlTypeName.TIMESTAMP && lit.getType().getPrecision() <= 3
          ? lit.getValueAs(Long.class) : null;
      default -> null;
    };
  }

  /** Whether a parameter of type {@code t} compared with a column of this kind is evaluated by the scan. */
  private static boolean parameterFits(SqlTypeName t, Kind column) {
    return switch (column) {
      case EXACT -> t == SqlTypeName.TINYINT || t == SqlTypeName.SMALLINT || t == SqlTypeName.INTEGER
          || t == SqlTypeName.BIGINT || t == SqlTypeName.DECIMAL;
      case STRING -> t == SqlTypeName.VARCHAR || t == SqlTypeName.CHAR;
      case BOOLEAN -> t == SqlTypeName.BOOLEAN;
      default -> false;
    };
  }

  /** A parameter's value converted to its type as Calcite's generated code converts it ({@code null} = NULL). */
  private static Object parameter(Kind column, RexDynamicParam param, String name, DataContext root) {
    Object v = root == null ? null : root.get(name);
    if (v == null) {
      return null;
    }
    return switch (column) {
      case EXACT -> switch (param.getType().getSqlTypeName()) {
        case TINYINT -> (long) SqlFunctions.toByte(v);
        case SMALLINT -> (long) SqlFunctions.toShort(v);
        case INTEGER -> (long) SqlFunctions.toInt(v);
        case BIGINT -> SqlFunctions.toLong(v);
        default -> exact(SqlFunctions.toBigDecimal(v));
      };
      case STRING -> v.toString();
      case BOOLEAN -> SqlFunctions.toBoolean(v);
      default -> throw new IllegalStateException(column.name());
    };
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
