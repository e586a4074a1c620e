<#--
  StreamView extensions to Calcite's parser template: the Redshift DDL that
  streaming ingestion needs (external schemas over Kinesis, materialized views
  with AUTO REFRESH, REFRESH / ALTER / DROP), Redshift-flavoured CREATE TABLE /
  CREATE VIEW / TRUNCATE / SET, Redshift type names and the "::" cast.

  Semantic errors raised in actions go through StreamViewParserUtil.error(),
  a CalciteContextException that SqlParser turns into a SqlParseException.
-->

boolean SvIfNotExistsOpt() :
{
}
{
    LOOKAHEAD(3) <IF> <NOT> <EXISTS> { return true; }
|
    { return false; }
}

boolean SvIfExistsOpt() :
{
}
{
    LOOKAHEAD(2) <IF> <EXISTS> { return true; }
|
    { return false; }
}

/** YES or NO (BACKUP, AUTO REFRESH). */
boolean SvYesNo() :
{
}
{
    <YES> { return true; }
|
    <NO> { return false; }
}

/** DISTSTYLE value. */
String SvDistStyle() :
{
}
{
    ( <EVEN> | <ALL> | <KEY> | <AUTO> ) {
        return token.image.toUpperCase(Locale.ROOT);
    }
}

/** A DISTKEY / SORTKEY entry: a column name or a 1-based column ordinal. */
SqlNode SvKeyColumn() :
{
    final SqlIdentifier id;
}
{
    id = SimpleIdentifier() { return id; }
|
    <UNSIGNED_INTEGER_LITERAL> {
        return SqlLiteral.createExactNumeric(token.image, getPos());
    }
}

/** Parenthesized, comma-separated DISTKEY / SORTKEY entries. */
SqlNodeList SvKeyColumnList() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
    SqlNode e;
}
{
    <LPAREN> { s = span(); }
    e = SvKeyColumn() { list.add(e); }
    ( <COMMA> e = SvKeyColumn() { list.add(e); } )*
    <RPAREN> {
        return new SqlNodeList(list, s.end(this));
    }
}

/** Optional COMPOUND / INTERLEAVED before SORTKEY; null if absent. */
String SvSortKeyStyleOpt() :
{
}
{
    ( <COMPOUND> | <INTERLEAVED> ) {
        return token.image.toUpperCase(Locale.ROOT);
    }
|
    { return null; }
}

/** Value of an identifier-or-string option such as AUTHENTICATION. */
String SvWordOrString() :
{
    final String v;
    final SqlIdentifier id;
}
{
    v = SimpleStringLiteral() { return v; }
|
    <NONE> { return "none"; }
|
    id = SimpleIdentifier() { return id.getSimple(); }
}

/**
 * CREATE EXTERNAL SCHEMA [IF NOT EXISTS] name FROM {KINESIS | MSK | KAFKA}
 *   [IAM_ROLE {default | 'arn[,arn...]'}] [REGION 'r']            (any order)
 *   [AUTHENTICATION x] [AUTHENTICATION_ARN 'a'] [SECRET_ARN 'a']
 *   [CLUSTER_ARN 'a'] [URI 'u']                                    (MSK / Kafka)
 */
