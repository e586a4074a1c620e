package io.streamview.jdbc.parser;

import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
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
 * {@code DROP {TABLE | VIEW | MATERIALIZED VIEW | SCHEMA} [IF EXISTS] name [, ...]
 * [CASCADE | RESTRICT]}. The kind is DROP_TABLE, DROP_VIEW, DROP_MATERIALIZED_VIEW or
 * DROP_SCHEMA according to {@link #kind}; {@code ifExists} is inherited from {@link SqlDrop}.
 */
public class SqlDropObjects extends SqlDrop {
  /** What a DROP statement drops. */
  public enum ObjectKind {
    TABLE("TABLE", SqlKind.DROP_TABLE),
    VIEW("VIEW", SqlKind.DROP_VIEW),
    MATERIALIZED_VIEW("MATERIALIZED VIEW", SqlKind.DROP_MATERIALIZED_VIEW),
    SCHEMA("SCHEMA", SqlKind.DROP_SCHEMA);

    /** The SQL words, e.g. "MATERIALIZED VIEW". */
    public final String sql;
    final SqlOperator operator;

    ObjectKind(String sql, SqlKind kind) {
      this.sql = sql;
      this.operator = new SqlSpecialOperator("DROP " + sql, kind);
    }
  }

  public final ObjectKind kind;
  public final List<SqlIdentifier> names;
  public final boolean cascade;

  public SqlDropObjects(SqlParserPos pos, ObjectKind kind, boolean ifExists,
      List<SqlIdentifier> names, boolean cascade) {
    super(Objects.requireNonNull(kind, "kind").operator, pos, ifExists);
    this.kind = kind;
    this.names = List.copyOf(names);
    if (this.names.isEmpty()) {
      throw new IllegalArgumentException("no names");
    }
    this.cascade = cascade;
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(new SqlNodeList(names, SqlParserPos.ZERO),
        SqlLiteral.createBoolean(cascade, SqlParserPos.ZERO));
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("DROP");
    writer.keyword(kind.sql);
    if (ifExists) {
      writer.keyword("IF EXISTS");
    }
    final SqlWriter.Frame frame = writer.startList("", "");
    for (SqlIdentifier name : names) {
      writer.sep(",");
      name.unparse(writer, 0, 0);
    }
    writer.endList(frame);
    if (cascade) {
      writer.keyword("CASCADE");
    }
  }
}
