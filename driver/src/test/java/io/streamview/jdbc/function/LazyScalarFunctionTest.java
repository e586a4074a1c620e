package io.streamview.jdbc.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * The Redshift functions registered as {@link LazyScalarFunction}s give Calcite what {@link ScalarFunctionImpl} gave
 * for the same methods: the same parameters (ordinal, name, type, optional) and return type; and each has a call
 * implementor, made once, when asked.
 */
class LazyScalarFunctionTest {

  @Test
  void sameSignaturesAsCalcitesScalarFunctionImpl() {
    SchemaPlus schema = CalciteSchema.createRootSchema(false).plus();
    RedshiftFunctions.register(schema);
    RelDataTypeFactory types = new JavaTypeFactoryImpl();
    int lazy = 0;
    for (String name : schema.getFunctionNames()) {
      for (Function f : schema.getFunctions(name)) {
        assertNotNull(((ImplementableFunction) f).getImplementor(), name);
        if (!(f instanceof LazyScalarFunction l)) {
          continue;
        }
        lazy++;
        ScalarFunction calcite = ScalarFunctionImpl.create(l.method);
        assertEquals(calcite.getReturnType(types), l.getReturnType(types), name);
        assertEquals(describe(calcite.getParameters(), types), describe(l.getParameters(), types), name);
        assertSame(l.getImplementor(), l.getImplementor(), name);
      }
    }
    assertTrue(lazy >= 30, "only " + lazy + " lazy functions registered");
  }

  private static List<String> describe(List<FunctionParameter> parameters, RelDataTypeFactory types) {
    return parameters.stream().map(p -> p.getOrdinal() + " " + p.getName() + " " + p.getType(types).getFullTypeString()
        + " " + p.isOptional()).toList();
  }
}