SqlCreate SqlCreateExternalSchema(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier id;
    final String sourceKind;
    String iamRole = null;
    String region = null;
    // clause name, value, clause name, value, ... ("options" is a JavaCC keyword)
    final List<String> clauses = new ArrayList<String>();
    String v;
    String key;
}
{
    <EXTERNAL> <SCHEMA> {
        if (replace) {
            throw StreamViewParserUtil.error(s.end(this),
                "CREATE OR REPLACE is not supported for EXTERNAL SCHEMA");
        }
    }
    ifNotExists = SvIfNotExistsOpt()
    id = CompoundIdentifier()
    <FROM>
    ( <KINESIS> | <MSK> | <KAFKA> ) {
        sourceKind = token.image.toUpperCase(Locale.ROOT);
    }
    (
        <IAM_ROLE> {
            if (iamRole != null) {
                throw StreamViewParserUtil.duplicate(getPos(), "IAM_ROLE");
            }
        }
        (
            <DEFAULT_> { iamRole = "default"; }
        |
            iamRole = SimpleStringLiteral()
        )
    |
        <REGION> {
            if (region != null) {
                throw StreamViewParserUtil.duplicate(getPos(), "REGION");
            }
        }
        region = SimpleStringLiteral()
    |
        (
            <AUTHENTICATION> { key = "AUTHENTICATION"; }
            v = SvWordOrString()
        |
            ( <AUTHENTICATION_ARN> | <SECRET_ARN> | <CLUSTER_ARN> | <URI> ) {
                key = token.image.toUpperCase(Locale.ROOT);
            }
            v = SimpleStringLiteral()
        )
        {
            if (clauses.contains(key)) {
                throw StreamViewParserUtil.duplicate(getPos(), key);
            }
            clauses.add(key);
            clauses.add(v);
        }
    )*
    {
        return new SqlCreateExternalSchema(s.end(this), ifNotExists, id,
            sourceKind, iamRole, region, StreamViewParserUtil.optionMap(clauses));
    }
}

/**
 * CREATE MATERIALIZED VIEW name
 *   [BACKUP {YES|NO}] [DISTSTYLE {EVEN|ALL|KEY|AUTO}] [DISTKEY (c)]
 *   [[COMPOUND|INTERLEAVED] SORTKEY (c, ...)]       (any order)
 *   [AUTO REFRESH {YES|NO}]
 *   AS query
 */
SqlCreate SqlCreateMaterializedView(Span s, boolean replace) :
{
    final SqlIdentifier id;
    Boolean backup = null;
    String distStyle = null;
    SqlNodeList distKey = null;
    SqlNodeList sortKey = null;
    String sortKeyStyle = null;
    String style;
    Boolean autoRefresh = null;
    boolean b;
    final SqlNode query;
}
{
    <MATERIALIZED> <VIEW> {
        if (replace) {
            throw StreamViewParserUtil.error(s.end(this),
                "CREATE OR REPLACE is not supported for MATERIALIZED VIEW");
        }
    }
    id = CompoundIdentifier()
    (
        <BACKUP> {
            if (backup != null) {
                throw StreamViewParserUtil.duplicate(getPos(), "BACKUP");
            }
        }
        b = SvYesNo() { backup = b; }
    |
        <DISTSTYLE> {
            if (distStyle != null) {
                throw StreamViewParserUtil.duplicate(getPos(), "DISTSTYLE");
            }
        }
        distStyle = SvDistStyle()
    |
        <DISTKEY> {
            if (distKey != null) {
                throw StreamViewParserUtil.duplicate(getPos(), "DISTKEY");
            }
        }
        distKey = SvKeyColumnList() {
            if (distKey.size() != 1) {
                throw StreamViewParserUtil.error(distKey.getParserPosition(),
                    "DISTKEY takes exactly one column");
            }
        }
    |
        style = SvSortKeyStyleOpt()
        <SORTKEY> {
            if (sortKey != null) {
                throw StreamViewParserUtil.duplicate(getPos(), "SORTKEY");
            }
            sortKeyStyle = style;
        }
        sortKey = SvKeyColumnList()
    )*
    [
        <AUTO> <REFRESH> b = SvYesNo() { autoRefresh = b; }
    ]
    <AS>
    query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    {
        return new SqlCreateMaterializedView(s.end(this), id, backup,
            distStyle, distKey, sortKey, sortKeyStyle, autoRefresh, query);
    }
}

/** REFRESH MATERIALIZED VIEW name [RESTRICT | CASCADE] */
SqlNode SqlRefreshMaterializedView() :
{
    final Span s;
    final SqlIdentifier id;
    boolean cascade = false;
}
{
    <REFRESH> { s = span(); }
    <MATERIALIZED> <VIEW>
    id = CompoundIdentifier()
    [
        <RESTRICT>
    |
        <CASCADE> { cascade = true; }
    ]
    {
        return new SqlRefreshMaterializedView(s.end(this), id, cascade);
    }
}

