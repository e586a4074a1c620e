package io.streamview.jdbc.superpath;

import java.util.List;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Types the string literals of an {@code INSERT … VALUES} column whose other rows hold something else, a bare
 * {@code NULL} or an expression, such as {@code INSERT INTO t (ts) VALUES ('2024-01-02 03:04:05'), (NULL)} or
 * {@code … VALUES ('2024-01-02 03:04:05'), (CURRENT_TIMESTAMP)} into a {@code TIMESTAMP} column. Calcite gives the
 * {@code NULL} the column's type before it checks that each column's values share a type, so the strings
 * ({@code CHAR}) and the {@code NULL} or expression ({@code TIMESTAMP}) had none and the statement failed with "Values
 * passed to VALUES operator must have compatible types", though each row alone is accepted. The strings get the cast
 * to the column's type that implicit type coercion would give them a step later, so the statement means what each
 * row means alone. Columns of character types, and columns of strings only or without strings, are left as they are.
 */
final class InsertValuesStrings {

  private InsertValuesStrings() {
  }

  /** Casts the string literals of {@code values}' columns that also hold other values, in place. */
  static void typeStringsBesideOthers(SqlCall values, RelDataType targetRowType) {
    List<SqlNode> rows = values.getOperandList();
    if (!targetRowType.isStruct() || rows.size() < 2) {
      return;
    }
    int columns = targetRowType.getFieldCount();
    for (SqlNode row : rows) {
      if (row.getKind() != SqlKind.ROW || ((SqlCall) row).operandCount() != columns) {
        return;
      }
    }
    for (int c = 0; c < columns; c++) {
      RelDataType type = targetRowType.getFieldList().get(c).getType();
      if (SqlTypeUtil.isCharacter(type) || !hasString(rows, c) || !hasOther(rows, c)) {
        continue;
      }
      for (SqlNode row : rows) {
        SqlNode value = ((SqlCall) row).operand(c);
        if (value instanceof SqlCharStringLiteral) {
          ((SqlBasicCall) row).setOperand(c, SqlStdOperatorTable.CAST.createCall(value.getParserPosition(), value,
              SqlTypeUtil.convertTypeToSpec(type)));
        }
      }
    }
  }

  private static boolean hasString(List<SqlNode> rows, int column) {
    return rows.stream().anyMatch(row -> ((SqlCall) row).operand(column) instanceof SqlCharStringLiteral);
  }

  private static boolean hasOther(List<SqlNode> rows, int column) {
    return rows.stream().anyMatch(row -> !(((SqlCall) row).operand(column) instanceof SqlCharStringLiteral));
  }
}
