package io.streamview.jdbc.ddl;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/** The parser settings of every StreamView connection: Redshift's identifier folding and our grammar. */
public final class SqlParsing {

  private SqlParsing() {
  }

  public static SqlParser.Config config() {
    return SqlParser.config()
        .withParserFactory(StreamViewDdlExecutor.PARSER_FACTORY)
        .withQuoting(Quoting.DOUBLE_QUOTE)
        .withUnquotedCasing(Casing.TO_LOWER)
        .withQuotedCasing(Casing.UNCHANGED)
        .withCaseSensitive(true)
        .withConformance(SqlConformanceEnum.LENIENT);
  }

  /** Parses one statement. */
  public static SqlNode parse(String sql) throws SqlParseException {
    return SqlParser.create(sql, config()).parseStmt();
  }
}
