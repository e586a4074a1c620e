package io.streamview.jdbc.superpath;

import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

import io.streamview.jdbc.literal.LiteralRowsProgram;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Calcite's statement preparation with {@link SuperSqlValidator} as the validator, for statements and for the views
 * they expand. The validator is configured exactly as Calcite configures its own (operator tables, conformance,
 * null collation, identifier expansion). Its optimization starts with {@link LiteralRowsProgram}.
 */
final class SuperPreparingStmt extends CalcitePrepareImpl.CalcitePreparingStmt {

  SuperPreparingStmt(CalcitePrepareImpl prepare, CalcitePrepare.Context context, Prepare.CatalogReader catalogReader,
                     RelDataTypeFactory typeFactory, CalciteSchema schema, EnumerableRel.Prefer prefer,
                     RelOptCluster cluster, Convention resultConvention, SqlRexConvertletTable convertletTable) {
    super(prepare, context, catalogReader, typeFactory, schema, prefer, cluster, resultConvention, convertletTable);
  }

  @Override protected SqlValidator createSqlValidator(Prepare.CatalogReader catalogReader,
                                                      UnaryOperator<SqlValidator.Config> configTransform) {
    CalciteConnectionConfig connection = context.config();
    SqlOperatorTable operators = SqlOperatorTables.chain(List.of(
        connection.fun(SqlOperatorTable.class, SqlStdOperatorTable.instance()), catalogReader));
    SqlValidator.Config config = configTransform.apply(SqlValidator.Config.DEFAULT
        .withLenientOperatorLookup(connection.lenientOperatorLookup())
        .withConformance(connection.conformance())
        .withDefaultNullCollation(connection.defaultNullCollation())
        .withIdentifierExpansion(true));
    return new SuperSqlValidator(operators, (CalciteCatalogReader) catalogReader, context.getTypeFactory(), config,
        SuperSettings.caseSensitiveAttributes(context.getMutableRootSchema()));
  }

  /** Calcite's program, after {@link LiteralRowsProgram} has made a union of constant rows one {@code Values}. */
  @Override protected Program getProgram() {
    return Programs.sequence(LiteralRowsProgram.INSTANCE, super.getProgram());
  }
}
