package io.streamview.jdbc.parser;

import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code CREATE EXTERNAL SCHEMA [IF NOT EXISTS] name FROM {KINESIS | MSK | KAFKA}
 * [IAM_ROLE {default | 'arn[,arn...]'}] [REGION 'r']}.
 *
 * <p>{@link #sourceKind} is upper case ("KINESIS", "MSK" or "KAFKA"); {@link #iamRole} is
 * "default", the literal's value, or null if absent; {@link #region} is null if absent. The
 * MSK / Kafka clauses (AUTHENTICATION, AUTHENTICATION_ARN, SECRET_ARN, CLUSTER_ARN, URI) are kept
 * in {@link #options}, keyed by upper-case clause name. {@code ifNotExists} is inherited from
 * {@link SqlCreate}.
 */
public class SqlCreateExternalSchema extends SqlCreate {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE EXTERNAL SCHEMA", SqlKind.CREATE_SCHEMA);

  public final SqlIdentifier name;
  public final String sourceKind;
  public final String iamRole;
  public final String region;
  /** MSK / Kafka clauses, in source order; empty for Kinesis. */
  public final Map<String, String> options;

  public SqlCreateExternalSchema(SqlParserPos pos, boolean ifNotExists, SqlIdentifier name,
      String sourceKind, String iamRole, String region) {
    this(pos, ifNotExists, name, sourceKind, iamRole, region, Collections.emptyMap());
  }

  public SqlCreateExternalSchema(SqlParserPos pos, boolean ifNotExists, SqlIdentifier name,
      String sourceKind, String iamRole, String region, Map<String, String> options) {
    super(OPERATOR, pos, false, ifNotExists);
    this.name = Objects.requireNonNull(name, "name");
    this.sourceKind = Objects.requireNonNull(sourceKind, "sourceKind");
    this.iamRole = iamRole;
    this.region = region;
    this.options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }

  public SqlIdentifier getName() {
    return name;
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name,
        SqlLiteral.createCharString(sourceKind, SqlParserPos.ZERO),
        iamRole == null ? null : SqlLiteral.createCharString(iamRole, SqlParserPos.ZERO),
        region == null ? null : SqlLiteral.createCharString(region, SqlParserPos.ZERO));
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("CREATE EXTERNAL SCHEMA");
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    name.unparse(writer, leftPrec, rightPrec);
    writer.keyword("FROM");
    writer.keyword(sourceKind);
    if (iamRole != null) {
      writer.keyword("IAM_ROLE");
      if ("default".equals(iamRole)) {
        writer.keyword("DEFAULT");
      } else {
        SqlUnparseUtil.string(writer, iamRole);
      }
    }
    if (region != null) {
      writer.keyword("REGION");
      SqlUnparseUtil.string(writer, region);
    }
    for (Map.Entry<String, String> e : options.entrySet()) {
      writer.keyword(e.getKey());
      SqlUnparseUtil.string(writer, e.getValue());
    }
  }
}
