package io.streamview.engine.table;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.linq4j.function.Function0;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;

import com.google.common.collect.ImmutableList;

import java.util.List;

/**
 * An aggregate or an {@code ORDER BY … LIMIT} over a materialized view's scan, evaluated on the view's column snapshot
 * by an operator of {@code io.streamview.engine.columnar} ({@link MaterializedViewTable#aggregate},
 * {@link MaterializedViewTable#topN}), with Calcite's own plan for the same rows ({@code rowPath}: the enumerable
 * aggregate or bounded sort over the {@link StoredTableScan}) compiled beside it and run when the view has no snapshot
 * (too small, over the cache's budget, not read whole yet) or holds values the operator leaves alone. Made by
 * {@link SnapshotQueryRules}; EXPLAIN shows it as {@code SnapshotAggregate(table=…, filters=…, op=…, rowPath=…)} or
 * {@code SnapshotTopN(…)}, the row path's operators on one line.
 */
final class SnapshotQuery extends AbstractRelNode implements EnumerableRel {

  private final MaterializedViewTable table;
  private final List<String> tableName;
  private final ImmutableList<RexNode> filters;
  /** A {@code SnapshotAggregation} or a {@code SnapshotTopN}. */
  private final Object operator;
  private final String operatorText;
  private final EnumerableRel rowPath;

  SnapshotQuery(RelOptCluster cluster, StoredTableScan scan, Object operator, String operatorText,
                EnumerableRel rowPath) {
    this(cluster, rowPath.getTraitSet(), (MaterializedViewTable) scan.scanTable(), scan.getTable().getQualifiedName(),
        scan.filters(), operator, operatorText, rowPath);
  }

  private SnapshotQuery(RelOptCluster cluster, RelTraitSet traits, MaterializedViewTable table, List<String> tableName,
                        ImmutableList<RexNode> filters, Object operator, String operatorText, EnumerableRel rowPath) {
    super(cluster, traits.replace(EnumerableConvention.INSTANCE));
    this.table = table;
    this.tableName = tableName;
    this.filters = filters;
    this.operator = operator;
    this.operatorText = operatorText;
    this.rowPath = rowPath;
  }

  private boolean isAggregate() {
    return operator instanceof io.streamview.engine.columnar.SnapshotAggregation;
  }

  @Override protected RelDataType deriveRowType() {
    return rowPath.getRowType();
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return traitSet.equals(getTraitSet()) ? this
        : new SnapshotQuery(getCluster(), traitSet, table, tableName, filters, operator, operatorText, rowPath);
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .item("table", tableName)
        .itemIf("filters", filters, !filters.isEmpty())
        .item("op", operatorText)
        .item("rowPath", rowPathText());
  }

  private String rowPathText;

  /** The row path's plan on one line, its operators separated by {@code ; } (EXPLAIN shows the scan it reads). */
  private String rowPathText() {
    if (rowPathText == null) {
      StringBuilder b = new StringBuilder();
      for (String line : RelOptUtil.toString(rowPath).split("\\R")) {
        if (!line.isBlank()) {
          b.append(b.length() == 0 ? "" : "; ").append(line.trim());
        }
      }
      rowPathText = b.toString();
    }
    return rowPathText;
  }

  @Override public String getRelTypeName() {
    return isAggregate() ? "SnapshotAggregate" : "SnapshotTopN";
  }

  @Override public double estimateRowCount(RelMetadataQuery mq) {
    return rowPath.estimateRowCount(mq);
  }

  /** Cheaper than the row path it stands for, so that the planner picks it. */
  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    RelOptCost rows = mq.getCumulativeCost(rowPath);
    return rows == null ? planner.getCostFactory().makeTinyCost() : rows.multiplyBy(0.1);
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    Result rows = rowPath.implement(implementor, Prefer.ARRAY);
    PhysType physType = rows.physType;
    JavaRowFormat format = physType.getFormat();
    if (format != JavaRowFormat.ARRAY && format != JavaRowFormat.SCALAR) {
      return rows; // a representation the operator does not produce: the row path alone
    }
    Expression fallback = Expressions.lambda(Function0.class, rows.block);
    // the scan may have stashed the same table as a FilteredScanTable: the stash reuses that expression
    Expression target = Expressions.convert_(implementor.stash(table, MaterializedViewTable.class),
        MaterializedViewTable.class);
    Expression filterList = implementor.stash(filters, List.class);
    Expression call = isAggregate()
        ? Expressions.call(target, "aggregate", implementor.getRootExpression(), filterList,
            implementor.stash((io.streamview.engine.columnar.SnapshotAggregation) operator,
                io.streamview.engine.columnar.SnapshotAggregation.class),
            Expressions.constant(format == JavaRowFormat.SCALAR), fallback)
        : Expressions.call(target, "topN", implementor.getRootExpression(), filterList,
            implementor.stash((io.streamview.engine.columnar.SnapshotTopN) operator,
                io.streamview.engine.columnar.SnapshotTopN.class),
            Expressions.constant(format == JavaRowFormat.SCALAR), fallback);
    return implementor.result(physType, Blocks.toBlock(call));
  }
}
