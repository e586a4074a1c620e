package io.streamview.jdbc.pipeline;

import io.streamview.catalog.ColumnDef;
import io.streamview.engine.aggregate.StateKind;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SQL an aggregating view runs, made from its {@link Aggregation}:
 * <ul>
 *   <li>{@link #describe}: the view's query, to find its columns (an unnamed aggregate is named after its function,
 *       as in Redshift);</li>
 *   <li>{@link #probe}: per group its key, each stored state's aggregate and each AVG, compiled only for their
 *       types;</li>
 *   <li>{@link #records}: per record of a batch that passes WHERE, its group key, the input of each state and its
 *       sequence number;</li>
 *   <li>{@link #finalRows}: over stored groups (table {@value #GROUPS_TABLE}), the view's columns, whether HAVING
 *       holds, and the group's position in the input.</li>
 * </ul>
 */
final class AggregationSql {

  static final String GROUPS_TABLE = "$sv_groups";
  static final String ROW_COLUMN = "$row";
  private static final String HAVING_COLUMN = "$having";
  private static final String SEQUENCE_COLUMN = "$sv_sequence_number";

  private AggregationSql() {
  }

  static String group(int i) {
    return "$g" + i;
  }

  static String state(int i) {
    return "$s" + i;
  }

  static String average(int i) {
    return "$a" + i;
  }

  static String describe(StreamingQuery q) {
    Aggregation a = q.aggregation();
    List<String> select = new ArrayList<>();
    for (int i = 0; i < a.items().size(); i++) {
      SqlNode item = a.items().get(i);
      String alias = a.aliases().get(i);
      if (alias == null && item instanceof SqlCall call && Aggregation.isAggregate(call)) {
        alias = call.getOperator().getName().toLowerCase(Locale.ROOT);
      }
      select.add(alias == null ? sql(item) : sql(item) + " AS " + quote(alias));
    }
    return "SELECT " + String.join(", ", select) + from(q) + groupBy(a)
        + (a.having() == null ? "" : " HAVING " + sql(a.having()));
  }

  static String probe(StreamingQuery q) {
    Aggregation a = q.aggregation();
    List<String> select = new ArrayList<>();
    for (int i = 0; i < a.groups().size(); i++) {
      select.add(sql(a.groups().get(i)) + " AS " + quote(group(i)));
    }
    for (int i = 0; i < a.states().size(); i++) {
      Aggregation.State s = a.states().get(i);
      String arg = s.argument() == null ? "*" : sql(s.argument());
      select.add(s.kind().name() + "(" + arg + ") AS " + quote(state(i)));
    }
    List<Aggregation.Use> averages = a.averages();
    for (int i = 0; i < averages.size(); i++) {
      select.add(sql(averages.get(i).call()) + " AS " + quote(average(i)));
    }
    if (select.isEmpty()) {
      select.add("COUNT(*) AS " + quote("$unused")); // a HAVING-only query stores no key and no aggregate
    }
    return "SELECT " + String.join(", ", select) + from(q) + groupBy(a);
  }

  static String records(StreamingQuery q) {
    Aggregation a = q.aggregation();
    List<String> select = new ArrayList<>();
    for (int i = 0; i < a.groups().size(); i++) {
      select.add(sql(a.groups().get(i)) + " AS " + quote(group(i)));
    }
    for (int i = 0; i < a.states().size(); i++) {
      Aggregation.State s = a.states().get(i);
      if (s.argument() != null) {
        String input = s.kind() == StateKind.COUNT
            ? "(" + sql(s.argument()) + ") IS NOT NULL" : sql(s.argument());
        select.add(input + " AS " + quote("$i" + i));
      }
    }
    select.add(sql(new SqlIdentifier(List.of(q.qualifier(), "sequence_number"), SqlParserPos.ZERO)) + " AS "
        + quote(SEQUENCE_COLUMN));
    return "SELECT " + String.join(", ", select) + from(q);
  }

  static String finalRows(StreamingQuery q, List<ColumnDef> columns, List<ColumnDef> averageTypes) {
    Aggregation a = q.aggregation();
    Aggregation.ColumnNames names = new Aggregation.ColumnNames() {
      @Override public SqlIdentifier group(int i) {
        return new SqlIdentifier(AggregationSql.group(i), SqlParserPos.ZERO);
      }

      @Override public SqlIdentifier state(int i) {
        return new SqlIdentifier(AggregationSql.state(i), SqlParserPos.ZERO);
      }

      @Override public SqlIdentifier average(int i) {
        return new SqlIdentifier(AggregationSql.average(i), SqlParserPos.ZERO);
      }
    };
    List<String> select = new ArrayList<>();
    for (int i = 0; i < a.items().size(); i++) {
      String value = sql(a.overGroups(a.items().get(i), false, names));
      select.add((isText(columns.get(i)) ? value : "CAST(" + value + " AS "
          + JdbcStorageValues.castType(columns.get(i)) + ")") + " AS " + quote("$v" + i));
    }
    String having = a.having() == null ? "TRUE"
        : "CASE WHEN " + sql(a.overGroups(a.having(), true, names)) + " THEN TRUE ELSE FALSE END";
    select.add(having + " AS " + quote(HAVING_COLUMN));
    select.add(quote(ROW_COLUMN));
    List<String> inner = new ArrayList<>();
    inner.add("*");
    List<Aggregation.Use> averages = a.averages();
    for (int i = 0; i < averages.size(); i++) {
      // as Calcite reduces AVG(x): CAST(CAST(SUM(x) AS t) / COUNT(x) AS t), t being AVG's type
      String type = JdbcStorageValues.castType(averageTypes.get(i));
      List<Integer> s = averages.get(i).states();
      inner.add("CAST(CAST(" + quote(state(s.get(0))) + " AS " + type + ") / " + quote(state(s.get(1))) + " AS "
          + type + ") AS " + quote(average(i)));
    }
    return "SELECT " + String.join(", ", select) + " FROM (SELECT " + String.join(", ", inner) + " FROM "
        + quote(GROUPS_TABLE) + ") AS " + quote("$sv_g");
  }

  /**
   * Character and binary columns are not cast: the value is the same in any length, and a length the metadata does
   * not know (a function's VARCHAR is reported as VARCHAR(0)) must not truncate it.
   */
  private static boolean isText(ColumnDef c) {
    return switch (c.typeName()) {
      case "CHAR", "VARCHAR", "SUPER", "VARBYTE" -> true;
      default -> false;
    };
  }

  private static String from(StreamingQuery q) {
    SqlSelect s = q.select();
    return " FROM " + sql(s.getFrom()) + (s.getWhere() == null ? "" : " WHERE " + sql(s.getWhere()));
  }

  private static String groupBy(Aggregation a) {
    if (a.groups().isEmpty()) {
      return "";
    }
    return " GROUP BY " + String.join(", ", a.groups().stream().map(AggregationSql::sql).toList());
  }

  private static String sql(SqlNode node) {
    return Aggregation.unparse(node);
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
