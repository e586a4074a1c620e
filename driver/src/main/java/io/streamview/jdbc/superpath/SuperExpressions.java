package io.streamview.jdbc.superpath;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/** The types of expressions in one validator scope, as far as the SUPER rewrite needs them. */
final class SuperExpressions {

  private final SqlValidator validator;
  private final SqlValidatorScope scope;
  private final SuperColumns columns;

  SuperExpressions(SqlValidator validator, SqlValidatorScope scope, SuperColumns columns) {
    this.validator = validator;
    this.scope = scope;
    this.columns = columns;
  }

  SqlValidator validator() {
    return validator;
  }

  /**
   * Whether {@code node} is a SUPER value: a navigation (or a path not yet rewritten), a SUPER column, the alias of a
   * SUPER select item, or an expression typed SUPER.
   */
  boolean isSuper(SqlNode node) {
    if (NavigationCall.is(node)) {
      return true;
    }
    if (node instanceof SqlIdentifier id) {
      return columns.resolve(id) != null || id.isSimple() && isSuperAlias(id.getSimple());
    }
    if (!(node instanceof SqlCall)) {
      return false;
    }
    return SuperTypes.isSuper(typeOf(node));
  }

  /**
   * Whether {@code name}, not a column here, is the alias of a SUPER select item of the scope's query (HAVING and
   * GROUP BY may name select items; Calcite substitutes the item after this rewrite).
   */
  private boolean isSuperAlias(String name) {
    if (!(scope.getNode() instanceof SqlSelect select) || select.getSelectList() == null
        || !scope.findQualifyingTableNames(name, select, validator.getCatalogReader().nameMatcher()).isEmpty()) {
      return false;
    }
    for (SqlNode item : select.getSelectList()) {
      if (item != null && item.getKind() == SqlKind.AS) {
        SqlCall as = (SqlCall) item;
        SqlNode value = as.operand(0);
        boolean self = value instanceof SqlIdentifier v && v.isSimple() && v.getSimple().equals(name);
        if (!self && validator.getCatalogReader().nameMatcher().matches(as.operand(1).toString(), name)) {
          return isSuper(value);
        }
      }
    }
    return false;
  }

  /**
   * The type of {@code node}, or null when it cannot be known here: literals and parameters answer at once;
   * expressions are derived by the validator, except those holding sub-queries (validated in their own time), and
   * an expression the validator rejects is left for the validator to report.
   */
  RelDataType typeOf(SqlNode node) {
    if (node instanceof SqlDynamicParam || node instanceof SqlNodeList || node instanceof SqlDataTypeSpec) {
      return null;
    }
    if (node instanceof SqlLiteral lit && lit.getTypeName() == SqlTypeName.NULL) {
      return null;
    }
    if (SqlUtil.containsCall(node, c -> c.getKind().belongsTo(SqlKind.QUERY))) {
      return null;
    }
    try {
      return validator.deriveType(scope, node);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
