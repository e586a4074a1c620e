package io.streamview.jdbc.parser;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

import java.util.List;
import java.util.Objects;

/**
 * {@code TRUNCATE [TABLE] name}; kind {@link SqlKind#OTHER_DDL}. Extends Calcite's
 * {@link org.apache.calcite.sql.SqlTruncate} (same simple name, different package).
 */
public class SqlTruncate extends org.apache.calcite.sql.SqlTruncate {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("TRUNCATE TABLE", SqlKind.OTHER_DDL);

  public final SqlIdentifier name;

  public SqlTruncate(SqlParserPos pos, SqlIdentifier name) {
    super(OPERATOR, pos);
    this.name = Objects.requireNonNull(name, "name");
  }

  public SqlIdentifier getName() {
    return name;
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("TRUNCATE TABLE");
    name.unparse(writer, leftPrec, rightPrec);
  }
}
