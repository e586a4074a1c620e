package io.streamview.jdbc.shell;

import io.streamview.jdbc.ConnectionProperty;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of the self-contained jar:
 * <pre>
 * java -jar streamview-jdbc-VERSION-all.jar [URL]                       interactive shell (URL: jdbc:streamview:mem:)
 * java -jar streamview-jdbc-VERSION-all.jar URL -e "SQL" -f FILE …      run statements in order, stop at the first error
 * java -jar streamview-jdbc-VERSION-all.jar demo                        the README demo (needs the demo module)
 * </pre>
 * Exit status: 0 success, 1 a statement failed (or the shell ended with failures), 2 bad arguments.
 */
public final class Shell {

  static final String DEFAULT_URL = "jdbc:streamview:mem:";
  static final String DEMO_CLASS = "io.streamview.demo.Demo";

  private Shell() {
  }

  /** Runs the command line; returns the exit status. */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    if (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help"))) {
      usage(out);
      return 0;
    }
    if (args.length > 0 && args[0].equals("demo")) {
      return demo(err);
    }
    String url = DEFAULT_URL;
    int i = 0;
    if (args.length > 0 && !args[0].startsWith("-")) {
      url = args[0];
      i = 1;
    }
    List<String[]> scripts = new ArrayList<>(); // {"-e", sql} or {"-f", path}
    for (; i < args.length; i++) {
      if ((args[i].equals("-e") || args[i].equals("-f")) && i + 1 < args.length) {
        scripts.add(new String[] {args[i], args[++i]});
      } else {
        err.println("unexpected argument: " + args[i] + " (see --help)");
        return 2;
      }
    }
    try (Connection c = DriverManager.getConnection(url)) {
      if (scripts.isEmpty()) {
        return interactive(c, url, in, out);
      }
      ShellSession session = new ShellSession(c, out, err, false);
      for (String[] script : scripts) {
        List<String> statements;
        if (script[0].equals("-e")) {
          statements = statementsOf(script[1], true);
        } else {
          String text;
          try {
            text = script[1].equals("-") ? new String(in.readAllBytes(), StandardCharsets.UTF_8)
                : Files.readString(Path.of(script[1]), StandardCharsets.UTF_8);
          } catch (IOException e) {
            err.println("ERROR: cannot read " + script[1] + ": " + e.getMessage());
            return 1;
          }
          statements = statementsOf(text, false);
        }
        for (String s : statements) {
          if (!session.run(s)) {
            return 1;
          }
        }
      }
      return 0;
    } catch (SQLException e) {
      err.println("ERROR " + e.getSQLState() + ": " + e.getMessage());
      return 1;
    }
  }

  /**
   * The statements of a script. An {@code -e} argument is one statement unless it holds several ended by
   * {@code ;}; a file's last statement may lack its {@code ;}.
   */
  static List<String> statementsOf(String text, boolean single) {
    StatementSplitter.Split split = StatementSplitter.split(text);
    List<String> out = new ArrayList<>(split.statements());
    if (!split.rest().isBlank() && StatementSplitter.incomplete(split.rest())) {
      out.add(split.rest().strip());
    } else if (!split.rest().isBlank() && split.rest().strip().startsWith("\\")) {
      out.add(split.rest().strip());
    }
    if (single && out.isEmpty() && !text.isBlank()) {
      out.add(text.strip());
    }
    return out;
  }

  private static int interactive(Connection c, String url, InputStream in, PrintStream out) {
    try (Terminal terminal = in == System.in
        ? TerminalBuilder.builder().system(true).dumb(true).build()
        : new DumbTerminal("streamview", Terminal.TYPE_DUMB, in, out, StandardCharsets.UTF_8)) {
      Path history = Path.of(System.getProperty("user.home"), ".streamview_history");
      int failures = new InteractiveShell(terminal, c, in == System.in ? history : null)
          .run("StreamView 0.1.0 shell on " + url.replaceAll("(?i)(awsSecretAccessKey|awsSessionToken)=[^;]*", "$1=****"));
      return failures == 0 ? 0 : 1;
    } catch (IOException e) {
      out.println("ERROR: no terminal: " + e.getMessage());
      return 1;
    }
  }

  /** Runs the demo module's {@code Demo} when it is on the class path (it brings the Kinesis emulator). */
  private static int demo(PrintStream err) {
    try {
      Class<?> demo = Class.forName(DEMO_CLASS);
      demo.getMethod("main", String[].class).invoke(null, (Object) new String[0]);
      return 0; // Demo.main exits the JVM with its own status
    } catch (ClassNotFoundException e) {
      err.println("The demo starts kinesis-mock (Node.js) and produces a clickstream; it lives in the demo module,");
      err.println("which this jar does not carry. From a source checkout run:");
      err.println("  mvn -B -q install -DskipTests -Ddemo");
      return 2;
    } catch (ReflectiveOperationException e) {
      err.println("ERROR: the demo failed: " + (e.getCause() != null ? e.getCause() : e));
      return 1;
    }
  }

  private static void usage(PrintStream out) {
    out.println("StreamView JDBC driver 0.1.0");
    out.println("usage: java -jar streamview-jdbc-0.1.0-all.jar [URL]                   interactive SQL shell");
    out.println("       java -jar streamview-jdbc-0.1.0-all.jar URL -e \"SQL\" [-f FILE]...  run statements, exit 1 on error");
    out.println("       java -jar streamview-jdbc-0.1.0-all.jar demo                    the README demo");
    out.println("URLs: jdbc:streamview:mem:  jdbc:streamview:mem:NAME  jdbc:streamview:file:PATH  [;key=value...]");
    out.println("      (default: " + DEFAULT_URL + ")");
    out.println("properties:");
    for (ConnectionProperty p : ConnectionProperty.values()) {
      out.println("  " + p.key() + " - " + p.description());
    }
  }
}