/** ALTER MATERIALIZED VIEW name AUTO REFRESH {YES | NO} */
SqlNode SqlAlterMaterializedView() :
{
    final Span s;
    final SqlIdentifier id;
    final boolean autoRefresh;
}
{
    <ALTER> { s = span(); }
    <MATERIALIZED> <VIEW>
    id = CompoundIdentifier()
    <AUTO> <REFRESH>
    autoRefresh = SvYesNo()
    {
        return new SqlAlterMaterializedView(s.end(this), id, autoRefresh);
    }
}

/**
 * DROP {TABLE | VIEW | MATERIALIZED VIEW | SCHEMA} [IF EXISTS] name [, ...]
 *   [CASCADE | RESTRICT]
 */
SqlDrop SqlDropObjects(Span s, boolean replace) :
{
    final SqlDropObjects.ObjectKind kind;
    final boolean ifExists;
    final List<SqlIdentifier> names = new ArrayList<SqlIdentifier>();
    SqlIdentifier id;
    boolean cascade = false;
}
{
    (
        <TABLE> { kind = SqlDropObjects.ObjectKind.TABLE; }
    |
        <VIEW> { kind = SqlDropObjects.ObjectKind.VIEW; }
    |
        <MATERIALIZED> <VIEW> {
            kind = SqlDropObjects.ObjectKind.MATERIALIZED_VIEW;
        }
    |
        <SCHEMA> { kind = SqlDropObjects.ObjectKind.SCHEMA; }
    )
    ifExists = SvIfExistsOpt()
    id = CompoundIdentifier() { names.add(id); }
    (
        <COMMA> id = CompoundIdentifier() { names.add(id); }
    )*
    [
        <CASCADE> { cascade = true; }
    |
        <RESTRICT>
    ]
    {
        return new SqlDropObjects(s.end(this), kind, ifExists, names, cascade);
    }
}

/** Redshift table attributes, parsed and ignored. */
void SvTableAttribute() :
{
}
{
    <DISTSTYLE> SvDistStyle()
|
    <DISTKEY> <LPAREN> SimpleIdentifier() <RPAREN>
|
    SvSortKeyStyleOpt()
    <SORTKEY>
    (
        SvKeyColumnList()
    |
        <AUTO>
    )
|
    <BACKUP> SvYesNo()
|
    <ENCODE> <AUTO>
}

/** IDENTITY(seed, step) */
void SvIdentitySpec() :
{
}
{
    <IDENTITY> <LPAREN> IntLiteral() <COMMA> IntLiteral() <RPAREN>
}

/**
 * A column definition or a table constraint. Column-level and table-level
 * PRIMARY KEY columns are appended to primaryKey; UNIQUE, FOREIGN KEY,
 * REFERENCES, ENCODE, DISTKEY, SORTKEY and IDENTITY are parsed and ignored.
 */
