package io.streamview.engine.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.catalog.ColumnDef;
import io.streamview.catalog.MaterializedViewDef;
import io.streamview.engine.aggregate.GroupKeys;
import io.streamview.engine.storage.EncodedRowCursor;
import io.streamview.engine.storage.EncodedRowVisitor;
import io.streamview.engine.storage.ForwardingRowStore;
import io.streamview.engine.storage.RowStore;
import io.streamview.engine.storage.RowVisitor;
import io.streamview.engine.storage.StorageEngine;

import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scan of an aggregating view's groups (stored as {@code GroupRows} lays them out): with every GROUP BY column
 * fixed by an equality, the table reads the one group by its key (counted: one {@code getEncoded}, no scan) and
 * returns exactly what the same scan without lookups returns, for literals and parameters of other types and scales,
 * values no key can equal, NULL, missing keys and groups hidden by HAVING; without such an equality it scans.
 */
class MaterializedViewScanTest {

  private static final List<ColumnDef> COLUMNS = List.of(
      new ColumnDef("u", "INTEGER", -1, -1, true),
      new ColumnDef("tag", "VARCHAR", 20, -1, true),
      new ColumnDef("price", "DECIMAL", 10, 2, true),
      new ColumnDef("n", "BIGINT", -1, -1, false));
  /** GROUP BY tag, u, price: key j is shown by view column KEYS[j]. */
  private static final int[] KEYS = {1, 0, 2};

  private final JavaTypeFactory types = new JavaTypeFactoryImpl(RedshiftTypeSystem.INSTANCE);
  private final RexBuilder rex = new RexBuilder(types);
  private final Map<String, Object> parameters = new HashMap<>();
  private StorageEngine engine;
  private CountingStore store;
  private MaterializedViewTable withLookups;
  private MaterializedViewTable scansOnly;

  @BeforeEach
  void fill() {
    engine = StorageEngine.inMemory();
    store = new CountingStore(engine.open("groups"));
    MaterializedViewDef def = new MaterializedViewDef("public", "g", "SELECT …", COLUMNS, "kds", "s", false, true,
        null, List.of(), List.of(), "groups", Instant.EPOCH);
    String[] tags = {"a", "b", "a ", null};
    String[] prices = {"1.50", "2.00", "-0.10", "0.00"};
    List<Entry<byte[], Object[]>> rows = new ArrayList<>();
    for (int u = 0; u < 10; u++) {
      for (int t = 0; t < tags.length; t++) {
        BigDecimal price = new BigDecimal(prices[(u + t) % prices.length]);
        long n = u + t;
        Object[] key = {tags[t], u, price};
        rows.add(Map.entry(GroupKeys.of(key), group(new Object[] {u, tags[t], price, n}, n >= 3, key)));
      }
    }
    store.putAll(rows);
    withLookups = new MaterializedViewTable(def, store, () -> KEYS.clone());
    scansOnly = new MaterializedViewTable(def, store, () -> null);
  }

