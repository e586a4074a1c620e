package io.streamview.engine.table;

import io.streamview.engine.columnar.SnapshotAggregation;
import io.streamview.engine.columnar.SnapshotTopN;

import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableLimitSort;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCollation;
import org.apache.calcite.sql.type.SqlTypeName;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules that put a {@link SnapshotQuery} in place of Calcite's enumerable operator over a materialized view's
 * {@link StoredTableScan}, keeping that operator as the query's row path: {@link #AGGREGATE} for an
 * {@link EnumerableAggregate} of one grouping set whose calls are {@code COUNT(*)}, {@code COUNT(c)}, and
 * {@code SUM}/{@code $SUM0} of a DOUBLE PRECISION, INTEGER or BIGINT column (no DISTINCT, FILTER or WITHIN GROUP);
 * {@link #TOP_N} for an {@link EnumerableLimitSort} with a literal LIMIT (and OFFSET) of at most
 * {@value SnapshotTopN#MAX_ROWS} rows whose keys are not strings of a collation with a collator. Anything else
 * (AVG is already SUM and COUNT by then) stays with Calcite.
 */
final class SnapshotQueryRules {

  private SnapshotQueryRules() {
  }

  static final RelOptRule AGGREGATE = new AggregateRule();
  static final RelOptRule TOP_N = new TopNRule();

  private static final class AggregateRule extends RelOptRule {
    AggregateRule() {
      super(operand(EnumerableAggregate.class, operand(StoredTableScan.class, none())), "SnapshotAggregateRule");
    }

    @Override public void onMatch(RelOptRuleCall call) {
      EnumerableAggregate aggregate = call.rel(0);
      StoredTableScan scan = call.rel(1);
      if (!(scan.scanTable() instanceof MaterializedViewTable) || aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
        return;
      }
      int[] columnOf = scan.projectsOrIdentity();
      List<RelDataType> scanTypes = new ArrayList<>();
      scan.getRowType().getFieldList().forEach(f -> scanTypes.add(f.getType()));
      int[] groups = new int[aggregate.getGroupSet().cardinality()];
      int i = 0;
      for (int g : aggregate.getGroupSet()) {
        groups[i++] = columnOf[g];
      }
      List<SnapshotAggregation.Call> calls = new ArrayList<>();
      for (AggregateCall c : aggregate.getAggCallList()) {
        SnapshotAggregation.Call converted = convert(c, columnOf, scanTypes);
        if (converted == null) {
          return;
        }
        calls.add(converted);
      }
      SnapshotAggregation operator = new SnapshotAggregation(groups, calls);
      String text = "aggregate(group=" + java.util.Arrays.toString(groups) + ", calls=" + calls + ")";
      EnumerableRel rowPath = (EnumerableRel) aggregate.copy(aggregate.getTraitSet(), List.of(scan));
      call.transformTo(new SnapshotQuery(aggregate.getCluster(), scan, operator, text, rowPath));
    }

    private static SnapshotAggregation.Call convert(AggregateCall c, int[] columnOf, List<RelDataType> types) {
      if (c.isDistinct() || c.isApproximate() || c.filterArg >= 0 || !c.collation.getFieldCollations().isEmpty()
          || c.distinctKeys != null) {
        return null;
      }
      List<Integer> args = c.getArgList();
      switch (c.getAggregation().getKind()) {
        case COUNT:
          if (args.isEmpty()) {
            return new SnapshotAggregation.Call(SnapshotAggregation.Function.COUNT_STAR, -1,
                SnapshotAggregation.Result.LONG);
          }
          return args.size() == 1 ? new SnapshotAggregation.Call(SnapshotAggregation.Function.COUNT,
              columnOf[args.get(0)], SnapshotAggregation.Result.LONG) : null;
        case SUM:
        case SUM0:
          if (args.size() != 1) {
            return null;
          }
          SqlTypeName arg = types.get(args.get(0)).getSqlTypeName();
          SqlTypeName result = c.getType().getSqlTypeName();
          SnapshotAggregation.Result r;
          if (arg == SqlTypeName.DOUBLE && result == SqlTypeName.DOUBLE) {
            r = SnapshotAggregation.Result.DOUBLE;
          } else if ((arg == SqlTypeName.INTEGER || arg == SqlTypeName.BIGINT) && result == SqlTypeName.BIGINT) {
            r = SnapshotAggregation.Result.LONG;
          } else {
            return null;
          }
          return new SnapshotAggregation.Call(c.getAggregation().getKind() == org.apache.calcite.sql.SqlKind.SUM
              ? SnapshotAggregation.Function.SUM : SnapshotAggregation.Function.SUM0, columnOf[args.get(0)], r);
        default:
          return null;
      }
    }
  }

  private static final class TopNRule extends RelOptRule {
    TopNRule() {
      super(operand(EnumerableLimitSort.class, operand(StoredTableScan.class, none())), "SnapshotTopNRule");
    }

    @Override public void onMatch(RelOptRuleCall call) {
      EnumerableLimitSort sort = call.rel(0);
      StoredTableScan scan = call.rel(1);
      if (!(scan.scanTable() instanceof MaterializedViewTable)) {
        return;
      }
      Long fetch = literal(sort.fetch);
      Long offset = sort.offset == null ? Long.valueOf(0) : literal(sort.offset);
      if (fetch == null || offset == null || fetch < 0 || offset < 0 || fetch + offset > SnapshotTopN.MAX_ROWS) {
        return;
      }
      int[] columnOf = scan.projectsOrIdentity();
      List<SnapshotTopN.Key> keys = new ArrayList<>();
      for (RelFieldCollation fc : sort.getCollation().getFieldCollations()) {
        RelDataType type = scan.getRowType().getFieldList().get(fc.getFieldIndex()).getType();
        SqlCollation collation = type.getCollation();
        if (collation != null && collation.getCollator() != null) {
          return;
        }
        if (fc.getDirection() != RelFieldCollation.Direction.ASCENDING
            && fc.getDirection() != RelFieldCollation.Direction.DESCENDING) {
          return;
        }
        keys.add(new SnapshotTopN.Key(columnOf[fc.getFieldIndex()],
            fc.getDirection() == RelFieldCollation.Direction.DESCENDING,
            fc.nullDirection == RelFieldCollation.NullDirection.FIRST));
      }
      SnapshotTopN operator = new SnapshotTopN(columnOf, keys, offset.intValue(), fetch.intValue());
      String text = "topN(columns=" + java.util.Arrays.toString(columnOf) + ", keys=" + keys + ", offset=" + offset
          + ", fetch=" + fetch + ")";
      EnumerableRel rowPath = (EnumerableRel) sort.copy(sort.getTraitSet(), List.of(scan));
      call.transformTo(new SnapshotQuery(sort.getCluster(), scan, operator, text, rowPath));
    }

    private static Long literal(RexNode n) {
      if (n instanceof RexLiteral lit && lit.getValueAs(BigDecimal.class) != null) {
        try {
          return lit.getValueAs(BigDecimal.class).longValueExact();
        } catch (ArithmeticException e) {
          return null;
        }
      }
      return null;
    }
  }
}
