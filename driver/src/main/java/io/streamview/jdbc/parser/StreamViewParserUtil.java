package io.streamview.jdbc.parser;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserImplFactory;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidatorException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Helpers called from the generated parser's actions, plus the parser configuration StreamView
 * uses. Errors are raised as {@link CalciteContextException}, which {@link SqlParser} turns into a
 * {@link org.apache.calcite.sql.parser.SqlParseException} carrying the position.
 */
public final class StreamViewParserUtil {
  /** Length that {@code VARCHAR(MAX)} stands for (Redshift's maximum). */
  public static final int VARCHAR_MAX = 65535;
  /** Length that {@code CHAR(MAX)} stands for (Redshift's maximum). */
  public static final int CHAR_MAX = 4096;
  /** Length that {@code VARBYTE(MAX)} stands for (Redshift's maximum). */
  public static final int VARBYTE_MAX = 1024000;

  /**
   * The infix cast operator "::" as the parser sees it: it binds like PostgreSQL's (tighter than
   * arithmetic, precedence 94, as Calcite's {@code SqlLibraryOperators.INFIX_CAST}), but the call
   * it creates is a standard {@code CAST(expr AS type)}, so validation needs no library operator
   * table and unparsing gives {@code CAST(... AS ...)}.
   */
  public static final SqlBinaryOperator INFIX_CAST =
      new SqlBinaryOperator("::", SqlKind.CAST, 94, true, null, InferTypes.FIRST_KNOWN, null) {
        @Override public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos,
            SqlNode... operands) {
          return SqlStdOperatorTable.CAST.createCall(functionQualifier, pos, operands);
        }
      };

  private StreamViewParserUtil() {
  }

  /**
   * Parser configuration with Redshift's identifier folding (unquoted to lower case) and the
   * StreamView grammar, for the given parser factory (normally
   * {@code StreamViewParserImpl.FACTORY}).
   */
  public static SqlParser.Config parserConfig(SqlParserImplFactory factory) {
    return SqlParser.config()
        .withParserFactory(factory)
        .withUnquotedCasing(Casing.TO_LOWER)
        .withQuotedCasing(Casing.UNCHANGED)
        .withCaseSensitive(true)
        .withConformance(SqlConformanceEnum.LENIENT);
  }

  /** A parse error at {@code pos} with the given message. */
  public static CalciteContextException error(SqlParserPos pos, String message) {
    return new CalciteContextException(
        String.format(Locale.ROOT, "%s at line %d, column %d", message, pos.getLineNum(),
            pos.getColumnNum()),
        new SqlValidatorException(message, null),
        pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(), pos.getEndColumnNum());
  }

  /** A parse error for a clause that appears twice. */
  public static CalciteContextException duplicate(SqlParserPos pos, String clause) {
    return error(pos, "Duplicate " + clause + " clause");
  }

  /** Turns a list "key1, value1, key2, value2, ..." into an ordered map. */
  public static Map<String, String> optionMap(List<String> keysAndValues) {
    final Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keysAndValues.size(); i += 2) {
      map.put(keysAndValues.get(i), keysAndValues.get(i + 1));
    }
    return map;
  }

  /**
   * Checks the shape of a CREATE TABLE: a plain CREATE TABLE needs typed columns; CREATE TABLE AS
   * takes column names only and no table constraints.
   */
  public static void checkCreateTable(SqlParserPos pos, List<SqlColumnDecl> columns,
      boolean hasTableConstraints, SqlNode query) {
    if (query == null) {
      if (columns.isEmpty()) {
        throw error(pos, "CREATE TABLE needs a column list or AS query");
      }
      for (SqlColumnDecl c : columns) {
        if (c.type == null) {
          throw error(c.getParserPosition(),
              "Column " + c.name + " has no data type");
        }
      }
    } else {
      if (hasTableConstraints) {
        throw error(pos, "CREATE TABLE AS does not take table constraints");
      }
      for (SqlColumnDecl c : columns) {
        if (c.type != null) {
          throw error(c.getParserPosition(),
              "CREATE TABLE AS takes column names only, not data types (column " + c.name + ")");
        }
      }
    }
  }
}
