package io.streamview.jdbc.superpath;

import io.streamview.jdbc.function.SuperFunctionNames;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlBetweenOperator;
import org.apache.calcite.sql.fun.SqlLikeOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

import java.util.ArrayList;
import java.util.List;

/**
 * Comparisons involving SUPER values, by dynamic type instead of by JSON text: {@code payload.event = 'click'}
 * compares a SUPER string with text, {@code payload.n > 5} a SUPER number with a number (exactly, as decimals).
 * A SUPER value of another dynamic type than the other side compares as NULL (Redshift's dynamic typing), so the row
 * does not pass. {@code IN (…)}, {@code BETWEEN} and {@code LIKE} on a SUPER value are rewritten the same way.
 */
final class SuperComparisons {

  private final SuperExpressions expressions;

  SuperComparisons(SuperExpressions expressions) {
    this.expressions = expressions;
  }

  /** The call rewritten if it compares a SUPER value; otherwise the call itself. */
  SqlNode rewrite(SqlCall call) {
    SqlParserPos pos = call.getParserPosition();
    SqlNode out = switch (call.getKind()) {
      case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL ->
          compare(call.getKind(), call.operand(0), call.operand(1), pos);
      case IN, NOT_IN -> in(call, pos);
      default -> {
        if (call.getOperator() instanceof SqlBetweenOperator between) {
          yield between(between, call, pos);
        }
        if (call.getOperator() instanceof SqlLikeOperator) {
          yield like(call, pos);
        }
        yield null;
      }
    };
    return out == null ? call : out;
  }

  /** {@code a <kind> b} with SUPER semantics, or null if neither side is SUPER or the other side's type is unknown. */
  private SqlNode compare(SqlKind kind, SqlNode a, SqlNode b, SqlParserPos pos) {
    boolean superA = expressions.isSuper(a);
    boolean superB = expressions.isSuper(b);
    if (!superA && !superB) {
      return null;
    }
    if (superA && superB) {
      return bothSuper(kind, a, b, pos);
    }
    SqlNode value = superA ? a : b;
    SqlNode other = superA ? b : a;
    SqlNode sign = sign(value, other, pos);
    if (sign != null) {
      return operator(superA ? kind : kind.reverse()).createCall(pos, sign, zero(pos));
    }
    RelDataType type = expressions.typeOf(other);
    if (type == null) {
      return null;
    }
    // dates, times and the rest: the SUPER scalar's text cast to the other side's type
    SqlNode cast = SuperCasts.castTo(SuperCalls.call(SuperFunctionNames.TO_VARCHAR, pos, value),
        SqlTypeUtil.convertTypeToSpec(type), pos);
    return superA ? operator(kind).createCall(pos, cast, b) : operator(kind).createCall(pos, a, cast);
  }

  private static SqlNode bothSuper(SqlKind kind, SqlNode a, SqlNode b, SqlParserPos pos) {
    return switch (kind) {
      case EQUALS -> SuperCalls.call(SuperFunctionNames.EQUALS_SUPER, pos, a, b);
      case NOT_EQUALS -> SqlStdOperatorTable.NOT.createCall(pos,
          SuperCalls.call(SuperFunctionNames.EQUALS_SUPER, pos, a, b));
      default -> operator(kind).createCall(pos, SuperCalls.call(SuperFunctionNames.COMPARE_SUPER, pos, a, b),
          zero(pos));
    };
  }

  /** The call giving the sign of {@code value} compared with {@code other}, or null for other types. */
  private SqlNode sign(SqlNode value, SqlNode other, SqlParserPos pos) {
    if (other instanceof SqlDynamicParam) {
      // a parameter's type cannot be inferred from a schema function: it is bound as text
      return SuperCalls.call(SuperFunctionNames.COMPARE_SCALAR, pos, value, SuperCasts.castTo(other, varchar(pos),
          pos));
    }
    if (other instanceof SqlNumericLiteral n) {
      return SuperCalls.call(SuperFunctionNames.COMPARE_NUMBER, pos, value,
          SqlLiteral.createCharString(n.toValue(), pos));
    }
    RelDataType type = expressions.typeOf(other);
    if (type == null) {
      return null;
    }
    if (SqlTypeUtil.isCharacter(type)) {
      return SuperCalls.call(SuperFunctionNames.COMPARE_TEXT, pos, value, other);
    }
    if (SqlTypeUtil.isNumeric(type)) {
      return SuperCalls.call(SuperFunctionNames.COMPARE_NUMBER, pos, value, SuperCasts.castTo(other, varchar(pos),
          pos));
    }
    if (type.getSqlTypeName() == SqlTypeName.BOOLEAN) {
      return SuperCalls.call(SuperFunctionNames.COMPARE_BOOLEAN, pos, value, other);
    }
    return null;
  }

