package io.streamview.jdbc.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements at semicolons outside quotes ({@code '…'}, {@code "…"}) and comments
 * ({@code -- …}, {@code /* … *&#47;}). Backslash commands ({@code \d …}) are statements of one line.
 */
final class StatementSplitter {

  /** The statements of {@code text} and what is left after the last complete one. */
  record Split(List<String> statements, String rest) {
  }

  private StatementSplitter() {
  }

  static Split split(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (current.toString().isBlank() && c == '\\') {
        int end = text.indexOf('\n', i);
        end = end < 0 ? n : end;
        out.add(text.substring(i, end).strip());
        current.setLength(0);
        i = end + 1;
        continue;
      }
      if (c == '\'' || c == '"') {
        int end = closing(text, i + 1, c);
        if (end < 0) {
          current.append(text, i, n);
          return new Split(out, current.toString());
        }
        current.append(text, i, end + 1);
        i = end + 1;
      } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
        int end = text.indexOf('\n', i);
        end = end < 0 ? n : end;
        current.append(text, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        if (end < 0) {
          current.append(text, i, n);
          return new Split(out, current.toString());
        }
        current.append(text, i, end + 2);
        i = end + 2;
      } else if (c == ';') {
        String statement = current.toString().strip();
        if (!statement.isEmpty() && !onlyComments(statement)) {
          out.add(statement);
        }
        current.setLength(0);
        i++;
      } else {
        current.append(c);
        i++;
      }
    }
    return new Split(out, current.toString());
  }

  /** Whether {@code text} holds a statement that is not yet ended by {@code ;} (comments and blanks do not count). */
  static boolean incomplete(String text) {
    String rest = split(text).rest();
    return !rest.isBlank() && !onlyComments(rest.strip());
  }

  private static int closing(String text, int from, char quote) {
    for (int i = from; i < text.length(); i++) {
      if (text.charAt(i) == quote) {
        if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
          i++; // doubled quote
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  private static boolean onlyComments(String s) {
    String t = s.strip();
    while (!t.isEmpty()) {
      if (t.startsWith("--")) {
        int end = t.indexOf('\n');
        t = end < 0 ? "" : t.substring(end + 1).strip();
      } else if (t.startsWith("/*")) {
        int end = t.indexOf("*/");
        if (end < 0) {
          return true;
        }
        t = t.substring(end + 2).strip();
      } else {
        return false;
      }
    }
    return true;
  }
}
