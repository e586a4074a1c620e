package io.streamview.jdbc.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

import java.util.List;
import java.util.Objects;

/**
 * A column of {@link SqlCreateTableStmt}: {@code name type [NOT NULL | NULL] [DEFAULT expr]}.
 * Column attributes that StreamView ignores (UNIQUE, ENCODE, DISTKEY, SORTKEY, IDENTITY,
 * REFERENCES) are not kept; a column-level PRIMARY KEY goes to the table's primary key.
 *
 * <p>{@link #type} is null only for the column-name list of {@code CREATE TABLE t (a, b) AS
 * query}. {@link #type} is as written (its nullability is unspecified); use {@link #notNull}.
 */
public class SqlColumnDecl extends SqlCall {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("COLUMN_DECL", SqlKind.COLUMN_DECL);

  public final SqlIdentifier name;
  public final SqlDataTypeSpec type;
  public final boolean notNull;
  public final SqlNode defaultValue;

  public SqlColumnDecl(SqlParserPos pos, SqlIdentifier name, SqlDataTypeSpec type,
      boolean notNull, SqlNode defaultValue) {
    super(pos);
    this.name = Objects.requireNonNull(name, "name");
    this.type = type;
    this.notNull = notNull;
    this.defaultValue = defaultValue;
  }

  /** The Redshift name of the column's type ("VARBYTE", "SUPER", ...), or null if untyped. */
  public String redshiftTypeName() {
    return type == null ? null : RedshiftTypeNames.redshiftTypeName(type);
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name, type,
        SqlLiteral.createBoolean(notNull, SqlParserPos.ZERO), defaultValue);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    name.unparse(writer, 0, 0);
    if (type != null) {
      type.unparse(writer, 0, 0);
    }
    if (notNull) {
      writer.keyword("NOT NULL");
    }
    if (defaultValue != null) {
      writer.keyword("DEFAULT");
      defaultValue.unparse(writer, 0, 0);
    }
  }
}
