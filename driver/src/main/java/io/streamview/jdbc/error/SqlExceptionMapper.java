package io.streamview.jdbc.error;

import io.streamview.catalog.CatalogException;
import io.streamview.engine.source.StreamSourceException;
import io.streamview.engine.storage.StorageException;
import io.streamview.engine.system.SystemTableWriteException;
import io.streamview.engine.table.MaterializedViewWriteException;
import io.streamview.engine.table.StreamReadOutsideRefreshException;
import io.streamview.engine.table.ViewStoreChangedException;
import io.streamview.jdbc.function.DecompressFunctions;
import io.streamview.jdbc.function.JsonFunctions;
import io.streamview.jdbc.function.VarbyteFunctions;

import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts any exception raised inside the driver (ours, Calcite's, the storage's, the stream source's, or a bug's)
 * into an {@link SQLException} with the catalogue's SQLState and message. The only place where that happens.
 */
public final class SqlExceptionMapper {

  private static final Pattern OBJECT_NOT_FOUND = Pattern.compile("Object '([^']*)' not found(?: within '([^']*)')?");
  private static final Pattern ENCODE_FAILED = Pattern.compile("^Failed to encode '(.*)' in character set '([^']*)'$",
      Pattern.DOTALL);
  /** Calcite's message for a string that is no date, time or timestamp (its casts, and constant folding). */
  private static final Pattern INVALID_DATETIME = Pattern.compile("^Invalid (DATE|TIME|TIMESTAMP) value, '(.*)'$",
      Pattern.DOTALL);
  private static final Pattern TABLE_NOT_FOUND = Pattern.compile("Table '([^']*)' not found");
  private static final Pattern CALCITE_POSITION = Pattern.compile(
      "^(?:From line \\d+, column \\d+ to line \\d+, column \\d+|At line \\d+, column \\d+): ");

  private SqlExceptionMapper() {
  }

  /** The SQLException to throw for {@code t}. */
  public static SQLException toSqlException(Throwable t) {
    if (t instanceof SQLException s && s.getSQLState() != null && !(s.getCause() != null && mapped(s.getCause()) != null)) {
      return s;
    }
    SQLException m = mapped(t);
    if (m != null) {
      return m;
    }
    if (t instanceof SQLException s) {
      return new SQLException(s.getMessage(), "HY000", s);
    }
    return new SQLException(ErrorCode.INTERNAL_ERROR.format(t), ErrorCode.INTERNAL_ERROR.sqlState(), t);
  }

