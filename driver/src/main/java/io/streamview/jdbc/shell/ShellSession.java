package io.streamview.jdbc.shell;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Runs what a user typed on one connection: SQL statements (results as tables, else {@code OK} and the update
 * count) and backslash commands ({@code \d}, {@code \dn}, {@code \dt}, {@code \dv}, {@code \dm}, {@code \dS},
 * {@code \d NAME}, {@code \dr}, {@code \?}). Errors are printed as {@code ERROR <SQLState>: message}.
 */
final class ShellSession {

  static final String HELP = String.join("\n",
      "Statements end with ';' and may span lines. Commands (one line, no ';'):",
      "  \\d            tables, views and materialized views of every schema",
      "  \\d NAME       columns of a table, view, materialized view or stream (NAME or schema.NAME)",
      "  \\dn           schemas (external schemas with their stream source)",
      "  \\dt \\dv \\dm   tables / views / materialized views only",
      "  \\dS           Redshift system views",
      "  \\dr           refresh state: materialized views (STV_MV_INFO) and shard positions (SYS_STREAM_SCAN_STATES)",
      "  \\?            this help",
      "  \\q            quit (also Ctrl-D)");

  private final Connection connection;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean aligned;

  ShellSession(Connection connection, PrintStream out, PrintStream err, boolean aligned) {
    this.connection = connection;
    this.out = out;
    this.err = err;
    this.aligned = aligned;
  }

