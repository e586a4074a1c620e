package io.streamview.jdbc.pipeline;

import io.streamview.engine.aggregate.StateKind;
import io.streamview.engine.table.StreamColumns;
import io.streamview.jdbc.error.ErrorCode;
import io.streamview.jdbc.error.StreamViewException;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.util.SqlShuttle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The aggregation of a streaming view's query, analysed for incremental maintenance: the GROUP BY expressions (with
 * ordinals and select aliases resolved), the partial aggregates each group stores (AVG as a SUM and a COUNT), and
 * the select list and HAVING as expressions over group keys and aggregates. The SQL run over batches and over
 * stored states is made from this by {@link AggregationSql}.
 */
public final class Aggregation {

  /** The aggregate functions a streaming view may use. */
  static final Set<String> SUPPORTED = Set.of("count", "sum", "min", "max", "avg");

  /** One stored partial aggregate: its kind and argument ({@code null} for {@code COUNT(*)}). */
  record State(StateKind kind, SqlNode argument) {
  }

  /** An aggregate call of the query and the states it is computed from (AVG: the SUM, then the COUNT). */
  record Use(String function, SqlCall call, List<Integer> states) {
  }

  private final String viewName;
  private final List<List<String>> qualifiers;
  private final List<SqlNode> items = new ArrayList<>();
  private final List<String> aliases = new ArrayList<>();
  private final List<SqlNode> groups = new ArrayList<>();
  private final Map<String, Integer> groupIndex = new LinkedHashMap<>();
  private final List<State> states = new ArrayList<>();
  private final Map<String, Integer> stateIndex = new LinkedHashMap<>();
  private final Map<String, Use> uses = new LinkedHashMap<>();
  private final SqlNode having;

  private Aggregation(String viewName, SqlSelect select, String schema, String stream, String qualifier) {
    this.viewName = viewName;
    this.qualifiers = List.of(List.of(qualifier), List.of(schema, stream));
    this.having = select.getHaving();
    for (SqlNode item : select.getSelectList()) {
      SqlNode expr = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
      if (expr instanceof SqlIdentifier id && id.isStar()) {
        throw StreamingQueryAnalyzer.unsupported(viewName, "SELECT * cannot be combined with GROUP BY or "
            + "aggregates; list the grouped expressions and the aggregates");
      }
      items.add(expr);
      aliases.add(item.getKind() == SqlKind.AS ? ((SqlIdentifier) ((SqlCall) item).operand(1)).getSimple() : null);
    }
    if (select.getGroup() != null) {
      for (SqlNode g : select.getGroup()) {
        if (!(g instanceof SqlNodeList list && list.isEmpty())) { // GROUP BY () is the whole stream
          addGroup(resolveGroup(g));
        }
      }
    }
    for (SqlNode item : items) {
      collectAggregates(item);
    }
    if (having != null) {
      collectAggregates(having);
    }
  }

  /** Analyses the aggregation of {@code select}, whose preview column names are already rewritten. */
  static Aggregation of(String viewName, SqlSelect select, String schema, String stream, String qualifier) {
    return new Aggregation(viewName, select, schema, stream, qualifier);
  }

  /** Whether {@code node} contains a call of an aggregate function (outside subqueries and windows). */
  static boolean containsAggregate(SqlNode node) {
    boolean[] found = {false};
    node.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlCall call) {
        if (isAggregate(call)) {
          found[0] = true;
          return null;
        }
        return super.visit(call);
      }

