package io.streamview.jdbc.boundary;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.function.Supplier;

/**
 * What every boundary proxy answers the same way: {@code Object}'s methods (identity equality, a description for
 * {@code toString}) and {@code unwrap}/{@code isWrapperFor} asked for an interface the proxy itself implements.
 */
final class ProxyMethods {

  /** Returned when the method is not one of these. */
  static final Object NOT_HANDLED = new Object();

  private ProxyMethods() {
  }

  static Object answer(Object proxy, Method method, Object[] args, Object target, Supplier<String> description)
      throws IllegalAccessException, InvocationTargetException {
    String name = method.getName();
    if (method.getDeclaringClass() == Object.class) {
      return switch (name) {
        case "toString" -> description.get();
        case "hashCode" -> System.identityHashCode(proxy);
        case "equals" -> proxy == args[0];
        default -> method.invoke(target, args);
      };
    }
    if ((name.equals("unwrap") || name.equals("isWrapperFor")) && args != null && args[0] instanceof Class<?> c
        && c.isInstance(proxy)) {
      return name.equals("unwrap") ? proxy : (Object) Boolean.TRUE;
    }
    return NOT_HANDLED;
  }
}
