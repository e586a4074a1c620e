<#--
  Calcite's compound identifier productions (from the parser template in
  calcite-core, Apache License 2.0), included instead of the template's own
  (includeCompoundIdentifier: false in config.fmpp) so that a reserved word may
  follow a dot: SUPER navigation reaches attributes such as payload.value or
  payload.timestamp. Only CompoundIdentifier differs from the template, by the
  AddReservedAttributeName alternative.
-->

/**
 * Parses a compound identifier.
 */
SqlIdentifier CompoundIdentifier() :
{
    final List<String> nameList = new ArrayList<String>();
    final List<SqlParserPos> posList = new ArrayList<SqlParserPos>();
    boolean star = false;
}
{
    AddIdentifierSegment(nameList, posList)
    (
        LOOKAHEAD(2)
        <DOT>
        (
            AddIdentifierSegment(nameList, posList)
        |
            AddReservedAttributeName(nameList, posList)
        )
    )*
    (
        LOOKAHEAD(2)
        <DOT>
        <STAR> {
            star = true;
            nameList.add("");
            posList.add(getPos());
        }
    )?
    {
        SqlParserPos pos = SqlParserPos.sum(posList);
        if (star) {
            return SqlIdentifier.star(nameList, pos, posList);
        }
        return new SqlIdentifier(nameList, null, pos, posList);
    }
}

/**
 * Parses a compound identifier in the FROM clause.
 */
SqlIdentifier CompoundTableIdentifier() :
{
    final List<String> nameList = new ArrayList<String>();
    final List<SqlParserPos> posList = new ArrayList<SqlParserPos>();
}
{
    AddTableIdentifierSegment(nameList, posList)
    (
        LOOKAHEAD(2)
        <DOT>
        AddTableIdentifierSegment(nameList, posList)
    )*
    {
        SqlParserPos pos = SqlParserPos.sum(posList);
        return new SqlIdentifier(nameList, null, pos, posList);
    }
}

/**
 * Parses a comma-separated list of compound identifiers.
 */
void AddCompoundIdentifierTypes(List<SqlNode> list, List<SqlNode> extendList) :
{
}
{
    AddCompoundIdentifierType(list, extendList)
    (<COMMA> AddCompoundIdentifierType(list, extendList))*
}

/**
 * List of compound identifiers in parentheses. The position extends from the
 * open parenthesis to the close parenthesis.
 */
Pair<SqlNodeList, SqlNodeList> ParenthesizedCompoundIdentifierList() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
    final List<SqlNode> extendList = new ArrayList<SqlNode>();
}
{
    <LPAREN> { s = span(); }
    AddCompoundIdentifierTypes(list, extendList)
    <RPAREN> {
        return Pair.of(new SqlNodeList(list, s.end(this)), new SqlNodeList(extendList, s.end(this)));
    }
}

/**
 * An attribute name after a dot that is one of Calcite's reserved words
 * ({@code payload.value}, {@code payload.timestamp}, {@code payload.user}):
 * common JSON attribute names, which SUPER navigation must reach without
 * quotes. Nothing else follows a dot in a compound identifier, so accepting
 * them there changes no other statement.
 */
void AddReservedAttributeName(List<String> names, List<SqlParserPos> positions) :
{
}
{
    (
        <VALUE> | <VALUES> | <USER> | <TIMESTAMP> | <DATE> | <TIME> | <YEAR> | <MONTH> | <DAY>
        | <HOUR> | <MINUTE> | <SECOND> | <COUNT> | <SUM> | <MIN> | <MAX> | <AVG> | <POSITION>
        | <RESULT> | <ORDER> | <LANGUAGE> | <START> | <END> | <FROM> | <TO> | <GROUP> | <SELECT>
        | <TABLE> | <CASE> | <WHEN> | <CURRENT> | <ROW> | <ROWS> | <RANGE> | <ALL> | <ANY> | <AT>
        | <BY> | <CHECK> | <CLOSE> | <CONDITION> | <DELETE> | <ELEMENT> | <ESCAPE> | <EVERY>
        | <FILTER> | <FLOAT> | <FOR> | <FREE> | <FUNCTION> | <GET> | <GLOBAL> | <GRANT> | <HOLD>
        | <IN> | <INTERVAL> | <IS> | <LEFT> | <RIGHT> | <LIKE> | <LIMIT> | <LOCAL> | <LOWER>
        | <UPPER> | <MATCH> | <MEMBER> | <MERGE> | <METHOD> | <MODULE> | <NEW> | <NEXT> | <NO>
        | <NONE> | <NULL> | <TRUE> | <FALSE> | <OF> | <OLD> | <ON> | <ONE> | <ONLY> | <OPEN> | <OR>
        | <AND> | <NOT> | <OUT> | <OVER> | <PARAMETER> | <PARTITION> | <PERCENT> | <PERIOD>
        | <PRIMARY> | <RANK> | <REF> | <RELEASE> | <RETURN> | <RETURNS> | <SCOPE> | <SEARCH>
        | <SET> | <SOME> | <STATIC> | <SYSTEM> | <TRIGGER> | <UNION> | <UNIQUE> | <UNKNOWN>
        | <UPDATE> | <USING> | <WHERE> | <WINDOW> | <WITH> | <WITHIN> | <WITHOUT> | <INSERT>
        | <DEFAULT_> | <ORDINAL> | <CAST> | <TRIM> | <STREAM> | <UUID> | <VARIANT>
    )
    {
        names.add(unquotedIdentifier());
        positions.add(getPos());
    }
}
