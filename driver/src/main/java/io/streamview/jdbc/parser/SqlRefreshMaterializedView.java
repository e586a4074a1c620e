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

/** {@code REFRESH MATERIALIZED VIEW name [RESTRICT | CASCADE]}; kind {@link SqlKind#OTHER_DDL}. */
public class SqlRefreshMaterializedView extends SqlDdl {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("REFRESH MATERIALIZED VIEW", SqlKind.OTHER_DDL);

  public final SqlIdentifier name;
  public final boolean cascade;

  public SqlRefreshMaterializedView(SqlParserPos pos, SqlIdentifier name, boolean cascade) {
    super(OPERATOR, pos);
    this.name = Objects.requireNonNull(name, "name");
    this.cascade = cascade;
  }

  public SqlIdentifier getName() {
    return name;
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name, SqlLiteral.createBoolean(cascade, SqlParserPos.ZERO));
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("REFRESH MATERIALIZED VIEW");
    name.unparse(writer, leftPrec, rightPrec);
    if (cascade) {
      writer.keyword("CASCADE");
    }
  }
}
