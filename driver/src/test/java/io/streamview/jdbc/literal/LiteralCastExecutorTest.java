package io.streamview.jdbc.literal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.calcite.DataContexts;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** The casts {@link LiteralCastExecutor} folds give exactly the literal Calcite's generated code gives. */
class LiteralCastExecutorTest {

  private final JavaTypeFactoryImpl types = new JavaTypeFactoryImpl();
  private final RexBuilder rex = new RexBuilder(types);

  @Test
  void foldedCastsEqualCalcitesCompiledOnes() {
    List<RexNode> casts = new ArrayList<>();
    List<String> numbers = List.of("0", "1", "-1", "0.5", "0.1", "2.345", "-7.25", "123456789", "2147483647",
        "9007199254740993", "-9223372036854775808", "1234567890.123456789", "0.000000001", "9999999999999999999",
        "3.141592653589793238", "0.3333333333333333333");
    for (String n : numbers) {
      RexLiteral exact = (RexLiteral) rex.makeExactLiteral(new BigDecimal(n));
      for (SqlTypeName to : List.of(SqlTypeName.DOUBLE, SqlTypeName.FLOAT)) {
        for (boolean nullable : new boolean[] {false, true}) {
          RelDataType type = types.createTypeWithNullability(types.createSqlType(to), nullable);
          casts.add(rex.makeAbstractCast(type, exact, false));
        }
      }
      RexLiteral integer = rex.makeLiteral(new BigDecimal(n).longValue() % 1000,
          types.createSqlType(SqlTypeName.INTEGER));
      casts.add(rex.makeAbstractCast(types.createSqlType(SqlTypeName.DOUBLE), integer, false));
    }
    List<RexNode> calcite = new ArrayList<>();
    new RexExecutorImpl(DataContexts.EMPTY).reduce(rex, casts, calcite);
    List<RexNode> ours = new ArrayList<>();
    new LiteralCastExecutor(DataContexts.EMPTY).reduce(rex, casts, ours);
    int folds = 0;
    for (int i = 0; i < casts.size(); i++) {
      RexNode expected = LiteralCastExecutor.withoutNullabilityCast(calcite.get(i));
      RexLiteral folded = (RexLiteral) LiteralCastExecutor.fold(rex, casts.get(i));
      assertEquals(expected, ours.get(i), casts.get(i).toString());
      if (folded == null) { // a BIGINT literal beyond BIGINT's range (only Calcite's API makes one): left to Calcite
        assertEquals("9999999999999999999:BIGINT", ((RexCall) casts.get(i)).getOperands().get(0).toString());
        continue;
      }
      folds++;
      assertEquals(((RexLiteral) expected).getValueAs(Double.class), folded.getValueAs(Double.class),
          casts.get(i).toString());
      assertEquals(expected.getType().getSqlTypeName(), folded.getType().getSqlTypeName());
    }
    assertEquals(casts.size() - 4, folds);
  }

  @Test
  void dateStringsFoldToCalcitesValues() {
    List<String> texts = List.of("2024-01-02", "2024-01-02 03:04:05", "2024-01-02 03:04:05.123",
        "2024-01-02 03:04:05.123456", "1999-12-31 23:59:59.999", "1970-01-01", "0001-01-01", "9999-12-31 23:59:59",
        "2024-1-2", "2024-01-02T03:04:05", " 2024-01-02 ", "03:04:05", "03:04:05.5", "23:59:59.999", "garbage", "",
        "2024-02-30", "2024-01-02 25:00:00");
    List<RelDataType> targets = List.of(types.createSqlType(SqlTypeName.DATE),
        types.createSqlType(SqlTypeName.TIME), types.createSqlType(SqlTypeName.TIME, 3),
        types.createSqlType(SqlTypeName.TIMESTAMP), types.createSqlType(SqlTypeName.TIMESTAMP, 0),
        types.createSqlType(SqlTypeName.TIMESTAMP, 3), types.createSqlType(SqlTypeName.TIMESTAMP, 6),
        types.createTypeWithNullability(types.createSqlType(SqlTypeName.TIMESTAMP), true));
    int folds = 0;
    for (String text : texts) {
      for (RelDataType type : targets) {
        RexNode cast = rex.makeAbstractCast(type, rex.makeLiteral(text), false);
        RexNode folded = LiteralCastExecutor.fold(rex, cast);
        List<RexNode> calcite = new ArrayList<>();
        try {
          new RexExecutorImpl(DataContexts.EMPTY).reduce(rex, List.of(cast), calcite);
        } catch (Throwable calciteFails) { // the generated code's class fails to initialize: the string is no date
          assertNull(folded, cast + " fails in Calcite's code: " + calciteFails);
          continue;
        }
        RexNode expected = LiteralCastExecutor.withoutNullabilityCast(calcite.get(0));
        if (folded == null) {
          assertEquals(cast, expected, "not folded, and Calcite's reducer left it as it was too");
          continue;
        }
        folds++;
        assertEquals(expected, folded, cast.toString());
        assertEquals(expected.getType(), folded.getType(), cast.toString());
      }
    }
    assertTrue(folds > 40, folds + " folds");
  }

  @Test
  void otherExpressionsGoToCalcitesReducer() {
    RexNode toInt = rex.makeAbstractCast(types.createSqlType(SqlTypeName.INTEGER),
        rex.makeExactLiteral(new BigDecimal("2.5")), false);
    RexNode toDate = rex.makeAbstractCast(types.createSqlType(SqlTypeName.DATE),
        rex.makeExactLiteral(new BigDecimal("20240102")), false);
    assertNull(LiteralCastExecutor.fold(rex, toInt));
    assertNull(LiteralCastExecutor.fold(rex, toDate));
    List<RexNode> calcite = new ArrayList<>();
    new RexExecutorImpl(DataContexts.EMPTY).reduce(rex, List.of(toInt, toDate), calcite);
    List<RexNode> ours = new ArrayList<>();
    new LiteralCastExecutor(DataContexts.EMPTY).reduce(rex, List.of(toInt, toDate), ours);
    assertEquals(calcite.stream().map(LiteralCastExecutor::withoutNullabilityCast).toList(), ours);
  }
}
