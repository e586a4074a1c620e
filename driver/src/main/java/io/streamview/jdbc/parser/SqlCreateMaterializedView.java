package io.streamview.jdbc.parser;

import org.apache.calcite.sql.SqlCreate;
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
 * {@code CREATE MATERIALIZED VIEW name [BACKUP {YES|NO}] [DISTSTYLE {EVEN|ALL|KEY|AUTO}]
 * [DISTKEY (c)] [[COMPOUND|INTERLEAVED] SORTKEY (c, ...)] [AUTO REFRESH {YES|NO}] AS query}.
 *
 * <p>Absent clauses are null: {@link #backup}, {@link #distStyle} (upper case), {@link #distKey},
 * {@link #sortKey}, {@link #sortKeyStyle} ("COMPOUND", "INTERLEAVED" or null) and
 * {@link #autoRefresh}. DISTKEY / SORTKEY entries are {@link SqlIdentifier}s or unsigned integer
 * {@link org.apache.calcite.sql.SqlNumericLiteral}s (1-based column ordinals).
 */
public class SqlCreateMaterializedView extends SqlCreate {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE MATERIALIZED VIEW", SqlKind.CREATE_MATERIALIZED_VIEW);

  public final SqlIdentifier name;
  public final Boolean backup;
  public final String distStyle;
  public final SqlNodeList distKey;
  public final SqlNodeList sortKey;
  /** "COMPOUND", "INTERLEAVED", or null if SORTKEY had no prefix (or is absent). */
  public final String sortKeyStyle;
  public final Boolean autoRefresh;
  public final SqlNode query;

  public SqlCreateMaterializedView(SqlParserPos pos, SqlIdentifier name, Boolean backup,
      String distStyle, SqlNodeList distKey, SqlNodeList sortKey, Boolean autoRefresh,
      SqlNode query) {
    this(pos, name, backup, distStyle, distKey, sortKey, null, autoRefresh, query);
  }

  public SqlCreateMaterializedView(SqlParserPos pos, SqlIdentifier name, Boolean backup,
      String distStyle, SqlNodeList distKey, SqlNodeList sortKey, String sortKeyStyle,
      Boolean autoRefresh, SqlNode query) {
    super(OPERATOR, pos, false, false);
    this.name = Objects.requireNonNull(name, "name");
    this.backup = backup;
    this.distStyle = distStyle;
    this.distKey = distKey;
    this.sortKey = sortKey;
    this.sortKeyStyle = sortKeyStyle;
    this.autoRefresh = autoRefresh;
    this.query = Objects.requireNonNull(query, "query");
  }

  public SqlIdentifier getName() {
    return name;
  }

  /** AUTO REFRESH, with Redshift's default (NO) when absent. */
  public boolean isAutoRefresh() {
    return Boolean.TRUE.equals(autoRefresh);
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name,
        backup == null ? null : SqlLiteral.createBoolean(backup, SqlParserPos.ZERO),
        distStyle == null ? null : SqlLiteral.createCharString(distStyle, SqlParserPos.ZERO),
        distKey, sortKey,
        autoRefresh == null ? null : SqlLiteral.createBoolean(autoRefresh, SqlParserPos.ZERO),
        query);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("CREATE MATERIALIZED VIEW");
    name.unparse(writer, leftPrec, rightPrec);
    if (backup != null) {
      writer.keyword("BACKUP");
      writer.keyword(backup ? "YES" : "NO");
    }
    if (distStyle != null) {
      writer.keyword("DISTSTYLE");
      writer.keyword(distStyle);
    }
    if (distKey != null) {
      writer.keyword("DISTKEY");
      SqlUnparseUtil.list(writer, distKey);
    }
    if (sortKey != null) {
      if (sortKeyStyle != null) {
        writer.keyword(sortKeyStyle);
      }
      writer.keyword("SORTKEY");
      SqlUnparseUtil.list(writer, sortKey);
    }
    if (autoRefresh != null) {
      writer.keyword("AUTO REFRESH");
      writer.keyword(autoRefresh ? "YES" : "NO");
    }
    writer.keyword("AS");
    writer.newlineAndIndent();
    query.unparse(writer, 0, 0);
  }
}
