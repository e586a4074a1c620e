package io.streamview.jdbc.parser;

import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

import java.util.List;
import java.util.Objects;

/**
 * {@code CREATE [OR REPLACE] VIEW name [(c1, ...)] AS query [WITH NO SCHEMA BINDING]}.
 * {@link #columnList} is null if absent.
 */
public class SqlCreateViewStmt extends SqlCreate {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE VIEW", SqlKind.CREATE_VIEW);

  public final boolean orReplace;
  public final SqlIdentifier name;
  public final SqlNodeList columnList;
  public final SqlNode query;
  /** Whether WITH NO SCHEMA BINDING (a Redshift late-binding view) was given. */
  public final boolean noSchemaBinding;

  public SqlCreateViewStmt(SqlParserPos pos, boolean orReplace, SqlIdentifier name,
      SqlNodeList columnList, SqlNode query) {
    this(pos, orReplace, name, columnList, query, false);
  }

  public SqlCreateViewStmt(SqlParserPos pos, boolean orReplace, SqlIdentifier name,
      SqlNodeList columnList, SqlNode query, boolean noSchemaBinding) {
    super(OPERATOR, pos, orReplace, false);
    this.orReplace = orReplace;
    this.name = Objects.requireNonNull(name, "name");
    this.columnList = columnList;
    this.query = Objects.requireNonNull(query, "query");
    this.noSchemaBinding = noSchemaBinding;
  }

  public SqlIdentifier getName() {
    return name;
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name, columnList, query);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword(orReplace ? "CREATE OR REPLACE VIEW" : "CREATE VIEW");
    name.unparse(writer, leftPrec, rightPrec);
    if (columnList != null) {
      SqlUnparseUtil.list(writer, columnList);
    }
    writer.keyword("AS");
    writer.newlineAndIndent();
    query.unparse(writer, 0, 0);
    if (noSchemaBinding) {
      writer.keyword("WITH NO SCHEMA BINDING");
    }
  }
}
