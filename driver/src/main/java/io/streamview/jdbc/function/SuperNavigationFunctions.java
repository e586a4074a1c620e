package io.streamview.jdbc.function;

/**
 * The internal functions that SUPER navigation is rewritten to ({@code payload.items[0].sku},
 * {@code payload[i]}). Each returns the SUPER value found, as compact JSON, or NULL when the path leads nowhere
 * (Redshift's lax mode: {@code navigate_super_null_on_error} on). A JSON {@code null} found is the SUPER value
 * {@code null}, not SQL NULL.
 */
public final class SuperNavigationFunctions {

  private SuperNavigationFunctions() {
  }

  /** {@code sv_navigate(super, path, case_sensitive)}: the value at an encoded {@link SuperPath}. */
  public static String navigate(String value, String path, Boolean caseSensitive) {
    Object[] steps = SuperPath.steps(path);
    if (value == null || steps == null) {
      return null;
    }
    return SuperJson.navigate(value, steps, 0, Boolean.TRUE.equals(caseSensitive));
  }

  /** {@code sv_element(super, position)}: the element at a zero-based position computed at run time. */
  public static String element(String value, Integer position) {
    if (value == null || position == null) {
      return null;
    }
    return SuperJson.navigate(value, new Object[] {position}, 0, true);
  }

  /** {@code sv_attribute(super, name, case_sensitive)}: the attribute named by a value computed at run time. */
  public static String attribute(String value, String name, Boolean caseSensitive) {
    if (value == null || name == null) {
      return null;
    }
    return SuperJson.navigate(value, new Object[] {name}, 0, Boolean.TRUE.equals(caseSensitive));
  }
}
