package io.streamview.jdbc.literal;

import java.util.ArrayList;
import java.util.List;

import com.google.common.collect.ImmutableList;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.tools.Program;

/**
 * The first step of every statement's optimization: a {@code UNION ALL} of constant rows, which is what Calcite makes
 * of {@code VALUES} (and so of {@code INSERT … VALUES}) once implicit type coercion has put a cast on a value (a number
 * into a {@code DOUBLE PRECISION} column, a string into a {@code TIMESTAMP}), becomes one {@code Values}. Each row is
 * a projection of one-row {@code Values} whose expressions conversion has already reduced to literals, some wrapped in
 * a cast that only makes them nullable (Calcite's rules stop at such a cast, so they do not merge these rows). Left as
 * a union, a 300-row INSERT was planned as 300 projections and compiled into a method each, and a few thousand rows
 * overflowed Janino's stack. A union with any other input, or a value of another type than its column, is left as it
 * is; statements without such a union pass through untouched.
 */
public final class LiteralRowsProgram implements Program {

  /** The one instance. */
  public static final LiteralRowsProgram INSTANCE = new LiteralRowsProgram();

  private LiteralRowsProgram() {
  }

  @Override public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
                               List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    return rel.accept(new RelShuttleImpl() {
      @Override public RelNode visit(LogicalUnion union) {
        RelNode values = asValues(union);
        return values != null ? values : super.visit(union);
      }
    });
  }

  /** The union as one {@code Values}, or {@code null} if it is not a union of constant rows. */
  static LogicalValues asValues(LogicalUnion union) {
    if (!union.all) {
      return null;
    }
    RexBuilder rexBuilder = union.getCluster().getRexBuilder();
    List<RelDataTypeField> fields = union.getRowType().getFieldList();
    List<ImmutableList<RexLiteral>> tuples = new ArrayList<>();
    for (RelNode input : union.getInputs()) {
      if (input instanceof Values values) {
        for (List<RexLiteral> tuple : values.getTuples()) {
          ImmutableList<RexLiteral> row = row(rexBuilder, new ArrayList<>(tuple), fields);
          if (row == null) {
            return null;
          }
          tuples.add(row);
        }
      } else if (input instanceof Project project && project.getInput() instanceof Values one
          && one.getTuples().size() == 1) {
        ImmutableList<RexLiteral> row = row(rexBuilder, project.getProjects(), fields);
        if (row == null) {
          return null;
        }
        tuples.add(row);
      } else {
        return null;
      }
    }
    return LogicalValues.create(union.getCluster(), union.getRowType(), ImmutableList.copyOf(tuples));
  }

  /** The row's literals, or {@code null} if an expression is not a literal of its column's type. */
  private static ImmutableList<RexLiteral> row(RexBuilder rexBuilder, List<? extends RexNode> exprs,
                                               List<RelDataTypeField> fields) {
    if (exprs.size() != fields.size()) {
      return null;
    }
    ImmutableList.Builder<RexLiteral> row = ImmutableList.builder();
    for (int i = 0; i < exprs.size(); i++) {
      RelDataType type = fields.get(i).getType();
      RexNode e = exprs.get(i);
      if (e.getKind() == SqlKind.CAST && ((RexCall) e).getOperands().size() == 1
          && SqlTypeUtil.equalSansNullability(rexBuilder.getTypeFactory(), e.getType(),
              ((RexCall) e).getOperands().get(0).getType())) {
        e = ((RexCall) e).getOperands().get(0);
      }
      if (!(e instanceof RexLiteral literal)) {
        return null;
      }
      if (literal.isNull()) {
        if (!type.isNullable()) {
          return null;
        }
        row.add(rexBuilder.makeNullLiteral(type));
      } else if (SqlTypeUtil.equalSansNullability(rexBuilder.getTypeFactory(), literal.getType(), type)) {
        row.add(literal);
      } else {
        return null;
      }
    }
    return row.build();
  }
}
