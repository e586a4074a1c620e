package io.streamview.jdbc.function;

import io.streamview.engine.table.RedshiftTypes;

import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.type.SqlTypeName;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;

/**
 * Registers the Redshift functions in a Calcite schema, under Redshift's (lower-case) names. Functions that
 * return SUPER are given the SUPER type explicitly, so that a view column built from them is SUPER.
 */
public final class RedshiftFunctions {

  /** SQL name to the Java method name implementing it (all overloads are registered). */
  private static final Map<String, Method[]> FUNCTIONS = Map.ofEntries(
      entry("from_varbyte", VarbyteFunctions.class, "fromVarbyte"),
      entry("to_varbyte", VarbyteFunctions.class, "toVarbyte"),
      entry("is_utf8", VarbyteFunctions.class, "isUtf8"),
      entry("decompress", DecompressFunctions.class, "decompress"),
      entry("json_parse", JsonFunctions.class, "jsonParse"),
      entry("can_json_parse", JsonFunctions.class, "canJsonParse"),
      entry("is_valid_json", JsonFunctions.class, "isValidJson"),
      entry("is_valid_json_array", JsonFunctions.class, "isValidJsonArray"),
      entry("json_serialize", JsonFunctions.class, "jsonSerialize"),
      entry("json_extract_path_text", JsonFunctions.class, "jsonExtractPathText"),
      entry("json_extract_array_element_text", JsonFunctions.class, "jsonExtractArrayElementText"),
      entry("json_typeof", SuperTypeFunctions.class, "jsonTypeof"),
      entry("is_object", SuperTypeFunctions.class, "isObject"),
      entry("is_array", SuperTypeFunctions.class, "isArray"),
      entry("is_scalar", SuperTypeFunctions.class, "isScalar"),
      entry("is_varchar", SuperTypeFunctions.class, "isVarchar"),
      entry("is_boolean", SuperTypeFunctions.class, "isBoolean"),
      entry("is_smallint", SuperTypeFunctions.class, "isSmallint"),
      entry("is_integer", SuperTypeFunctions.class, "isInteger"),
      entry("is_bigint", SuperTypeFunctions.class, "isBigint"),
      entry("is_decimal", SuperTypeFunctions.class, "isDecimal"),
      entry("is_float", SuperTypeFunctions.class, "isFloat"),
      entry("get_array_length", SuperTypeFunctions.class, "getArrayLength"),
      entry("json_size", SuperTypeFunctions.class, "jsonSize"),
      entry(SuperFunctionNames.NAVIGATE, SuperNavigationFunctions.class, "navigate"),
      entry(SuperFunctionNames.ELEMENT, SuperNavigationFunctions.class, "element"),
      entry(SuperFunctionNames.ATTRIBUTE, SuperNavigationFunctions.class, "attribute"),
      entry(SuperFunctionNames.TO_VARCHAR, SuperCastFunctions.class, "toVarchar"),
      entry(SuperFunctionNames.TO_DECIMAL_TEXT, SuperCastFunctions.class, "toDecimalText"),
      entry(SuperFunctionNames.TO_BIGINT, SuperCastFunctions.class, "toBigint"),
      entry(SuperFunctionNames.TO_INT, SuperCastFunctions.class, "toInt"),
      entry(SuperFunctionNames.TO_SMALLINT, SuperCastFunctions.class, "toSmallint"),
      entry(SuperFunctionNames.TO_DOUBLE, SuperCastFunctions.class, "toDouble"),
      entry(SuperFunctionNames.TO_REAL, SuperCastFunctions.class, "toReal"),
      entry(SuperFunctionNames.TO_BOOLEAN, SuperCastFunctions.class, "toBoolean"),
      entry(SuperFunctionNames.COMPARE_TEXT, SuperComparisonFunctions.class, "compareText"),
      entry(SuperFunctionNames.COMPARE_NUMBER, SuperComparisonFunctions.class, "compareNumber"),
      entry(SuperFunctionNames.COMPARE_BOOLEAN, SuperComparisonFunctions.class, "compareBoolean"),
      entry(SuperFunctionNames.COMPARE_SCALAR, SuperComparisonFunctions.class, "compareScalar"),
      entry(SuperFunctionNames.COMPARE_SUPER, SuperComparisonFunctions.class, "compareSuper"),
      entry(SuperFunctionNames.EQUALS_SUPER, SuperComparisonFunctions.class, "equalsSuper"));

  /** The functions whose result is SUPER (the navigation functions return the SUPER value they find). */
  private static final List<String> SUPER_RESULT = List.of("json_parse", SuperFunctionNames.NAVIGATE,
      SuperFunctionNames.ELEMENT, SuperFunctionNames.ATTRIBUTE);

  private RedshiftFunctions() {
  }

  /** The SQL names of the functions this class registers. */
  public static java.util.Set<String> names() {
    java.util.Set<String> names = new java.util.TreeSet<>(FUNCTIONS.keySet());
    names.add(DateTruncFunction.NAME);
    return names;
  }

  /** Adds every function to {@code schema}. */
  public static void register(SchemaPlus schema) {
    schema.add(DateTruncFunction.NAME, DateTruncFunction.INSTANCE);
    FUNCTIONS.forEach((name, methods) -> {
      for (Method m : methods) {
        ScalarFunction f = LazyScalarFunction.of(m); // no RexImpTable until a statement compiles a call
        schema.add(name, SUPER_RESULT.contains(name) ? new SuperResult(f) : f);
      }
    });
  }

  private static Map.Entry<String, Method[]> entry(String sqlName, Class<?> owner, String javaName) {
    Method[] methods = java.util.Arrays.stream(owner.getMethods())
        .filter(m -> m.getName().equals(javaName) && Modifier.isStatic(m.getModifiers()))
        .toArray(Method[]::new);
    if (methods.length == 0) {
      throw new IllegalStateException("no method " + owner.getName() + "." + javaName);
    }
    return Map.entry(sqlName, methods);
  }

  /** A scalar function whose result is typed SUPER. */
  private record SuperResult(ScalarFunction delegate) implements ScalarFunction, ImplementableFunction {
    @Override public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
      return typeFactory.createTypeWithNullability(
          typeFactory.createSqlType(SqlTypeName.VARCHAR, RedshiftTypes.SUPER_PRECISION), true);
    }

    @Override public List<FunctionParameter> getParameters() {
      return delegate.getParameters();
    }

    @Override public CallImplementor getImplementor() {
      return ((ImplementableFunction) delegate).getImplementor();
    }
  }
}
