package io.streamview.jdbc.literal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.apache.calcite.DataContext;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's constant reducer with one shortcut: a {@code CAST} of an exact numeric literal to {@code DOUBLE} or
 * {@code FLOAT} is folded in Java here. Calcite's own {@link RexExecutorImpl} generates and compiles a class with
 * Janino for every call, and its simplifier calls it once per cast; implicit type coercion puts such a cast on every
 * number of an {@code INSERT … VALUES} into a {@code DOUBLE PRECISION} column, so a 300-row INSERT compiled about
 * 600 classes (12–28 s). The folded literal is the one Calcite's code gives: the code converts the literal with
 * {@code (double)} or {@code BigDecimal.doubleValue()}, both rounding to the nearest double, and the result is made
 * into a literal with {@code makeLiteral(value, type, true)} as {@code RexExecutable} does
 * ({@code LiteralCastExecutorTest} compares the two). A string literal cast to DATE, TIME or TIMESTAMP (what an
 * {@code INSERT … VALUES} of date strings gets) is folded with the {@code DateTimeUtils} call Calcite's code makes.
 * Everything else goes to Calcite's reducer, in one call.
 *
 * <p>It extends {@link RexExecutorImpl} because parts of Calcite check for that class before they use an executor.
 */
public final class LiteralCastExecutor extends RexExecutorImpl {

  public LiteralCastExecutor(DataContext dataContext) {
    super(dataContext);
  }

  @Override public void reduce(RexBuilder rexBuilder, List<RexNode> constExps, List<RexNode> reducedValues) {
    List<RexNode> folded = new ArrayList<>(constExps.size());
    List<RexNode> rest = new ArrayList<>();
    for (RexNode e : constExps) {
      RexNode f = fold(rexBuilder, e);
      folded.add(f);
      if (f == null) {
        rest.add(e);
      }
    }
    if (rest.isEmpty()) {
      reducedValues.addAll(folded);
      return;
    }
    List<RexNode> reducedRest = new ArrayList<>(rest.size());
    super.reduce(rexBuilder, rest, reducedRest);
    int next = 0;
    for (RexNode f : folded) {
      reducedValues.add(f != null ? f : withoutNullabilityCast(reducedRest.get(next++)));
    }
  }

  /** The folded literal, or {@code null} if this class does not fold {@code e}. */
  static RexNode fold(RexBuilder rexBuilder, RexNode e) {
    if (e.getKind() != SqlKind.CAST || ((RexCall) e).getOperands().size() != 1
        || !(((RexCall) e).getOperands().get(0) instanceof RexLiteral literal)) {
      return null;
    }
    SqlTypeName to = e.getType().getSqlTypeName();
    SqlTypeName from = literal.getType().getSqlTypeName();
    if ((from == SqlTypeName.CHAR || from == SqlTypeName.VARCHAR)
        && (to == SqlTypeName.DATE || to == SqlTypeName.TIME || to == SqlTypeName.TIMESTAMP)) {
      return foldDatetime(rexBuilder, literal, e.getType());
    }
    if (to != SqlTypeName.DOUBLE && to != SqlTypeName.FLOAT) {
      return null;
    }
    if (from.getFamily() != SqlTypeFamily.NUMERIC || !SqlTypeName.EXACT_TYPES.contains(from)) {
      return null;
    }
    BigDecimal value = literal.getValueAs(BigDecimal.class);
    if (value == null || SqlTypeName.INT_TYPES.contains(from) && !fitsLong(value)) {
      return null; // an integer literal beyond its type's range: Calcite's code would wrap it; leave that to Calcite
    }
    return rexBuilder.makeLiteral(value.doubleValue(), e.getType(), false);
  }

  /**
   * A string literal cast to DATE, TIME or TIMESTAMP: the value Calcite's code computes with the same
   * {@code DateTimeUtils} call ({@code dateStringToUnixDate}, {@code timeStringToUnixDate},
   * {@code timestampStringToUnixDate}), made a literal as {@code RexExecutable} makes it; {@code null} (Calcite's
   * reducer decides, and reports a bad string as before) if the string does not parse.
   */
  private static RexNode foldDatetime(RexBuilder rexBuilder, RexLiteral literal, RelDataType type) {
    String text = literal.getValueAs(String.class);
    if (text == null) {
      return null;
    }
    Object value;
    try {
      value = switch (type.getSqlTypeName()) {
        case DATE -> DateTimeUtils.dateStringToUnixDate(text);
        case TIME -> DateTimeUtils.timeStringToUnixDate(text);
        default -> DateTimeUtils.timestampStringToUnixDate(text);
      };
    } catch (RuntimeException notADatetime) {
      return null;
    }
    return withoutNullabilityCast(rexBuilder.makeLiteral(value, type, true));
  }

  private static boolean fitsLong(BigDecimal value) {
    try {
      value.longValueExact();
      return true;
    } catch (ArithmeticException e) {
      return false;
    }
  }

  /**
   * The literal inside {@code CAST(literal)} when the cast changes only the nullability, as the values Calcite's
   * reducer makes for a nullable type are; else {@code reduced} itself. The simplifier gives the expression its
   * type back with a literal of that type, so the expression ends as a plain literal, and a row of plain literals
   * is what lets an {@code INSERT … VALUES} become one {@code Values} instead of a union of one-row projections.
   */
  static RexNode withoutNullabilityCast(RexNode reduced) {
    if (reduced.getKind() == SqlKind.CAST && ((RexCall) reduced).getOperands().size() == 1
        && ((RexCall) reduced).getOperands().get(0) instanceof RexLiteral literal
        && !literal.isNull()
        && literal.getType().getSqlTypeName() == reduced.getType().getSqlTypeName()
        && literal.getType().getPrecision() == reduced.getType().getPrecision()
        && literal.getType().getScale() == reduced.getType().getScale()) {
      return literal;
    }
    return reduced;
  }
}
