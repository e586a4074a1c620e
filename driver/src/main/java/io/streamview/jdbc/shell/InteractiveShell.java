package io.streamview.jdbc.shell;

import io.streamview.jdbc.meta.RedshiftKeywords;

import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The interactive shell on a JLine terminal: history (in a file when one is given), statements over several lines
 * ended by {@code ;}, completion of keywords, functions and object names (reloaded after each statement), aligned
 * result tables, backslash commands. Ends at {@code \q}, {@code quit}, {@code exit} or end of input.
 */
final class InteractiveShell {

  static final String PROMPT = "streamview=> ";
  static final String CONTINUATION = "streamview-> ";

  private final Terminal terminal;
  private final Connection connection;
  private final Path historyFile;
  private volatile List<String> names = List.of();

  InteractiveShell(Terminal terminal, Connection connection, Path historyFile) {
    this.terminal = terminal;
    this.connection = connection;
    this.historyFile = historyFile;
  }

  /** Runs until the user quits; the number of statements that failed. */
  int run(String banner) {
    PrintStream out = new PrintStream(terminal.output(), true, StandardCharsets.UTF_8);
    ShellSession session = new ShellSession(connection, out, out, true);
    LineReaderBuilder builder = LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("streamview")
        .parser(new SqlLineParser())
        .completer((reader, line, candidates) -> {
          for (String k : RedshiftKeywords.COMMON) {
            candidates.add(new Candidate(k, k, "keyword", null, null, null, true));
          }
          for (String k : RedshiftKeywords.NON_SQL2003) {
            candidates.add(new Candidate(k, k, "keyword", null, null, null, true));
          }
          for (String n : names) {
            candidates.add(new Candidate(n, n, "name", null, null, null, true));
          }
        })
        .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
        .option(LineReader.Option.CASE_INSENSITIVE, true)
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
    if (historyFile != null) {
      builder.variable(LineReader.HISTORY_FILE, historyFile);
    }
    LineReader reader = builder.build();
    out.println(banner);
    out.println("Type \\? for help, \\q to quit. Statements end with ';'.");
    names = session.objectNames();
    int failures = 0;
    while (true) {
      String line;
      try {
        line = reader.readLine(PROMPT);
      } catch (UserInterruptException e) {
        continue; // Ctrl-C drops the line being typed
      } catch (EndOfFileException e) {
        break;
      }
      String t = line.strip();
      if (t.isEmpty()) {
        continue;
      }
      if (SqlLineParser.isQuit(t)) {
        break;
      }
      StatementSplitter.Split split = StatementSplitter.split(line);
      List<String> statements = new ArrayList<>(split.statements());
      if (!split.rest().isBlank() && t.startsWith("\\")) {
        statements.add(split.rest());
      }
      boolean changed = false;
      for (String s : statements) {
        if (!session.run(s)) {
          failures++;
        }
        changed |= !s.startsWith("\\") && !s.toLowerCase(Locale.ROOT).startsWith("select");
      }
      if (changed) {
        names = session.objectNames();
      }
    }
    try {
      reader.getHistory().save();
    } catch (java.io.IOException | RuntimeException e) {
      // history is a convenience
    }
    out.flush();
    return failures;
  }
}
