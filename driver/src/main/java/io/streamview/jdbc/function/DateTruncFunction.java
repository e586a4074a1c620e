package io.streamview.jdbc.function;

import io.streamview.jdbc.error.ErrorCode;
import io.streamview.jdbc.error.StreamViewException;

import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.ReflectiveCallNotNullImplementor;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.sql.type.SqlTypeName;

import java.lang.reflect.Method;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Redshift's {@code DATE_TRUNC('datepart', timestamp)}: the timestamp truncated to the start of its millennium,
 * century, decade, year, quarter, month, week (Monday), day, hour, minute, second or millisecond (microseconds are
 * below a timestamp's millisecond precision, so truncating to them changes nothing). Dateparts take Redshift's
 * abbreviations ({@code 'min'}, {@code 'hrs'}, {@code 'qtr'}, …) in any case. Registered by {@link RedshiftFunctions}
 * as a Calcite function whose timestamp argument and result are Calcite's internal values (milliseconds of the
 * wall-clock time read as UTC), so the connection's time zone never shifts it. Calcite's parser binds the unquoted
 * name {@code DATE_TRUNC} to its own BigQuery operator; {@link RedshiftCallRewriter} turns such calls with a
 * character-string first argument into calls of this function.
 */
public final class DateTruncFunction implements ScalarFunction, ImplementableFunction {

  public static final DateTruncFunction INSTANCE = new DateTruncFunction();

  /** The function's name in the schema. */
  public static final String NAME = "date_trunc";

  private static final Map<String, String> DATEPARTS = dateparts();

  private DateTruncFunction() {
  }

  private static Map<String, String> dateparts() {
    Map<String, String> m = new java.util.HashMap<>();
    put(m, "millennium", "millennium", "millennia", "mil", "mils");
    put(m, "century", "century", "centuries", "c", "cent", "cents");
    put(m, "decade", "decade", "decades", "dec", "decs");
    put(m, "year", "year", "years", "y", "yr", "yrs");
    put(m, "quarter", "quarter", "quarters", "qtr", "qtrs");
    put(m, "month", "month", "months", "mon", "mons");
    put(m, "week", "week", "weeks", "w");
    put(m, "day", "day", "days", "d");
    put(m, "hour", "hour", "hours", "h", "hr", "hrs");
    put(m, "minute", "minute", "minutes", "m", "min", "mins");
    put(m, "second", "second", "seconds", "s", "sec", "secs");
    put(m, "millisecond", "millisecond", "milliseconds", "ms", "msec", "msecs", "msecond", "mseconds", "millisec",
        "millisecs", "millisecon");
    put(m, "microsecond", "microsecond", "microseconds", "microsec", "microsecs", "usecond", "useconds", "us",
        "usec", "usecs");
    return Map.copyOf(m);
  }

  private static void put(Map<String, String> m, String part, String... names) {
    for (String n : names) {
      m.put(n, part);
    }
  }

  /** DATE_TRUNC on Calcite's internal timestamp value. */
  public static long truncate(String datepart, long timestamp) {
    String part = DATEPARTS.get(datepart.trim().toLowerCase(Locale.ROOT));
    if (part == null) {
      throw new StreamViewException(ErrorCode.INVALID_PARAMETER_VALUE, "DATE_TRUNC: unknown datepart '" + datepart
          + "'; use millennium, century, decade, year, quarter, month, week, day, hour, minute, second, "
          + "millisecond or microsecond (or their Redshift abbreviations)");
    }
    if (part.equals("microsecond")) {
      return timestamp;
    }
    if (part.equals("millisecond")) {
      return timestamp;
    }
    LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(timestamp, 1000L),
        (int) Math.floorMod(timestamp, 1000L) * 1_000_000, ZoneOffset.UTC);
    LocalDateTime day = t.truncatedTo(ChronoUnit.DAYS);
    LocalDateTime r = switch (part) {
      case "second" -> t.truncatedTo(ChronoUnit.SECONDS);
      case "minute" -> t.truncatedTo(ChronoUnit.MINUTES);
      case "hour" -> t.truncatedTo(ChronoUnit.HOURS);
      case "day" -> day;
      case "week" -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case "month" -> day.withDayOfMonth(1);
      case "quarter" -> day.withDayOfMonth(1).withMonth((t.getMonthValue() - 1) / 3 * 3 + 1);
      case "year" -> day.withDayOfYear(1);
      case "decade" -> day.withDayOfYear(1).withYear(Math.floorDiv(t.getYear(), 10) * 10);
      case "century" -> day.withDayOfYear(1).withYear(Math.floorDiv(t.getYear() - 1, 100) * 100 + 1);
      case "millennium" -> day.withDayOfYear(1).withYear(Math.floorDiv(t.getYear() - 1, 1000) * 1000 + 1);
      default -> throw new IllegalStateException(part);
    };
    return r.toEpochSecond(ZoneOffset.UTC) * 1000L + r.getNano() / 1_000_000;
  }

  @Override public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
    return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.TIMESTAMP, 3), true);
  }

  @Override public List<FunctionParameter> getParameters() {
    return List.of(parameter(0, "datepart", SqlTypeName.VARCHAR), parameter(1, "timestamp", SqlTypeName.TIMESTAMP));
  }

  private static FunctionParameter parameter(int ordinal, String name, SqlTypeName type) {
    return new FunctionParameter() {
      @Override public int getOrdinal() {
        return ordinal;
      }

      @Override public String getName() {
        return name;
      }

      @Override public RelDataType getType(RelDataTypeFactory typeFactory) {
        return type == SqlTypeName.TIMESTAMP ? typeFactory.createSqlType(type, 3) : typeFactory.createSqlType(type);
      }

      @Override public boolean isOptional() {
        return false;
      }
    };
  }

  @Override public CallImplementor getImplementor() {
    Method method;
    try {
      method = DateTruncFunction.class.getMethod("truncate", String.class, long.class);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
    return RexImpTable.createImplementor(new ReflectiveCallNotNullImplementor(method), NullPolicy.STRICT, false);
  }
}
