package io.streamview.jdbc.superpath;

import io.streamview.jdbc.function.RedshiftCallRewriter;

import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalciteSqlValidator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SelectScope;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.util.Util;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Calcite's validator with SUPER navigation: each expression is rewritten by {@link SuperRewriter} in its scope just
 * before Calcite expands it (qualifies its identifiers), in the select list, WHERE, JOIN … ON, GROUP BY, HAVING and
 * ORDER BY, and in window specifications.
 */
final class SuperSqlValidator extends CalciteSqlValidator {

  private final boolean caseSensitiveAttributes;

  SuperSqlValidator(SqlOperatorTable opTab, CalciteCatalogReader catalogReader, JavaTypeFactory typeFactory,
                    Config config, boolean caseSensitiveAttributes) {
    super(opTab, catalogReader, typeFactory, config);
    this.caseSensitiveAttributes = caseSensitiveAttributes;
  }

  private SqlNode rewrite(SqlNode expr, SqlValidatorScope scope) {
    return SuperRewriter.rewrite(this, scope, caseSensitiveAttributes, RedshiftCallRewriter.rewrite(expr));
  }

  @Override public SqlNode expand(SqlNode expr, SqlValidatorScope scope) {
    return super.expand(rewrite(expr, scope), scope);
  }

  @Override public SqlNode expandSelectExpr(SqlNode expr, SelectScope scope, SqlSelect select,
                                            Map<String, SqlNode> expansions) {
    return super.expandSelectExpr(rewrite(expr, scope), scope, select, expansions);
  }

  /** Calcite's, after {@link InsertValuesStrings} has typed the strings of a column that also holds other values. */
  @Override protected void validateValues(SqlCall node, RelDataType targetRowType, SqlValidatorScope scope) {
    InsertValuesStrings.typeStringsBesideOthers(node, targetRowType);
    super.validateValues(node, targetRowType, scope);
  }

  @Override protected RelDataType validateSelectList(SqlNodeList selectItems, SqlSelect select,
                                                     RelDataType targetRowType) {
    return super.validateSelectList(SelectItemNames.named(selectItems), select, targetRowType);
  }

  /**
   * Rewrites GROUP BY, and first the select list: Calcite replaces a GROUP BY ordinal or alias by the select item it
   * names, with an expansion of its own, so the select items must already be rewritten (keeping their names).
   */
  @Override protected void validateGroupClause(SqlSelect select) {
    SqlNodeList group = select.getGroup();
    if (group != null) {
      select.setSelectList(rewriteSelectList(select.getSelectList(), getWhereScope(select)));
      SqlValidatorScope scope = getGroupScope(select);
      List<SqlNode> items = new ArrayList<>(group.size());
      for (SqlNode item : group) {
        items.add(rewrite(item, scope));
      }
      select.setGroupBy(new SqlNodeList(items, group.getParserPosition()));
    }
    super.validateGroupClause(select);
  }

  private SqlNodeList rewriteSelectList(SqlNodeList items, SqlValidatorScope scope) {
    List<SqlNode> out = new ArrayList<>(items.size());
    for (SqlNode item : SelectItemNames.named(items)) {
      SqlNode rewritten = rewrite(item, scope);
      if (rewritten != item && item instanceof SqlIdentifier id) {
        rewritten = SqlStdOperatorTable.AS.createCall(item.getParserPosition(), rewritten,
            new SqlIdentifier(Util.last(id.names), SqlParserPos.ZERO));
      }
      out.add(rewritten);
    }
    return new SqlNodeList(out, items.getParserPosition());
  }

  @Override protected void validateHavingClause(SqlSelect select) {
    if (select.getHaving() != null) {
      select.setHaving(rewrite(select.getHaving(), getSelectScope(select)));
    }
    super.validateHavingClause(select);
  }
}