      @Override public Void visit(SqlNodeList list) {
        for (SqlNode n : list) {
          if (n != null) {
            n.accept(this);
          }
        }
        return null;
      }
    });
    return found[0];
  }

  /** Whether {@code call} calls COUNT, SUM, MIN, MAX or AVG. */
  static boolean isAggregate(SqlCall call) {
    String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
    return SUPPORTED.contains(name)
        && (call.getOperator().isAggregator() || call.getOperator() instanceof SqlUnresolvedFunction);
  }

  private SqlNode resolveGroup(SqlNode g) {
    if (g.getKind() == SqlKind.GROUPING_SETS || g.getKind() == SqlKind.ROLLUP || g.getKind() == SqlKind.CUBE
        || g instanceof SqlNodeList) {
      throw StreamingQueryAnalyzer.unsupported(viewName, "GROUPING SETS, ROLLUP and CUBE are not supported in a "
          + "streaming view; group by plain expressions");
    }
    if (g instanceof SqlLiteral lit && lit.getValue() instanceof java.math.BigDecimal) {
      int ordinal = lit.intValue(true);
      if (ordinal < 1 || ordinal > items.size()) {
        throw new StreamViewException(ErrorCode.VALIDATION_ERROR, "materialized view " + viewName
            + ": GROUP BY position " + ordinal + " is not in the select list (1 to " + items.size() + ")");
      }
      return items.get(ordinal - 1);
    }
    if (g instanceof SqlIdentifier id && id.isSimple() && !StreamColumns.NAMES.contains(id.getSimple())) {
      int i = aliases.indexOf(id.getSimple());
      if (i >= 0) {
        return items.get(i);
      }
    }
    return g;
  }

  private void addGroup(SqlNode g) {
    String key = canonical(g);
    if (!groupIndex.containsKey(key)) {
      groupIndex.put(key, groups.size());
      groups.add(g);
    }
  }

  private void collectAggregates(SqlNode node) {
    node.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlCall call) {
        if (isAggregate(call)) {
          use(call);
          return null;
        }
        return super.visit(call);
      }

      @Override public Void visit(SqlNodeList list) {
        for (SqlNode n : list) {
          if (n != null) {
            n.accept(this);
          }
        }
        return null;
      }
    });
  }

  private void use(SqlCall call) {
    String key = canonical(call);
    if (uses.containsKey(key)) {
      return;
    }
    String function = call.getOperator().getName().toLowerCase(Locale.ROOT);
    if (call.operandCount() != 1) {
      throw StreamingQueryAnalyzer.unsupported(viewName, function.toUpperCase(Locale.ROOT) + " with "
          + call.operandCount() + " arguments is not supported in a streaming view; aggregate one expression");
    }
    SqlNode operand = call.operand(0);
    SqlNode argument = operand instanceof SqlIdentifier id && id.isStar() ? null : operand;
    if (argument == null && !function.equals("count")) {
      throw StreamingQueryAnalyzer.unsupported(viewName, function.toUpperCase(Locale.ROOT) + "(*) is not valid");
    }
    List<Integer> used = switch (function) {
      case "count" -> List.of(state(StateKind.COUNT, argument));
      case "sum" -> List.of(state(StateKind.SUM, argument));
      case "min" -> List.of(state(StateKind.MIN, argument));
      case "max" -> List.of(state(StateKind.MAX, argument));
      case "avg" -> List.of(state(StateKind.SUM, argument), state(StateKind.COUNT, argument));
      default -> throw new IllegalStateException(function);
    };
    uses.put(key, new Use(function, call, used));
  }

  private int state(StateKind kind, SqlNode argument) {
    String key = kind + ":" + (argument == null ? "*" : canonical(argument));
    return stateIndex.computeIfAbsent(key, k -> {
      states.add(new State(kind, argument));
      return states.size() - 1;
    });
  }

  /** The index of the GROUP BY expression {@code node} is, or -1 when it is none of them. */
  int groupIndexOf(SqlNode node) {
    Integer g = groupIndex.get(canonical(node));
    return g == null ? -1 : g;
  }

  /** The aggregate call {@code node} is, or {@code null} when it is anything else (an expression over one, …). */
  Use aggregateOf(SqlNode node) {
    return node instanceof SqlCall call && isAggregate(call) ? uses.get(canonical(call)) : null;
  }

  /** The GROUP BY expressions, in order, without duplicates. */
  List<SqlNode> groups() {
    return groups;
  }

  /** The partial aggregates a group stores. */
  List<State> states() {
    return states;
  }

  /** The kinds of {@link #states()}. */
  List<StateKind> stateKinds() {
    return states.stream().map(State::kind).toList();
  }

  /** The AVG calls, in order (their result types decide how SUM / COUNT is cast). */
  List<Use> averages() {
    return uses.values().stream().filter(u -> u.function().equals("avg")).toList();
  }

  /**
   * Per GROUP BY expression, the first select item that is exactly that expression (so the view column shows the
   * key's value), or -1.
   */
  int[] keyItems() {
    int[] out = new int[groups.size()];
    java.util.Arrays.fill(out, -1);
    for (int i = 0; i < items.size(); i++) {
      Integer g = groupIndex.get(canonical(items.get(i)));
      if (g != null && out[g] < 0) {
        out[g] = i;
      }
    }
    return out;
  }

  /** The select list's expressions, without aliases. */
  List<SqlNode> items() {
    return items;
  }

  /** The select list's explicit aliases ({@code null} where none). */
  List<String> aliases() {
    return aliases;
  }

  SqlNode having() {
    return having;
  }

  String viewName() {
    return viewName;
  }

  /**
   * {@code node} (a select item, or HAVING) as an expression over a stored group: GROUP BY expressions become the
   * group's key columns, aggregates their state columns or AVG columns (named by {@code names}); in HAVING, a select
   * alias stands for its expression.
   */
  SqlNode overGroups(SqlNode node, boolean inHaving, ColumnNames names) {
    return node.accept(new SqlShuttle() {
      @Override public SqlNode visit(SqlIdentifier id) {
        Integer g = groupIndex.get(canonical(id));
        if (g != null) {
          return names.group(g);
        }
        if (inHaving && id.isSimple() && !StreamColumns.NAMES.contains(id.getSimple())) {
          int item = aliases.indexOf(id.getSimple());
          if (item >= 0) {
            return overGroups(items.get(item), false, names);
          }
        }
        throw StreamingQueryAnalyzer.unsupported(viewName, "\"" + unparse(id) + "\" is neither a GROUP BY "
            + "expression nor inside an aggregate; write it exactly as it is written in GROUP BY");
      }

      @Override public SqlNode visit(SqlCall call) {
        Integer g = groupIndex.get(canonical(call));
        if (g != null) {
          return names.group(g);
        }
        if (isAggregate(call)) {
          Use use = uses.get(canonical(call));
          return use.function().equals("avg") ? names.average(averages().indexOf(use))
              : names.state(use.states().get(0));
        }
        return super.visit(call);
      }
    });
  }

  /** How {@link #overGroups} names the columns of a stored group. */
  interface ColumnNames {
    SqlIdentifier group(int i);

    SqlIdentifier state(int i);

    SqlIdentifier average(int i);
  }

  /**
   * The text that identifies an expression: its SQL with column references unqualified, so that
   * {@code s.partition_key} and {@code partition_key} match.
   */
  String canonical(SqlNode node) {
    SqlNode bare = node.accept(new SqlShuttle() {
      @Override public SqlNode visit(SqlIdentifier id) {
        if (!id.isStar() && id.names.size() > 1 && qualifiers.contains(id.names.subList(0, id.names.size() - 1))) {
          return new SqlIdentifier(id.names.get(id.names.size() - 1), SqlParserPos.ZERO);
        }
        return id;
      }
    });
    return unparse(bare);
  }

  static String unparse(SqlNode node) {
    return node.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
  }
}
