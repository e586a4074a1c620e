package io.streamview.jdbc.function;

import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.ReflectiveCallNotNullImplementor;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.linq4j.function.SemiStrict;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.schema.impl.ReflectiveFunctionBase;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * A scalar function implemented by a public static method, as {@link ScalarFunctionImpl#create(Method)} makes it,
 * except that its code generator ({@link #getImplementor()}) is made when a statement that calls the function is
 * compiled, not when the function is registered: {@code ScalarFunctionImpl.create} asks {@link RexImpTable} for it,
 * whose class initialization builds Calcite's whole table of operator implementations, so registering the Redshift
 * functions on a connection made every new JVM pay for that table before its first statement, which may never need
 * code generation ({@code SELECT 1}).
 *
 * <p>Types, parameters and the generated call are those of {@code ScalarFunctionImpl} for a method without
 * Calcite's {@code @Strict}, {@code @SemiStrict} or {@code @Hints} annotations (Calcite's catalog reader treats a
 * {@code ScalarFunctionImpl} with those specially); {@link #of} returns a {@code ScalarFunctionImpl} for any other
 * method.
 */
final class LazyScalarFunction extends ReflectiveFunctionBase implements ScalarFunction, ImplementableFunction {

  private volatile CallImplementor implementor;

  private LazyScalarFunction(Method method) {
    super(method);
  }

  /** The function of a public static method: lazy when its annotations allow, else Calcite's own. */
  static ScalarFunction of(Method method) {
    if (!Modifier.isStatic(method.getModifiers()) || annotated(method)) {
      return ScalarFunctionImpl.create(method);
    }
    return new LazyScalarFunction(method);
  }

  private static boolean annotated(Method m) {
    return m.getAnnotation(Strict.class) != null || m.getAnnotation(SemiStrict.class) != null
        || m.getDeclaringClass().getAnnotation(Strict.class) != null
        || m.getDeclaringClass().getAnnotation(SemiStrict.class) != null
        || m.getAnnotation(org.apache.calcite.linq4j.function.Hints.class) != null;
  }

  /** As {@code ScalarFunctionImpl}: the Java return type (with no null policy, also under an operator binding). */
  @Override public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
    return typeFactory.createJavaType(method.getReturnType());
  }

  /** As {@code ScalarFunctionImpl}'s for a method with no null policy, made on first use. */
  @Override public CallImplementor getImplementor() {
    CallImplementor i = implementor;
    if (i == null) {
      i = RexImpTable.createImplementor(new ReflectiveCallNotNullImplementor(method), NullPolicy.NONE, false);
      implementor = i;
    }
    return i;
  }

  @Override public String toString() {
    return "LazyScalarFunction{" + method + "}";
  }
}