  /** The mapping of the most specific known exception in the cause chain, or null. */
  private static SQLException mapped(Throwable t) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable c = t; c != null && !chain.contains(c); c = c.getCause()) {
      chain.add(c);
    }
    for (Throwable c : chain) {
      SQLException s = mapOne(c);
      if (s != null) {
        return s;
      }
    }
    SQLException tooComplex = tooComplex(chain);
    if (tooComplex != null) {
      return tooComplex;
    }
    for (Throwable c : chain) {
      if (c instanceof SQLException s && s.getSQLState() != null && c != t) {
        return new SQLException(s.getMessage(), s.getSQLState(), t);
      }
      if (c instanceof ArithmeticException && String.valueOf(c.getMessage()).contains("by zero")) {
        return of(ErrorCode.DIVISION_BY_ZERO, c);
      }
      if (c instanceof ArithmeticException) { // Calcite's checked conversions and overflows
        return of(ErrorCode.NUMERIC_OUT_OF_RANGE, c, abbreviate(String.valueOf(c.getMessage()))
            + "; cast to a wider type (BIGINT, DECIMAL(38, s), DOUBLE PRECISION) first");
      }
      if (c instanceof IllegalArgumentException && INVALID_DATETIME.matcher(String.valueOf(c.getMessage())).matches()) {
        Matcher m = INVALID_DATETIME.matcher(c.getMessage());
        m.matches();
        return of(ErrorCode.INVALID_DATETIME_FORMAT, c, abbreviate(m.group(2))); // Calcite says DATE for timestamps too
      }
      if (c instanceof NumberFormatException) {
        return of(ErrorCode.DATA_EXCEPTION, c, "invalid number: " + c.getMessage());
      }
      if (c instanceof IllegalArgumentException && String.valueOf(c.getMessage()).contains("due to overflow")) {
        return of(ErrorCode.NUMERIC_OUT_OF_RANGE, c, abbreviate(c.getMessage())
            + "; DECIMAL holds at most 38 digits, BIGINT at most 19");
      }
      if (c instanceof AssertionError && calledFrom(c, "org.apache.calcite.sql.validate.implicit.")) {
        return of(ErrorCode.DATATYPE_MISMATCH, c, "the types of the expressions cannot be reconciled (Calcite's "
            + "implicit type coercion failed); add explicit CASTs so that compared and combined values have one type");
      }
      if (c instanceof AssertionError && calledFrom(c, "org.apache.calcite.sql.")) {
        return of(ErrorCode.VALIDATION_ERROR, c, "Calcite's validator could not handle the statement ("
            + c.getStackTrace()[0].getClassName().replaceFirst(".*\\.", "") + "." + c.getStackTrace()[0].getMethodName()
            + "); simplify the expression or add explicit CASTs");
      }
      if (c instanceof AssertionError && calledFrom(c, "org.apache.calcite.")) {
        return of(ErrorCode.FEATURE_NOT_SUPPORTED, c, "StreamView cannot run this statement: Calcite's "
            + c.getStackTrace()[0].getClassName().replaceFirst(".*\\.", "") + "." + c.getStackTrace()[0].getMethodName()
            + " refused it" + (c.getMessage() != null ? " (" + abbreviate(c.getMessage()) + ")" : "")
            + "; rewrite it more simply (e.g. without a subquery inside a cast or deeply nested expressions)");
      }
      if (c instanceof UnsupportedOperationException && calledFrom(c, "org.apache.calcite.")) {
        return of(ErrorCode.FEATURE_NOT_SUPPORTED, c, "StreamView cannot run this construct: "
            + abbreviate(String.valueOf(c.getMessage()).replaceFirst("^class [\\w.$]+: ", "").replace("`", "\""))
            + "; rewrite the statement without it (e.g. TABLE t as SELECT * FROM t)");
      }
      if (c instanceof org.apache.calcite.runtime.CalciteException && !(c instanceof CalciteContextException)
          && c.getCause() == null) {
        return of(ErrorCode.VALIDATION_ERROR, c, abbreviate(String.valueOf(c.getMessage())));
      }
      String function = c instanceof IndexOutOfBoundsException ? operatorClass(c) : null;
      if (function != null) {
        return of(ErrorCode.UNDEFINED_FUNCTION, c, "wrong number of arguments to " + function
            + "; check the function's arguments (see docs/sql.md for the supported functions)");
      }
      if (c instanceof IndexOutOfBoundsException && calledFrom(c, "validateInsert")) {
        return of(ErrorCode.SYNTAX_ERROR, c, "INSERT has more expressions than target columns; "
            + "give as many values as the table (or the column list) has columns");
      }
    }
    return null;
  }

  /**
   * 54001 for a statement Calcite could not plan (its recursion overflowed the stack) or whose generated code Janino
   * could not compile (a method over 64 KiB): e.g. an INSERT … VALUES of a thousand rows, which Calcite plans as a
   * union of one-row projections. Calcite's message would repeat the whole statement and the generated code.
   */
  private static SQLException tooComplex(List<Throwable> chain) {
    for (Throwable c : chain) {
      if (c instanceof StackOverflowError) {
        return of(ErrorCode.STATEMENT_TOO_COMPLEX, c, "planning it overflowed the stack");
      }
      if (String.valueOf(c.getMessage()).startsWith("Error while compiling generated Java code")) {
        Throwable why = c.getCause() != null ? c.getCause() : c;
        return of(ErrorCode.STATEMENT_TOO_COMPLEX, c, "its generated code could not be compiled ("
            + abbreviate(firstLine(String.valueOf(why.getMessage()))) + ")");
      }
    }
    return null;
  }

  /**
   * Whether {@code method} of Calcite's validator is on the stack where {@code t} was thrown; a name ending in "."
   * is a package: whether {@code t} was thrown in it (its top frame).
   */
  private static boolean calledFrom(Throwable t, String method) {
    StackTraceElement[] stack = t.getStackTrace();
    if (method.endsWith(".")) {
      return stack.length > 0 && stack[0].getClassName().startsWith(method);
    }
    for (StackTraceElement e : stack) {
      if (e.getMethodName().equals(method) && e.getClassName().startsWith("org.apache.calcite.sql.validate.")) {
        return true;
      }
    }
    return false;
  }

  /** The SQL name of the Calcite function whose code threw {@code t} (SqlCoalesceFunction: COALESCE), or null. */
  private static String operatorClass(Throwable t) {
    for (StackTraceElement e : t.getStackTrace()) {
      String c = e.getClassName();
      if (c.startsWith("org.apache.calcite.sql.fun.Sql") && c.endsWith("Function")) {
        String simple = c.substring(c.lastIndexOf('.') + 4, c.length() - "Function".length());
        return simple.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
      }
    }
    return null;
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 120) + "…" + s.substring(s.length() - 60);
  }

  private static SQLException mapOne(Throwable c) {
    Matcher m;
    if (c instanceof SQLException s && s.getSQLState() == null) {
      SQLException avatica = avatica(s);
      if (avatica != null) {
        return avatica;
      }
    }
    if (c instanceof StreamViewException e) {
      return new SQLException(e.getMessage(), e.code().sqlState(), e);
    }
    if (c instanceof StorageException e) {
      return switch (e.code()) {
        case JVM_FLAGS_MISSING -> of(ErrorCode.JVM_FLAGS_MISSING, e, e.getMessage());
        case LOCKED -> of(ErrorCode.DATABASE_LOCKED, e, e.getMessage());
        case SCANS_OPEN -> of(ErrorCode.SCANS_OPEN, e, e.getMessage());
        case IO, CORRUPT -> new SQLException(e.getMessage(), ErrorCode.STORAGE_ERROR.sqlState(), e);
      };
    }
    if (c instanceof CatalogException e) {
      return e.code() == CatalogException.Code.IO
          ? new SQLException(e.getMessage(), ErrorCode.STORAGE_ERROR.sqlState(), e)
          : of(ErrorCode.CATALOG_CORRUPT, e, e.getMessage());
    }
    if (c instanceof StreamSourceException e) {
      ErrorCode code = switch (e.reason()) {
        case STREAM_NOT_FOUND -> ErrorCode.STREAM_NOT_FOUND;
        case ACCESS_DENIED -> ErrorCode.STREAM_ACCESS_DENIED;
        case ENDPOINT_UNREACHABLE -> ErrorCode.STREAM_UNREACHABLE;
        case THROTTLED, OTHER -> ErrorCode.STREAM_READ_FAILED;
      };
      return of(code, e, e.getMessage());
    }
    if (c instanceof StreamReadOutsideRefreshException e) {
      return of(ErrorCode.STREAM_OUTSIDE_REFRESH, e, e.getMessage());
    }
    if (c instanceof ViewStoreChangedException e) { // PostgreSQL: "cached plan must not change result type" 0A000
      return of(e.isDropped() ? ErrorCode.UNDEFINED_OBJECT : ErrorCode.FEATURE_NOT_SUPPORTED, e, e.getMessage());
    }
    if (c instanceof MaterializedViewWriteException || c instanceof SystemTableWriteException) {
      return of(ErrorCode.FEATURE_NOT_SUPPORTED, c, c.getMessage());
    }
    if (c instanceof VarbyteFunctions.UnknownFormatException || c instanceof JsonFunctions.InvalidJsonException
        || c instanceof DecompressFunctions.UnknownCompressionException) {
      return of(ErrorCode.INVALID_PARAMETER_VALUE, c, c.getMessage());
    }
    if (c instanceof SqlParseException e) {
      return of(ErrorCode.SYNTAX_ERROR, e, firstLine(e.getMessage()));
    }
    if (c instanceof org.apache.calcite.runtime.CalciteException e
        && (m = ENCODE_FAILED.matcher(String.valueOf(e.getMessage()))).find()) {
      return of(ErrorCode.CHARACTER_NOT_IN_REPERTOIRE, e, "the string literal '" + abbreviate(m.group(1))
          + "' has characters outside " + m.group(2) + ", which is all a literal in SQL text may hold; "
          + "pass the text as a parameter (PreparedStatement.setString) instead");
    }
    if (c instanceof CalciteContextException e) {
      return validation(e);
    }
    if (c instanceof org.apache.calcite.plan.RelOptPlanner.CannotPlanException e) {
      return of(ErrorCode.FEATURE_NOT_SUPPORTED, e, "the query uses an operation StreamView cannot execute: "
          + unplannable(e.getMessage()) + "; rewrite the query without it");
    }
    return null;
  }

  /** Avatica's own refusals, which carry no SQLState. */
  private static SQLException avatica(SQLException s) {
    String m = String.valueOf(s.getMessage());
    if (m.equals("Statement did not return a result set")) {
      return of(ErrorCode.VALIDATION_ERROR, s, "the statement returns no result set; use execute() or executeUpdate()");
    }
    if (m.startsWith("parameter ordinal") && m.endsWith("out of range")) {
      return of(ErrorCode.PARAMETER_INDEX_OUT_OF_RANGE, s, m.replace("parameter ordinal", "parameter index"));
    }
    if (m.equals("Statement canceled") || m.startsWith("Statement canceled")) {
      return of(ErrorCode.QUERY_CANCELED, s, "the statement was canceled (Statement.cancel() or its query timeout)");
    }
    return null;
  }

  /** The plan node Calcite found no implementation for, from its "not enough rules" message. */
  private static String unplannable(String message) {
    String m = String.valueOf(message);
    int part = m.indexOf("the relevant part of the original plan is as follows");
    if (part >= 0) {
      String line = m.substring(part).lines().skip(1).findFirst().orElse("").strip();
      return line.replaceFirst("^\\d+:", "").replaceFirst("\\(subset=\\[[^]]*]", "(");
    }
    return firstLine(m);
  }

  private static SQLException validation(CalciteContextException e) {
    String msg = CALCITE_POSITION.matcher(String.valueOf(e.getMessage())).replaceFirst("");
    String where = e.getPosLine() > 0 ? " (line " + e.getPosLine() + ", column " + e.getPosColumn() + ")" : "";
    Matcher m = OBJECT_NOT_FOUND.matcher(msg);
    if (m.find() || (m = TABLE_NOT_FOUND.matcher(msg)).find()) {
      String name = m.group(1);
      return of(ErrorCode.UNDEFINED_OBJECT, e, "relation \"" + name + "\" does not exist" + where
          + "; create it first, or check the name (unquoted names fold to lower case)");
    }
    if (msg.startsWith("Column ") && msg.contains("not found")) {
      return of(ErrorCode.UNDEFINED_COLUMN, e, msg + where);
    }
    if (msg.startsWith("No match found for function signature")) {
      return of(ErrorCode.UNDEFINED_FUNCTION, e, msg + where
          + "; check the function name and argument types (see docs/sql.md for the supported functions)");
    }
    if (msg.startsWith("Cast function cannot convert value")) {
      return of(ErrorCode.CANNOT_COERCE, e, msg + where);
    }
    if (msg.contains("not be null") || msg.contains("NOT NULL")) {
      return of(ErrorCode.NOT_NULL_VIOLATION, e, msg + where);
    }
    return of(ErrorCode.VALIDATION_ERROR, e, msg + where);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    String first = nl < 0 ? s : s.substring(0, nl);
    int expecting = s.indexOf("Was expecting");
    if (expecting < 0) {
      return first;
    }
    String[] options = s.substring(expecting).replaceAll("\\s+", " ").trim().split(" \\.\\.\\. ");
    String shown = String.join(", ", java.util.Arrays.asList(options).subList(0, Math.min(6, options.length)))
        .replace("Was expecting one of: ", "").replace("Was expecting: ", "");
    return first + " Expected: " + shown + (options.length > 6 ? ", …" : "");
  }

  private static SQLException of(ErrorCode code, Throwable cause, Object... args) {
    return new SQLException(code.format(args), code.sqlState(), cause);
  }
}
