package io.streamview.engine.table;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.util.ImmutableIntList;

import com.google.common.collect.ImmutableList;

import java.util.List;

/**
 * The scan of a stored relation ({@link FilteredScanTable}) in Calcite's enumerable convention, carrying the WHERE
 * conjuncts the scan evaluates itself and the columns it returns; {@link StoredScanRules} push them in. Its code
 * calls {@link FilteredScanTable#scan} with the statement's {@link org.apache.calcite.DataContext}, so a prepared
 * statement's {@code ?} values reach the scan. Shown by EXPLAIN as
 * {@code StoredTableScan(table=[[public, v]], filters=[[=($1, 'x')]], projects=[[3]])}.
 */
public final class StoredTableScan extends TableScan implements EnumerableRel {

  private final FilteredScanTable scanTable;
  /** Over the relation's columns. */
  private final ImmutableList<RexNode> filters;
  /** {@code null}: every column. */
  private final ImmutableIntList projects;

  StoredTableScan(RelOptCluster cluster, RelOptTable table, FilteredScanTable scanTable, List<RexNode> filters,
                  ImmutableIntList projects) {
    super(cluster, cluster.traitSetOf(EnumerableConvention.INSTANCE), ImmutableList.of(), table);
    this.scanTable = scanTable;
    this.filters = ImmutableList.copyOf(filters);
    this.projects = projects;
  }

  /** The unfiltered scan of {@code table}. */
  public static StoredTableScan of(RelOptCluster cluster, RelOptTable table, FilteredScanTable scanTable) {
    return new StoredTableScan(cluster, table, scanTable, List.of(), null);
  }

  FilteredScanTable scanTable() {
    return scanTable;
  }

  ImmutableList<RexNode> filters() {
    return filters;
  }

  /** The returned columns, as indexes into the relation's columns. */
  int[] projectsOrIdentity() {
    if (projects != null) {
      return projects.toIntArray();
    }
    int n = table.getRowType().getFieldCount();
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }

  boolean isProjected() {
    return projects != null;
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return this;
  }

  @Override public void register(RelOptPlanner planner) {
    planner.addRule(StoredScanRules.FILTER);
    planner.addRule(StoredScanRules.PROJECT);
    planner.addRule(StoredScanRules.AGGREGATE);
    planner.addRule(SnapshotQueryRules.AGGREGATE); // aggregates and top-N on the view's column snapshot
    planner.addRule(SnapshotQueryRules.TOP_N);
    planner.addRule(EnumerableRules.ENUMERABLE_LIMIT_SORT_RULE); // ORDER BY … LIMIT n as a bounded sort
  }

  @Override public RelDataType deriveRowType() {
    if (projects == null) {
      return table.getRowType();
    }
    RelDataTypeFactory.Builder b = getCluster().getTypeFactory().builder();
    List<RelDataTypeField> fields = table.getRowType().getFieldList();
    for (int p : projects) {
      b.add(fields.get(p));
    }
    return b.build();
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .itemIf("filters", filters, !filters.isEmpty())
        .itemIf("projects", projects, projects != null);
  }

  @Override public double estimateRowCount(RelMetadataQuery mq) {
    double rows = super.estimateRowCount(mq);
    return filters.isEmpty() ? rows
        : rows * RelMdUtil.guessSelectivity(RexUtil.composeConjunction(getCluster().getRexBuilder(), filters));
  }

  /** Cheaper the fewer columns it decodes and the more filters it evaluates, so that pushed-in scans win. */
  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    int all = table.getRowType().getFieldCount();
    double columns = projects == null ? all : projects.size();
    double factor = (columns + 2d) / (all + 2d) * Math.pow(0.5, filters.size());
    return super.computeSelfCost(planner, mq).multiplyBy(factor);
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    // one column: Calcite's operators then carry bare values rather than one-element arrays;
    // none (COUNT(*)): empty lists, as Calcite represents rows of no columns
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    String method = switch (physType.getFormat()) {
      case SCALAR -> "scanValues";
      case LIST -> "scanNoValues";
      default -> "scan";
    };
    Expression target = implementor.stash(scanTable, FilteredScanTable.class);
    Expression filterList = implementor.stash(filters, List.class);
    Expression projectArray = projects == null ? Expressions.constant(null, int[].class)
        : implementor.stash(projects.toIntArray(), int[].class);
    return implementor.result(physType, Blocks.toBlock(Expressions.call(target, method,
        implementor.getRootExpression(), filterList, projectArray)));
  }
}
