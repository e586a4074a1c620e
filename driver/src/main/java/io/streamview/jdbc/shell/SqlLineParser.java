package io.streamview.jdbc.shell;

import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;

/**
 * JLine's parser for SQL: a line is accepted once it ends a statement with {@code ;} (outside quotes and comments)
 * or is a backslash command; until then JLine keeps reading lines into the same buffer (secondary prompt).
 */
final class SqlLineParser extends DefaultParser {

  SqlLineParser() {
    escapeChars(new char[0]); // backslash is not an escape in SQL and starts shell commands
    setEofOnUnclosedQuote(false);
  }

  @Override public ParsedLine parse(String line, int cursor, ParseContext context) {
    if (context == ParseContext.ACCEPT_LINE) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("\\") && !isQuit(t) && StatementSplitter.incomplete(line)) {
        throw new EOFError(-1, -1, "statement not ended by ;", ";");
      }
    }
    return super.parse(line, cursor, context);
  }

  static boolean isQuit(String t) {
    return t.equals("\\q") || t.equalsIgnoreCase("quit") || t.equalsIgnoreCase("exit");
  }
}
