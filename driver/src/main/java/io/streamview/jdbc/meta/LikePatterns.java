package io.streamview.jdbc.meta;

import java.util.regex.Pattern;

/** The search patterns of {@code DatabaseMetaData}: {@code %} any run, {@code _} one character, {@code \} escapes. */
final class LikePatterns {

  private LikePatterns() {
  }

  /** Whether {@code value} matches {@code pattern}; a null pattern matches everything. */
  static boolean matches(String pattern, String value) {
    if (pattern == null) {
      return true;
    }
    if (value == null) {
      return false;
    }
    return toRegex(pattern).matcher(value).matches();
  }

  private static Pattern toRegex(String pattern) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        re.append(".*");
      } else if (c == '_') {
        re.append('.');
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }
}
