package io.streamview.jdbc.superpath;

import io.streamview.jdbc.function.SuperFunctionNames;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CAST(super AS type)} (and {@code super::type}) as a lax cast from the SUPER value's dynamic type rather than
 * from its JSON text: {@code payload.price::float} reads the number, {@code payload.name::varchar} gives the string
 * without quotes, the string {@code "12"} casts to the int 12, objects, arrays and JSON null give NULL. DECIMAL is
 * rounded (or found not to fit) by the function and then cast by Calcite from its digits; dates, times and
 * CHAR/VARCHAR(n) are cast by Calcite from the scalar's text.
 */
final class SuperCasts {

  private final SuperExpressions expressions;

  SuperCasts(SuperExpressions expressions) {
    this.expressions = expressions;
  }

  /** The cast rewritten if its operand is SUPER and its target is not; otherwise the cast itself. */
  SqlNode rewrite(SqlCall cast) {
    if (cast.operandCount() != 2 || !(cast.operand(1) instanceof SqlDataTypeSpec spec)) {
      return cast;
    }
    SqlNode value = cast.operand(0);
    if (!expressions.isSuper(value)) {
      return cast;
    }
    RelDataType target;
    try {
      target = spec.deriveType(expressions.validator());
    } catch (RuntimeException e) {
      return cast;
    }
    if (SuperTypes.isSuper(target)) {
      return cast;
    }
    SqlParserPos pos = cast.getParserPosition();
    return switch (target.getSqlTypeName()) {
      case BOOLEAN -> SuperCalls.call(SuperFunctionNames.TO_BOOLEAN, pos, value);
      case SMALLINT -> SuperCalls.call(SuperFunctionNames.TO_SMALLINT, pos, value);
      case INTEGER -> SuperCalls.call(SuperFunctionNames.TO_INT, pos, value);
      case BIGINT -> SuperCalls.call(SuperFunctionNames.TO_BIGINT, pos, value);
      case REAL -> SuperCalls.call(SuperFunctionNames.TO_REAL, pos, value);
      case FLOAT, DOUBLE -> SuperCalls.call(SuperFunctionNames.TO_DOUBLE, pos, value);
      case TINYINT -> castTo(SuperCalls.call(SuperFunctionNames.TO_SMALLINT, pos, value), spec, pos);
      case DECIMAL -> castTo(SuperCalls.call(SuperFunctionNames.TO_DECIMAL_TEXT, pos, value,
          SqlLiteral.createExactNumeric(String.valueOf(target.getPrecision()), pos),
          SqlLiteral.createExactNumeric(String.valueOf(Math.max(0, target.getScale())), pos)), spec, pos);
      default -> castTo(SuperCalls.call(SuperFunctionNames.TO_VARCHAR, pos, value), spec, pos);
    };
  }

  static SqlCall castTo(SqlNode value, SqlDataTypeSpec spec, SqlParserPos pos) {
    return SqlStdOperatorTable.CAST.createCall(pos, value, spec);
  }
}
