package io.streamview.jdbc.superpath;

import io.streamview.jdbc.function.SuperFunctionNames;
import io.streamview.jdbc.function.SuperPath;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

import java.math.BigDecimal;

/**
 * Rewrites one expression, bottom up, in the scope it is validated in: navigation into SUPER values becomes
 * {@code sv_navigate} (or, for a position or name computed at run time, {@code sv_element}/{@code sv_attribute}),
 * then casts and comparisons of SUPER values become their {@code sv_} forms. Sub-queries are left alone; the
 * validator rewrites them in their own scopes.
 */
final class SuperRewriter extends SqlShuttle {

  private final SuperColumns columns;
  private final SuperExpressions expressions;
  private final SuperCasts casts;
  private final SuperComparisons comparisons;
  private final boolean caseSensitive;

  private SuperRewriter(SqlValidator validator, SqlValidatorScope scope, boolean caseSensitive) {
    this.columns = new SuperColumns(validator, scope);
    this.expressions = new SuperExpressions(validator, scope, columns);
    this.casts = new SuperCasts(expressions);
    this.comparisons = new SuperComparisons(expressions);
    this.caseSensitive = caseSensitive;
  }

  /**
   * {@code node} with its SUPER navigation, casts and comparisons rewritten.
   *
   * @param caseSensitive whether attribute names match case-sensitively
   *                      ({@code enable_case_sensitive_super_attribute})
   */
  static SqlNode rewrite(SqlValidator validator, SqlValidatorScope scope, boolean caseSensitive, SqlNode node) {
    if (node == null || scope == null) {
      return node;
    }
    return node.accept(new SuperRewriter(validator, scope, caseSensitive));
  }

  @Override public SqlNode visit(SqlIdentifier id) {
    if (id.names.size() < 2 || id.isStar()) {
      return id;
    }
    SuperColumns.SuperReference ref = columns.resolve(id);
    if (ref == null || ref.attributes().isEmpty()) {
      return id;
    }
    SuperPath path = SuperPath.empty();
    for (String attribute : ref.attributes()) {
      path = path.attribute(attribute);
    }
    return NavigationCall.navigate(ref.column(), path, caseSensitive, id.getParserPosition());
  }

  @Override public SqlNode visit(SqlCall call) {
    if (call.getKind().belongsTo(SqlKind.QUERY)) {
      return call;
    }
    SqlNode visited = super.visit(call);
    if (!(visited instanceof SqlCall c)) {
      return visited;
    }
    return switch (c.getKind()) {
      case DOT -> dot(c);
      case ITEM -> item(c);
      case CAST -> casts.rewrite(c);
      default -> comparisons.rewrite(c);
    };
  }

  /** {@code super_expression.name}, as after a subscript ({@code items[0].sku}) or parentheses. */
  private SqlNode dot(SqlCall dot) {
    SqlNode base = dot.operand(0);
    if (!(dot.operand(1) instanceof SqlIdentifier name) || !name.isSimple() || !expressions.isSuper(base)) {
      return dot;
    }
    return NavigationCall.navigate(base, SuperPath.empty().attribute(name.getSimple()), caseSensitive,
        dot.getParserPosition());
  }

  /** {@code super_expression[position]}; a literal position or name joins the path, others are run-time steps. */
  private SqlNode item(SqlCall item) {
    SqlNode base = item.operand(0);
    SqlNode index = item.operand(1);
    if (!expressions.isSuper(base)) {
      return item;
    }
    SqlParserPos pos = item.getParserPosition();
    if (index instanceof SqlNumericLiteral n && n.isExact()) {
      BigDecimal v = n.getValueAs(BigDecimal.class);
      if (v.scale() <= 0 && v.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
        return NavigationCall.navigate(base, SuperPath.empty().element(v.intValueExact()), caseSensitive, pos);
      }
    }
    if (index instanceof SqlLiteral lit && SqlTypeUtil.inCharFamily(lit.getTypeName())) {
      return NavigationCall.navigate(base, SuperPath.empty().attribute(lit.getValueAs(String.class)), caseSensitive,
          pos);
    }
    RelDataType type = expressions.typeOf(index);
    if (type != null && SqlTypeUtil.isCharacter(type)) {
      return SuperCalls.call(SuperFunctionNames.ATTRIBUTE, pos, base, index,
          SqlLiteral.createBoolean(caseSensitive, pos));
    }
    return SuperCalls.call(SuperFunctionNames.ELEMENT, pos, base, index);
  }
}