void SvTableElement(List<SqlColumnDecl> columns, List<SqlIdentifier> primaryKey,
    boolean[] typedAndConstraints) :
{
    final SqlIdentifier id;
    SqlDataTypeSpec type = null;
    boolean notNull = false;
    SqlNode defaultValue = null;
    boolean pk = false;
    final Span s = Span.of();
    SqlNodeList cols;
}
{
    id = SimpleIdentifier() { s.add(id); }
    [
        type = DataType() { typedAndConstraints[0] = true; }
        (
            <NOT> <NULL> { notNull = true; }
        |
            <NULL> { notNull = false; }
        |
            <DEFAULT_> defaultValue = Expression(ExprContext.ACCEPT_SUB_QUERY)
        |
            <PRIMARY> <KEY> { pk = true; }
        |
            <UNIQUE>
        |
            <ENCODE> SimpleIdentifier()
        |
            <DISTKEY>
        |
            <SORTKEY>
        |
            SvIdentitySpec()
        |
            <GENERATED> <BY> <DEFAULT_> <AS> SvIdentitySpec()
        |
            <REFERENCES> CompoundIdentifier()
            [ ParenthesizedSimpleIdentifierList() ]
        )*
    ]
    {
        columns.add(
            new SqlColumnDecl(s.end(this), id, type, notNull, defaultValue));
        if (pk) {
            if (!primaryKey.isEmpty()) {
                throw StreamViewParserUtil.error(id.getParserPosition(),
                    "multiple primary keys are not allowed");
            }
            primaryKey.add(id);
        }
    }
|
    [ <CONSTRAINT> SimpleIdentifier() ]
    {
        typedAndConstraints[1] = true;
    }
    (
        <PRIMARY> <KEY> { s.add(this); }
        cols = ParenthesizedSimpleIdentifierList() {
            if (!primaryKey.isEmpty()) {
                throw StreamViewParserUtil.error(s.end(cols),
                    "multiple primary keys are not allowed");
            }
            for (SqlNode col : cols) {
                primaryKey.add((SqlIdentifier) col);
            }
        }
    |
        <UNIQUE> ParenthesizedSimpleIdentifierList()
    |
        <FOREIGN> <KEY> ParenthesizedSimpleIdentifierList()
        <REFERENCES> CompoundIdentifier()
        [ ParenthesizedSimpleIdentifierList() ]
    )
}

/**
 * CREATE TABLE [IF NOT EXISTS] name ( element, ... ) [table attributes]
 * CREATE TABLE [IF NOT EXISTS] name [( col, ... )] [table attributes] AS query
 */
SqlCreate SqlCreateTableStmt(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier id;
    final List<SqlColumnDecl> columns = new ArrayList<SqlColumnDecl>();
    final List<SqlIdentifier> primaryKey = new ArrayList<SqlIdentifier>();
    // [0]: some column has a type; [1]: some table constraint
    final boolean[] typedAndConstraints = new boolean[2];
    SqlNode query = null;
}
{
    <TABLE> {
        if (replace) {
            throw StreamViewParserUtil.error(s.end(this),
                "CREATE OR REPLACE is not supported for TABLE");
        }
    }
    ifNotExists = SvIfNotExistsOpt()
    id = CompoundIdentifier()
    [
        <LPAREN>
        SvTableElement(columns, primaryKey, typedAndConstraints)
        (
            <COMMA> SvTableElement(columns, primaryKey, typedAndConstraints)
        )*
        <RPAREN>
    ]
    ( SvTableAttribute() )*
    [
        <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    ]
    {
        StreamViewParserUtil.checkCreateTable(s.end(this), columns,
            typedAndConstraints[1], query);
        return new SqlCreateTableStmt(s.end(this), ifNotExists, id, columns,
            primaryKey, query);
    }
}

/**
 * CREATE [OR REPLACE] VIEW name [( col, ... )] AS query
 *   [WITH NO SCHEMA BINDING]
 */
SqlCreate SqlCreateViewStmt(Span s, boolean replace) :
{
    final SqlIdentifier id;
    SqlNodeList columnList = null;
    final SqlNode query;
    boolean noSchemaBinding = false;
}
{
    <VIEW>
    id = CompoundIdentifier()
    [ columnList = ParenthesizedSimpleIdentifierList() ]
    <AS>
    query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    [
        <WITH> <NO> <SCHEMA> <BINDING> { noSchemaBinding = true; }
    ]
    {
        return new SqlCreateViewStmt(s.end(this), replace, id, columnList,
            query, noSchemaBinding);
    }
}

/** TRUNCATE [TABLE] name */
SqlTruncate SqlTruncateTable(Span s) :
{
    final SqlIdentifier id;
}
{
    [ <TABLE> ]
    id = CompoundIdentifier()
    {
        return new SqlTruncate(s.end(this), id);
    }
}