  /** Runs one statement or command; whether it succeeded (an error has been printed otherwise). */
  boolean run(String text) {
    String statement = text.strip();
    try {
      if (statement.startsWith("\\")) {
        return command(statement);
      }
      try (Statement s = connection.createStatement();
           RefreshProgressPrinter progress = RefreshProgressPrinter.shows(statement) ? RefreshProgressPrinter.start(err)
               : null) {
        if (s.execute(statement)) {
          try (ResultSet rs = s.getResultSet()) {
            ResultTable.print(rs, out, aligned);
          }
        } else {
          long count = s.getLargeUpdateCount();
          out.println("OK" + (count > 0 ? " " + count : ""));
        }
      }
      return true;
    } catch (SQLException e) {
      err.println("ERROR " + e.getSQLState() + ": " + e.getMessage());
      return false;
    } catch (RuntimeException e) {
      err.println("ERROR: " + e);
      return false;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private boolean command(String text) throws SQLException {
    String[] parts = text.split("\\s+", 2);
    String cmd = parts[0];
    String arg = parts.length > 1 ? parts[1].strip() : "";
    DatabaseMetaData md = connection.getMetaData();
    switch (cmd) {
      case "\\?", "\\h", "\\help":
        out.println(HELP);
        return true;
      case "\\dn":
        try (ResultSet rs = md.getSchemas()) {
          List<String[]> rows = new ArrayList<>();
          while (rs.next()) {
            rows.add(new String[] {rs.getString("TABLE_SCHEM"), nz(rs.getString("REMARKS"))});
          }
          table(List.of("schema", "source"), rows);
        }
        return true;
      case "\\d":
        if (!arg.isEmpty()) {
          return describe(md, arg);
        }
        return relations(md, new String[] {"TABLE", "VIEW", "MATERIALIZED VIEW", "EXTERNAL TABLE"});
      case "\\dt":
        return relations(md, new String[] {"TABLE"});
      case "\\dv":
        return relations(md, new String[] {"VIEW"});
      case "\\dm":
        return relations(md, new String[] {"MATERIALIZED VIEW"});
      case "\\dS":
        return relations(md, new String[] {"SYSTEM VIEW"});
      case "\\dr":
        return run("SELECT schema, name, is_stale, state, autorefresh FROM stv_mv_info ORDER BY schema, name")
            && run("SELECT mv_name, stream_name, partition_id AS shard_id, latest_position, scanned_rows, "
            + "skipped_rows, record_time FROM sys_stream_scan_states ORDER BY mv_name, partition_id");
      default:
        err.println("ERROR: unknown command " + cmd + " (\\? lists the commands)");
        return false;
    }
  }

  private boolean relations(DatabaseMetaData md, String[] types) throws SQLException {
    List<String[]> rows = new ArrayList<>();
    try (ResultSet rs = md.getTables(null, null, "%", types)) {
      while (rs.next()) {
        rows.add(new String[] {rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME"),
            rs.getString("TABLE_TYPE").toLowerCase(Locale.ROOT), nz(rs.getString("REMARKS"))});
      }
    }
    rows.sort((a, b) -> (a[0] + "." + a[1]).compareTo(b[0] + "." + b[1]));
    table(List.of("schema", "name", "type", "remarks"), rows);
    return true;
  }

  private boolean describe(DatabaseMetaData md, String name) throws SQLException {
    String schema = null;
    String table = name;
    int dot = name.indexOf('.');
    if (dot > 0) {
      schema = unquote(name.substring(0, dot));
      table = unquote(name.substring(dot + 1));
    } else {
      table = unquote(name);
    }
    List<String[]> rows = new ArrayList<>();
    String where = null;
    try (ResultSet rs = md.getColumns(null, escape(schema), escape(table), null)) {
      while (rs.next()) {
        String at = rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME");
        if (where == null) {
          where = at;
        } else if (!where.equals(at)) {
          continue; // the first schema that has the name, as a search path would pick it
        }
        String type = rs.getString("TYPE_NAME");
        int size = rs.getInt("COLUMN_SIZE");
        if (type.equals("VARCHAR") || type.equals("CHAR") || type.equals("VARBYTE")) {
          type += "(" + size + ")";
        } else if (type.equals("DECIMAL")) {
          type += "(" + size + "," + rs.getInt("DECIMAL_DIGITS") + ")";
        }
        rows.add(new String[] {rs.getString("COLUMN_NAME"), type, "NO".equals(rs.getString("IS_NULLABLE"))
            ? "not null" : ""});
      }
    }
    if (where == null) {
      err.println("ERROR 42P01: no table, view, materialized view or stream named " + name);
      return false;
    }
    out.println(describeTitle(md, where));
    table(List.of("column", "type", "nullable"), rows);
    return true;
  }

  private String describeTitle(DatabaseMetaData md, String qualified) throws SQLException {
    String[] p = qualified.split("\\.", 2);
    try (ResultSet rs = md.getTables(null, escape(p[0]), escape(p[1]), null)) {
      if (rs.next()) {
        String remarks = rs.getString("REMARKS");
        return rs.getString("TABLE_TYPE").toLowerCase(Locale.ROOT) + " " + qualified
            + (remarks != null ? " — " + remarks : "");
      }
    }
    return qualified;
  }

  private void table(List<String> labels, List<String[]> rows) {
    ResultTable.printAligned(labels, new boolean[labels.size()], rows, out);
    out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
  }

  /** Names for completion: schemas, tables, views, materialized views, streams, system views and their columns. */
  List<String> objectNames() {
    TreeSet<String> names = new TreeSet<>();
    try {
      DatabaseMetaData md = connection.getMetaData();
      try (ResultSet rs = md.getTables(null, null, "%", null)) {
        while (rs.next()) {
          names.add(rs.getString("TABLE_NAME"));
          names.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
        }
      }
      try (ResultSet rs = md.getSchemas()) {
        while (rs.next()) {
          names.add(rs.getString("TABLE_SCHEM"));
        }
      }
      try (ResultSet rs = md.getColumns(null, "public", "%", null)) {
        while (rs.next()) {
          names.add(rs.getString("COLUMN_NAME"));
        }
      }
      try (ResultSet rs = md.getFunctions(null, null, "%")) {
        while (rs.next()) {
          names.add(rs.getString("FUNCTION_NAME"));
        }
      }
    } catch (SQLException e) {
      // completion is a convenience: without names, keywords still complete
    }
    return new ArrayList<>(names);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String unquote(String s) {
    String t = s.strip();
    if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
      return t.substring(1, t.length() - 1).replace("\"\"", "\"");
    }
    return t.toLowerCase(Locale.ROOT);
  }

  private static String escape(String s) {
    return s == null ? null : s.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%");
  }
}
