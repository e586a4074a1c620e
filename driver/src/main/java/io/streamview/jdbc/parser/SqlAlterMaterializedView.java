package io.streamview.jdbc.parser;

import org.apache.calcite.sql.SqlDdl;
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

/** {@code ALTER MATERIALIZED VIEW name AUTO REFRESH {YES | NO}}; kind {@link SqlKind#OTHER_DDL}. */
public class SqlAlterMaterializedView extends SqlDdl {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("ALTER MATERIALIZED VIEW", SqlKind.OTHER_DDL);

  public final SqlIdentifier name;
  public final boolean autoRefresh;

  public SqlAlterMaterializedView(SqlParserPos pos, SqlIdentifier name, boolean autoRefresh) {
    super(OPERATOR, pos);
    this.name = Objects.requireNonNull(name, "name");
    this.autoRefresh = autoRefresh;
  }

  public SqlIdentifier getName() {
    return name;
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name,
        SqlLiteral.createBoolean(autoRefresh, SqlParserPos.ZERO));
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("ALTER MATERIALIZED VIEW");
    name.unparse(writer, leftPrec, rightPrec);
    writer.keyword("AUTO REFRESH");
    writer.keyword(autoRefresh ? "YES" : "NO");
  }
}