/** A value in SET name {= | TO} value. */
SqlNode SvSetValue() :
{
    final SqlNode e;
}
{
    e = Literal() { return e; }
|
    e = SimpleIdentifier() { return e; }
|
    ( <ON> | <DEFAULT_> ) {
        return new SqlIdentifier(token.image.toUpperCase(Locale.ROOT), getPos());
    }
}

/**
 * SET name {= | TO} value [, value ...] and RESET {name | ALL}; also what
 * follows ALTER {SYSTEM | SESSION}. Replaces Calcite's SqlSetOption(), which
 * only accepts "=". A list of values becomes a SqlNodeList.
 */
SqlSetOption StreamViewSetOption(Span s, String scope) :
{
    SqlIdentifier name;
    SqlNode val;
    final List<SqlNode> values = new ArrayList<SqlNode>();
}
{
    (
        <SET> {
            s.add(this);
        }
        name = CompoundIdentifier()
        ( <EQ> | <TO> )
        val = SvSetValue() { values.add(val); }
        (
            <COMMA> val = SvSetValue() { values.add(val); }
        )*
        {
            if (values.size() > 1) {
                val = new SqlNodeList(values, Span.of(values).pos());
            }
            return new SqlSetOption(s.end(val), scope, (SqlNode) name, val);
        }
    |
        <RESET> {
            s.add(this);
        }
        (
            name = CompoundIdentifier()
        |
            <ALL> {
                name = new SqlIdentifier(token.image.toUpperCase(Locale.ROOT),
                    getPos());
            }
        )
        {
            return new SqlSetOption(s.end(name), scope, (SqlNode) name, null);
        }
    )
}

/**
 * Parses the PostgreSQL / Redshift infix cast "expr::type". The operator
 * builds a standard CAST call, so the validator needs no library operator.
 */
void InfixCast(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlDataTypeSpec dt;
}
{
    <INFIX_CAST> {
        checkNonQueryExpression(exprContext);
    }
    dt = DataType() {
        list.add(
            new SqlParserUtil.ToTreeListItem(StreamViewParserUtil.INFIX_CAST,
                s.pos()));
        list.add(dt);
    }
}

/** Optional "(n)" or "(MAX)"; MAX becomes maxValue. */
int SvLengthOpt(int maxValue) :
{
    int n;
}
{
    <LPAREN>
    (
        n = UnsignedIntLiteral()
    |
        <MAX> { n = maxValue; }
    )
    <RPAREN> { return n; }
|
    { return -1; }
}

/** TIME / TIMESTAMP zone suffix; WITH [LOCAL] TIME ZONE maps to the LOCAL types. */
SqlTypeName SvTimeZoneOpt(boolean timeType) :
{
}
{
    LOOKAHEAD(3)
    <WITHOUT> <TIME> <ZONE> {
        return timeType ? SqlTypeName.TIME : SqlTypeName.TIMESTAMP;
    }
|
    <WITH> [ <LOCAL> ] <TIME> <ZONE> {
        return timeType ? SqlTypeName.TIME_WITH_LOCAL_TIME_ZONE
            : SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
    }
|
    { return timeType ? SqlTypeName.TIME : SqlTypeName.TIMESTAMP; }
}

/**
 * Redshift type names. Put in front of Calcite's own type names, so it also
 * takes over VARCHAR / CHAR / VARBINARY (to accept "(MAX)") and TIME /
 * TIMESTAMP (so that WITH TIME ZONE means TIMESTAMPTZ).
 */