  /** A group's stored row: visible values, HAVING flag, key, one state (the count), no shard marks. */
  private static Object[] group(Object[] visible, boolean passes, Object[] key) {
    List<Object> row = new ArrayList<>(Arrays.asList(visible));
    row.add(passes);
    row.add(key.length);
    row.addAll(Arrays.asList(key));
    row.add(1);
    row.add(visible[3]);
    row.add(0);
    return row.toArray();
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private RexNode ref(int column) {
    return rex.makeInputRef(RedshiftTypes.toRelType(types, COLUMNS.get(column)), column);
  }

  private RexNode eq(int column, RexNode value) {
    return rex.makeCall(SqlStdOperatorTable.EQUALS, ref(column), value);
  }

  private RexNode integer(long v) {
    return rex.makeExactLiteral(BigDecimal.valueOf(v),
        types.createSqlType(v == (int) v ? SqlTypeName.INTEGER : SqlTypeName.BIGINT));
  }

  private RexNode decimal(String v) {
    BigDecimal d = new BigDecimal(v);
    return rex.makeExactLiteral(d, types.createSqlType(SqlTypeName.DECIMAL, 10, Math.max(0, d.scale())));
  }

  /** A VARCHAR literal, as Calcite types one compared with a VARCHAR column. */
  private RexNode text(String v) {
    RexNode cast = rex.makeCast(types.createSqlType(SqlTypeName.VARCHAR, 20), rex.makeLiteral(v));
    assertTrue(cast instanceof org.apache.calcite.rex.RexLiteral, "folded into a VARCHAR literal: " + cast);
    return cast;
  }

  private RexNode param(int index, SqlTypeName type) {
    RelDataType t = types.createTypeWithNullability(types.createSqlType(type), true);
    return rex.makeDynamicParam(t, index);
  }

  private List<String> rows(MaterializedViewTable table, List<RexNode> filters, int[] projects) {
    List<String> out = new ArrayList<>();
    for (Object[] row : table.rows(context(), new ArrayList<>(filters), projects)) {
      out.add(Arrays.toString(row));
    }
    out.sort(null);
    return out;
  }

  /** Compares the two tables and returns how many rows the lookup table gave. */
  private int same(List<RexNode> filters) {
    List<String> expected = rows(scansOnly, filters, new int[] {3, 0});
    List<String> actual = rows(withLookups, filters, new int[] {3, 0});
    assertEquals(expected, actual, filters.toString());
    return actual.size();
  }

  @Test
  void lookupsReadOneGroupAndAgreeWithScans() {
    same(List.of(eq(0, integer(1)), eq(1, text("a")), eq(2, decimal("0.00")))); // the check on a stored group
    List<List<RexNode>> fixing = List.of(
        List.of(eq(0, integer(3)), eq(1, text("a")), eq(2, decimal("0"))),
        List.of(eq(0, integer(3)), eq(1, text("a")), eq(2, decimal("0.000"))),
        List.of(eq(0, integer(3)), eq(1, text("a")), eq(2, decimal("-0.00"))),
        List.of(eq(1, text("a ")), eq(0, integer(2)), eq(2, decimal("1.5"))),
        List.of(eq(1, text("a")), eq(0, integer(2)), eq(2, decimal("1.5"))),
        List.of(eq(0, integer(3)), eq(1, text("a")), eq(2, decimal("0.005"))),
        List.of(eq(0, integer(0)), eq(1, text("a")), eq(2, decimal("1.5"))),
        List.of(eq(0, integer(99)), eq(1, text("a")), eq(2, decimal("1.5"))),
        List.of(eq(0, integer(1L << 33)), eq(1, text("a")), eq(2, decimal("1.5"))),
        List.of(eq(0, rex.makeNullLiteral(types.createSqlType(SqlTypeName.INTEGER))), eq(1, text("a")),
            eq(2, decimal("1.5"))),
        List.of(eq(0, integer(9)), eq(1, text("b")), eq(2, decimal("-0.1")),
            rex.makeCall(SqlStdOperatorTable.GREATER_THAN, ref(3), integer(9))),
        List.of(eq(0, integer(9)), eq(1, text("b")), eq(2, decimal("-0.1")),
            rex.makeCall(SqlStdOperatorTable.GREATER_THAN, ref(3), integer(10))));
    int found = 0;
    for (List<RexNode> f : fixing) {
      int scansBefore = store.scans.get();
      int getsBefore = store.gets.get();
      found += same(f);
      assertEquals(scansBefore + 1, store.scans.get(), "the comparison scan only: " + f);
      assertTrue(store.gets.get() <= getsBefore + 1, "at most one read by key: " + f);
    }
    assertEquals(5, found, "lookups that found their group (u 3 / a / 0 at three scales, u 2 / 'a ' / 1.5, u 9 / b)");
  }

  @Test
  void parametersAreConvertedAsCalciteConvertsThem() {
    same(List.of(eq(0, integer(1)), eq(1, text("a")), eq(2, decimal("0.00"))));
    List<RexNode> f = List.of(eq(0, param(0, SqlTypeName.INTEGER)), eq(1, param(1, SqlTypeName.VARCHAR)),
        eq(2, param(2, SqlTypeName.DECIMAL)));
    Object[][] values = {{3, "a", new BigDecimal("0.0")}, {3L, "a", new BigDecimal("0.00")},
        {(short) 3, "a", 0}, {3, "a", 7}, {null, "a", BigDecimal.ONE}, {2, "a ", new BigDecimal("1.50")},
        {5, null, BigDecimal.ZERO}, {9, "b", -0.1}, {9, "b", "-0.1"}};
    for (Object[] v : values) {
      parameters.put("?0", v[0]);
      parameters.put("?1", v[1]);
      parameters.put("?2", v[2]);
      int scansBefore = store.scans.get();
      same(f);
      assertEquals(scansBefore + 1, store.scans.get(), "lookup, not scan: " + Arrays.toString(v));
    }
  }

  @Test
  void withoutAnEqualityOnEveryKeyColumnTheTableScans() {
    int before = store.scans.get();
    assertEquals(7, same(List.of(eq(1, text("a")))), "tag 'a' with u >= 3");
    assertEquals(0, same(List.of(eq(1, text("a")), rex.makeCall(SqlStdOperatorTable.LESS_THAN, ref(0),
        integer(0)))));
    assertTrue(same(List.of(eq(0, integer(4)), eq(1, text("b")))) <= 1);
    assertEquals(before + 6, store.scans.get(), "both tables scanned each time");
  }

  @Test
  void hiddenGroupsAreNeverReturned() {
    same(List.of(eq(0, integer(1)), eq(1, text("a")), eq(2, decimal("0.00"))));
    // u = 0, tag 'a': n = 0 fails HAVING (n >= 3)
    assertEquals(0, same(List.of(eq(0, integer(0)), eq(1, text("a")), eq(2, decimal("1.50")))));
    assertEquals(40 - 6, rows(scansOnly, List.of(), null).size(), "groups with n >= 3");
  }

  private DataContext context() {
    return new DataContext() {
      @Override public SchemaPlus getRootSchema() {
        return null;
      }

      @Override public JavaTypeFactory getTypeFactory() {
        return types;
      }

      @Override public QueryProvider getQueryProvider() {
        return null;
      }

      @Override public Object get(String name) {
        return parameters.get(name);
      }
    };
  }

  /** Counts full scans and reads by key. */
  private static final class CountingStore extends ForwardingRowStore {
    final AtomicInteger scans = new AtomicInteger();
    final AtomicInteger gets = new AtomicInteger();
    private final RowStore delegate;

    CountingStore(RowStore delegate) {
      this.delegate = delegate;
    }

    @Override protected RowStore delegate() {
      return delegate;
    }

    @Override public byte[] getEncoded(byte[] key) {
      gets.incrementAndGet();
      return delegate.getEncoded(key);
    }

    @Override public void forEachEncoded(boolean withKeys, EncodedRowVisitor visitor) {
      scans.incrementAndGet();
      delegate.forEachEncoded(withKeys, visitor);
    }

    @Override public EncodedRowCursor openScan(boolean withKeys) {
      scans.incrementAndGet();
      return delegate.openScan(withKeys);
    }
  }
}