  /** {@code s IN (a, b)} as {@code s = a OR s = b}; {@code NOT IN} as {@code s <> a AND s <> b}. */
  private SqlNode in(SqlCall call, SqlParserPos pos) {
    if (!(call.operand(1) instanceof SqlNodeList list) || list.isEmpty() || !expressions.isSuper(call.operand(0))) {
      return null;
    }
    boolean negated = call.getKind() == SqlKind.NOT_IN;
    List<SqlNode> terms = new ArrayList<>();
    for (SqlNode element : list) {
      SqlNode term = compare(negated ? SqlKind.NOT_EQUALS : SqlKind.EQUALS, SqlTrees.copy(call.operand(0)), element,
          pos);
      if (term == null) {
        return null;
      }
      terms.add(term);
    }
    SqlOperator join = negated ? SqlStdOperatorTable.AND : SqlStdOperatorTable.OR;
    SqlNode out = terms.get(0);
    for (int i = 1; i < terms.size(); i++) {
      out = join.createCall(pos, out, terms.get(i));
    }
    return out;
  }

  /** {@code s [NOT] BETWEEN lo AND hi} as {@code [NOT] (s >= lo AND s <= hi)}. */
  private SqlNode between(SqlBetweenOperator op, SqlCall call, SqlParserPos pos) {
    if (op.flag != SqlBetweenOperator.Flag.ASYMMETRIC || !expressions.isSuper(call.operand(0))) {
      return null;
    }
    SqlNode low = compare(SqlKind.GREATER_THAN_OR_EQUAL, call.operand(0), call.operand(1), pos);
    SqlNode high = compare(SqlKind.LESS_THAN_OR_EQUAL, SqlTrees.copy(call.operand(0)), call.operand(2), pos);
    if (low == null || high == null) {
      return null;
    }
    SqlNode both = SqlStdOperatorTable.AND.createCall(pos, low, high);
    return op.isNegated() ? SqlStdOperatorTable.NOT.createCall(pos, both) : both;
  }

  /** {@code s LIKE pattern} matches the SUPER scalar's text (a string without its quotes). */
  private SqlNode like(SqlCall call, SqlParserPos pos) {
    if (!expressions.isSuper(call.operand(0))) {
      return null;
    }
    List<SqlNode> operands = new ArrayList<>(call.getOperandList());
    operands.set(0, SuperCalls.call(SuperFunctionNames.TO_VARCHAR, pos, call.operand(0)));
    return call.getOperator().createCall(call.getFunctionQuantifier(), pos, operands.toArray(new SqlNode[0]));
  }

  private static SqlOperator operator(SqlKind kind) {
    return switch (kind) {
      case EQUALS -> SqlStdOperatorTable.EQUALS;
      case NOT_EQUALS -> SqlStdOperatorTable.NOT_EQUALS;
      case LESS_THAN -> SqlStdOperatorTable.LESS_THAN;
      case LESS_THAN_OR_EQUAL -> SqlStdOperatorTable.LESS_THAN_OR_EQUAL;
      case GREATER_THAN -> SqlStdOperatorTable.GREATER_THAN;
      case GREATER_THAN_OR_EQUAL -> SqlStdOperatorTable.GREATER_THAN_OR_EQUAL;
      default -> throw new IllegalArgumentException("not a comparison: " + kind);
    };
  }

  private static SqlDataTypeSpec varchar(SqlParserPos pos) {
    return new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.VARCHAR, pos), pos);
  }

  private static SqlNode zero(SqlParserPos pos) {
    return SqlLiteral.createExactNumeric("0", pos);
  }
}
