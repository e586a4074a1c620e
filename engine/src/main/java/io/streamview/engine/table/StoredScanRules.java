package io.streamview.engine.table;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.ImmutableIntList;
import org.apache.calcite.util.mapping.Mapping;
import org.apache.calcite.util.mapping.MappingType;
import org.apache.calcite.util.mapping.Mappings;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rules that push work into a {@link StoredTableScan}: {@link #FILTER} moves the WHERE conjuncts the scan evaluates
 * itself ({@link ScanFilters#pushable}) into it and leaves the rest in a Filter above; {@link #PROJECT} narrows the
 * scan to the columns a Project uses, keeping the Project's expressions above it; {@link #AGGREGATE} narrows it to
 * the columns an Aggregate reads (none for {@code COUNT(*)}: the scan then returns rows of no values).
 */
final class StoredScanRules {

  private StoredScanRules() {
  }

  static final RelOptRule FILTER = new FilterRule();
  static final RelOptRule PROJECT = new ProjectRule();
  static final RelOptRule AGGREGATE = new AggregateRule();

  private static final class FilterRule extends RelOptRule {
    FilterRule() {
      super(operand(Filter.class, operand(StoredTableScan.class, none())), "StoredScanFilterRule");
    }

    @Override public void onMatch(RelOptRuleCall call) {
      Filter filter = call.rel(0);
      StoredTableScan scan = call.rel(1);
      int[] columnOf = scan.projectsOrIdentity();
      List<RexNode> pushed = new ArrayList<>(scan.filters());
      List<RexNode> kept = new ArrayList<>();
      RexShuttle toTableColumns = new RexShuttle() {
        @Override public RexNode visitInputRef(RexInputRef ref) {
          return new RexInputRef(columnOf[ref.getIndex()], ref.getType());
        }
      };
      for (RexNode c : RelOptUtil.conjunctions(filter.getCondition())) {
        RexNode over = c.accept(toTableColumns);
        if (ScanFilters.pushable(over, scan.scanTable().columns())) {
          pushed.add(over);
        } else {
          kept.add(c);
        }
      }
      if (pushed.size() == scan.filters().size()) {
        return;
      }
      RelNode newScan = new StoredTableScan(scan.getCluster(), scan.getTable(), scan.scanTable(), pushed,
          scan.isProjected() ? ImmutableIntList.of(columnOf) : null);
      RelBuilder b = call.builder().push(newScan);
      if (!kept.isEmpty()) {
        b.filter(RexUtil.composeConjunction(filter.getCluster().getRexBuilder(), kept));
      }
      call.transformTo(b.build());
    }
  }

  private static final class ProjectRule extends RelOptRule {
    ProjectRule() {
      super(operand(Project.class, operand(StoredTableScan.class, none())), "StoredScanProjectRule");
    }

    @Override public void onMatch(RelOptRuleCall call) {
      Project project = call.rel(0);
      StoredTableScan scan = call.rel(1);
      int[] columnOf = scan.projectsOrIdentity();
      ImmutableBitSet used = RelOptUtil.InputFinder.bits(project.getProjects(), null);
      if (used.cardinality() == columnOf.length) {
        return; // nothing to leave out
      }
      int[] narrowed = new int[used.cardinality()];
      int i = 0;
      for (int u : used) {
        narrowed[i++] = columnOf[u];
      }
      StoredTableScan newScan = new StoredTableScan(scan.getCluster(), scan.getTable(), scan.scanTable(),
          scan.filters(), ImmutableIntList.of(narrowed));
      Mappings.TargetMapping mapping = Mappings.target(used.toList(), columnOf.length);
      RexPermuteInputsShuttle remap = new RexPermuteInputsShuttle(mapping, newScan);
      List<RexNode> exprs = new ArrayList<>();
      for (RexNode e : project.getProjects()) {
        exprs.add(e.accept(remap));
      }
      RelNode result = call.builder().push(newScan).project(exprs, project.getRowType().getFieldNames()).build();
      call.transformTo(result);
    }
  }

  private static final class AggregateRule extends RelOptRule {
    AggregateRule() {
      super(operand(Aggregate.class, operand(StoredTableScan.class, none())), "StoredScanAggregateRule");
    }

    @Override public void onMatch(RelOptRuleCall call) {
      Aggregate aggregate = call.rel(0);
      StoredTableScan scan = call.rel(1);
      int[] columnOf = scan.projectsOrIdentity();
      Set<Integer> used = RelOptUtil.getAllFields(aggregate);
      if (used.size() == columnOf.length) {
        return; // it reads every column the scan returns
      }
      int[] narrowed = new int[used.size()];
      Mapping mapping = Mappings.create(MappingType.INVERSE_SURJECTION, columnOf.length, used.size());
      int i = 0;
      for (int u : used) {
        mapping.set(u, i);
        narrowed[i++] = columnOf[u];
      }
      StoredTableScan newScan = new StoredTableScan(scan.getCluster(), scan.getTable(), scan.scanTable(),
          scan.filters(), ImmutableIntList.of(narrowed));
      List<AggregateCall> calls = new ArrayList<>();
      for (AggregateCall c : aggregate.getAggCallList()) {
        calls.add(c.transform(mapping));
      }
      List<ImmutableBitSet> groupSets = new ArrayList<>();
      for (ImmutableBitSet g : aggregate.getGroupSets()) {
        groupSets.add(Mappings.apply(mapping, g));
      }
      call.transformTo(aggregate.copy(aggregate.getTraitSet(), newScan, Mappings.apply(mapping,
          aggregate.getGroupSet()), groupSets, calls));
    }
  }
}
