package io.streamview.jdbc.superpath;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.DataContexts;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.interpreter.BindableConvention;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSetOption;

import io.streamview.jdbc.literal.LiteralCastExecutor;

import java.lang.reflect.Type;

/**
 * The {@code CalcitePrepare} of every StreamView connection (the driver's {@code createPrepare()} plugs in its
 * subclass {@code PlanCachingPrepare}, which adds the query plan cache):
 * Calcite's, with {@link SuperPreparingStmt} so that SUPER navigation is understood, and with
 * {@code SET enable_case_sensitive_super_attribute} remembered for the connection once the DDL executor has
 * accepted it. Its planners fold the casts of numeric literals without compiling code ({@link LiteralCastExecutor}).
 */
public class SuperPrepare extends CalcitePrepareImpl {

  @Override protected CalcitePreparingStmt getPreparingStmt(Context context, Type elementType,
                                                            CalciteCatalogReader catalogReader,
                                                            RelOptPlanner planner) {
    JavaTypeFactory typeFactory = context.getTypeFactory();
    EnumerableRel.Prefer prefer = elementType == Object[].class ? EnumerableRel.Prefer.ARRAY
        : EnumerableRel.Prefer.CUSTOM;
    return new SuperPreparingStmt(this, context, catalogReader, typeFactory, context.getRootSchema(), prefer,
        createCluster(planner, new RexBuilder(typeFactory)),
        enableBindable ? BindableConvention.INSTANCE : EnumerableConvention.INSTANCE, createConvertletTable());
  }

  /**
   * Calcite's planner, with {@link LiteralCastExecutor} as the executor the statement's conversion to relational
   * algebra simplifies with (Calcite sets its own executor again for the optimization that follows).
   */
  @Override protected RelOptPlanner createPlanner(Context prepareContext,
                                                  org.apache.calcite.plan.Context externalContext,
                                                  RelOptCostFactory costFactory) {
    RelOptPlanner planner = super.createPlanner(prepareContext, externalContext, costFactory);
    planner.setExecutor(new LiteralCastExecutor(DataContexts.EMPTY));
    return planner;
  }

  @Override public void executeDdl(Context context, SqlNode node) {
    if (node instanceof SqlSetOption option && SuperSettings.isOurs(option)) {
      boolean value = SuperSettings.valueOf(option);
      super.executeDdl(context, node);
      SuperSettings.set(context.getMutableRootSchema(), value);
      return;
    }
    super.executeDdl(context, node);
  }
}