SqlTypeNameSpec RedshiftTypeName() :
{
    final Span s = Span.of();
    int p = -1;
    SqlTypeName t;
    String charSetName = null;
}
{
    (
        <SUPER> {
            return new SqlUserDefinedTypeNameSpec(
                new SqlIdentifier("SUPER", getPos()), getPos());
        }
    |
        ( <VARBYTE> | <VARBINARY> | <BINARY> <VARYING> ) { s.add(this); }
        p = SvLengthOpt(StreamViewParserUtil.VARBYTE_MAX) {
            return new SqlBasicTypeNameSpec(SqlTypeName.VARBINARY, p, s.end(this));
        }
    |
        <TIMESTAMPTZ> { s.add(this); }
        p = PrecisionOpt() {
            return new SqlBasicTypeNameSpec(
                SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, p, s.end(this));
        }
    |
        <TIMETZ> { s.add(this); }
        p = PrecisionOpt() {
            return new SqlBasicTypeNameSpec(
                SqlTypeName.TIME_WITH_LOCAL_TIME_ZONE, p, s.end(this));
        }
    |
        <TIMESTAMP> { s.add(this); }
        p = PrecisionOpt()
        t = SvTimeZoneOpt(false) {
            return new SqlBasicTypeNameSpec(t, p, s.end(this));
        }
    |
        <TIME> { s.add(this); }
        p = PrecisionOpt()
        t = SvTimeZoneOpt(true) {
            return new SqlBasicTypeNameSpec(t, p, s.end(this));
        }
    |
        (
            ( <TEXT> | <BPCHAR> | <NVARCHAR> | <VARCHAR> ) {
                s.add(this);
                t = SqlTypeName.VARCHAR;
            }
        |
            ( <CHARACTER> | <CHAR> | <NCHAR> ) { s.add(this); }
            (
                <VARYING> { t = SqlTypeName.VARCHAR; }
            |
                { t = SqlTypeName.CHAR; }
            )
        )
        p = SvLengthOpt(t == SqlTypeName.VARCHAR
            ? StreamViewParserUtil.VARCHAR_MAX : StreamViewParserUtil.CHAR_MAX)
        [
            <CHARACTER> <SET> charSetName = Identifier()
        ]
        {
            return new SqlBasicTypeNameSpec(t, p, charSetName, s.end(this));
        }
    |
        (
            <BOOL> { t = SqlTypeName.BOOLEAN; }
        |
            <INT2> { t = SqlTypeName.SMALLINT; }
        |
            <INT4> { t = SqlTypeName.INTEGER; }
        |
            <INT8> { t = SqlTypeName.BIGINT; }
        |
            <FLOAT4> { t = SqlTypeName.REAL; }
        |
            <FLOAT8> { t = SqlTypeName.DOUBLE; }
        )
        {
            return new SqlBasicTypeNameSpec(t, getPos());
        }
    )
}

/**
 * Redshift's approximate aggregates: APPROXIMATE COUNT(DISTINCT x) becomes Calcite's APPROX_COUNT_DISTINCT(x) and
 * APPROXIMATE PERCENTILE_DISC(p) WITHIN GROUP (ORDER BY x) becomes PERCENTILE_DISC; Calcite computes both exactly,
 * which is within any error bound. Reached only through BuiltinFunctionCall's two-token lookahead, so a column
 * named "approximate" still parses as an identifier.
 */
SqlNode SvApproximateCall() :
{
    final Span s;
    final SqlNode e;
    final SqlNode p;
    final SqlNodeList order;
}
{
    <APPROXIMATE> { s = span(); }
    (
        <COUNT> <LPAREN> <DISTINCT> e = Expression(ExprContext.ACCEPT_SUB_QUERY) <RPAREN> {
            return SqlStdOperatorTable.APPROX_COUNT_DISTINCT.createCall(s.end(this), e);
        }
    |
        <PERCENTILE_DISC> <LPAREN> p = Expression(ExprContext.ACCEPT_NON_QUERY) <RPAREN>
        <WITHIN> <GROUP> <LPAREN> order = OrderBy(true) <RPAREN> {
            return SqlStdOperatorTable.WITHIN_GROUP.createCall(s.end(this),
                SqlStdOperatorTable.PERCENTILE_DISC.createCall(s.end(this), p), order);
        }
    )
}
