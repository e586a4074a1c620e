package io.streamview.jdbc.literal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
  void otherExpressionsGoToCalcitesReducer() {
    RexNode toInt = rex.makeAbstractCast(types.createSqlType(SqlTypeName.INTEGER),
        rex.makeExactLiteral(new BigDecimal("2.5")), false);
    RexNode toDate = rex.makeAbstractCast(types.createSqlType(SqlTypeName.DATE), rex.makeLiteral("2024-01-02"), false);
    assertNull(LiteralCastExecutor.fold(rex, toInt));
    assertNull(LiteralCastExecutor.fold(rex, toDate));
    List<RexNode> calcite = new ArrayList<>();
    new RexExecutorImpl(DataContexts.EMPTY).reduce(rex, List.of(toInt, toDate), calcite);
    List<RexNode> ours = new ArrayList<>();
    new LiteralCastExecutor(DataContexts.EMPTY).reduce(rex, List.of(toInt, toDate), ours);
    assertEquals(calcite.stream().map(LiteralCastExecutor::withoutNullabilityCast).toList(), ours);
  }
}
