package io.streamview.jdbc.superpath;

import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.validate.ListScope;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

import java.util.List;
import java.util.Map;

/**
 * Finds where a compound identifier stops naming a column and starts navigating into it: in
 * {@code t.payload.customer.id} (or {@code payload.customer.id}) the column is {@code t.payload} and the path
 * {@code customer.id}, if {@code payload} is a SUPER column of a relation in scope. Resolution follows SQL: a
 * prefix that names a relation in FROM (an alias, a table, {@code schema.table}) wins over a column of the same name.
 */
final class SuperColumns {

  private final SqlValidator validator;
  private final SqlValidatorScope scope;

  SuperColumns(SqlValidator validator, SqlValidatorScope scope) {
    this.validator = validator;
    this.scope = scope;
  }

  /**
   * The SUPER column {@code id} starts with and the attribute names after it, or null when {@code id} does not
   * start with a SUPER column (an ordinary column reference, or a name Calcite will report as unknown).
   */
  SuperReference resolve(SqlIdentifier id) {
    if (id.isStar() || scope == null) {
      return null;
    }
    try {
      return resolveIn(id);
    } catch (RuntimeException e) {
      return null; // a name the scope cannot resolve: Calcite reports it in its own words
    }
  }

  private SuperReference resolveIn(SqlIdentifier id) {
    SqlNameMatcher matcher = validator.getCatalogReader().nameMatcher();
    List<String> names = id.names;
    for (int i = names.size() - 1; i >= 1; i--) {
      SqlValidatorScope.ResolvedImpl resolved = new SqlValidatorScope.ResolvedImpl();
      scope.resolve(names.subList(0, i), matcher, false, resolved);
      if (resolved.count() == 1 && resolved.only().scope instanceof ListScope) {
        RelDataTypeField column = matcher.field(resolved.only().rowType(), names.get(i));
        if (column == null) {
          return null;
        }
        return SuperTypes.isSuper(column.getType())
            ? new SuperReference(id.getComponent(0, i + 1), names.subList(i + 1, names.size())) : null;
      }
    }
    Map<String, ?> qualifying = scope.findQualifyingTableNames(names.get(0), id, matcher);
    if (qualifying.size() != 1) {
      return null;
    }
    SqlValidatorScope.ResolvedImpl table = new SqlValidatorScope.ResolvedImpl();
    scope.resolve(List.of(qualifying.keySet().iterator().next()), matcher, false, table);
    if (table.count() != 1) {
      return null;
    }
    RelDataTypeField column = matcher.field(table.only().rowType(), names.get(0));
    return column != null && SuperTypes.isSuper(column.getType())
        ? new SuperReference(id.getComponent(0, 1), names.subList(1, names.size())) : null;
  }

  /**
   * A SUPER column and the attributes navigated into it.
   *
   * @param column     the identifier naming the column, as written (qualified or not)
   * @param attributes the attribute names after it; empty for the column itself
   */
  record SuperReference(SqlIdentifier column, List<String> attributes) {
  }
}
