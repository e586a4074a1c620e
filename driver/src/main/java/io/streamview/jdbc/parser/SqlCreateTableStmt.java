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
 * {@code CREATE TABLE [IF NOT EXISTS] name (column_def | table_constraint, ...) [attributes]} or
 * {@code CREATE TABLE [IF NOT EXISTS] name [(col, ...)] [attributes] AS query}.
 *
 * <p>{@link #primaryKey} holds the table-level PRIMARY KEY columns or the column carrying a
 * column-level PRIMARY KEY; empty if none. {@link #query} is null unless CREATE TABLE AS; then the
 * {@link #columns} (possibly empty) carry names only (null {@link SqlColumnDecl#type}). Redshift
 * table attributes (DISTSTYLE, DISTKEY, SORTKEY, BACKUP, ENCODE AUTO) and UNIQUE / FOREIGN KEY
 * constraints are parsed and dropped. {@code ifNotExists} is inherited from {@link SqlCreate}.
 */
public class SqlCreateTableStmt extends SqlCreate {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE TABLE", SqlKind.CREATE_TABLE);

  public final SqlIdentifier name;
  public final List<SqlColumnDecl> columns;
  public final List<SqlIdentifier> primaryKey;
  public final SqlNode query;

  public SqlCreateTableStmt(SqlParserPos pos, boolean ifNotExists, SqlIdentifier name,
      List<SqlColumnDecl> columns, List<SqlIdentifier> primaryKey, SqlNode query) {
    super(OPERATOR, pos, false, ifNotExists);
    this.name = Objects.requireNonNull(name, "name");
    this.columns = List.copyOf(columns);
    this.primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
    this.query = query;
  }

  public SqlIdentifier getName() {
    return name;
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name, new SqlNodeList(columns, SqlParserPos.ZERO),
        new SqlNodeList(primaryKey, SqlParserPos.ZERO), query);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("CREATE TABLE");
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    name.unparse(writer, leftPrec, rightPrec);
    if (!columns.isEmpty() || !primaryKey.isEmpty()) {
      final SqlWriter.Frame frame = writer.startList("(", ")");
      for (SqlColumnDecl c : columns) {
        writer.sep(",");
        c.unparse(writer, 0, 0);
      }
      if (!primaryKey.isEmpty()) {
        writer.sep(",");
        writer.keyword("PRIMARY KEY");
        SqlUnparseUtil.list(writer, primaryKey);
      }
      writer.endList(frame);
    }
    if (query != null) {
      writer.keyword("AS");
      writer.newlineAndIndent();
      query.unparse(writer, 0, 0);
    }
  }
}
