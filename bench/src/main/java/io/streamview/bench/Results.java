package io.streamview.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The table of one run: each row is a StreamView figure beside one peer's figure from the same run (or beside a
 * target), with the ratio StreamView ÷ peer. Written as markdown and CSV; {@link ResultChart} draws it.
 */
public final class Results {

  /** Which way is better for a measure. */
  public enum Better { HIGHER, LOWER }

  /**
   * One comparison.
   *
   * @param benchmark the benchmark, e.g. "1 ingest"
   * @param measure   what was measured, e.g. "records/s"
   * @param ours      StreamView's figure
   * @param peer      the peer (or "target")
   * @param peerValue the peer's figure
   * @param verdict   the target this row decides, with "met"/"missed", or empty
   */
  public record Row(String benchmark, String measure, Better better, double ours, String peer, double peerValue,
                    String verdict) {

    public double ratio() {
      return ours / peerValue;
    }

    /** How many times better StreamView is than the peer (above 1: ahead; below 1: behind). */
    public double advantage() {
      return better == Better.HIGHER ? ours / peerValue : peerValue / ours;
    }
  }

  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  public synchronized void add(String benchmark, String measure, Better better, double ours, String peer,
                               double peerValue, String verdict) {
    Row row = new Row(benchmark, measure, better, ours, peer, peerValue, verdict == null ? "" : verdict);
    rows.add(row);
    System.out.printf(Locale.ROOT, "  %-22s %-34s StreamView %14s | %-22s %14s | ratio %8.3f %s%n", benchmark,
        measure, fmt(ours), peer, fmt(peerValue), row.ratio(), row.verdict());
  }

  public synchronized void note(String note) {
    notes.add(note);
    System.out.println("  note: " + note);
  }

  public synchronized List<Row> rows() {
    return List.copyOf(rows);
  }

  /** A verdict text for a target. */
  public static String target(String what, boolean met) {
    return "target " + what + ": " + (met ? "met" : "MISSED");
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    double a = Math.abs(v);
    if (a >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }

  /** Writes {@code results.md} and {@code results.csv} into {@code dir}. */
  public synchronized void write(Path dir, String header) {
    try {
      Files.createDirectories(dir);
      StringBuilder md = new StringBuilder(header).append("\n\n");
      md.append("| benchmark | measure | StreamView | peer | peer's figure | ratio StreamView ÷ peer | better | target |\n");
      md.append("| --- | --- | ---: | --- | ---: | ---: | --- | --- |\n");
      StringBuilder csv = new StringBuilder("benchmark,measure,streamview,peer,peer_value,ratio,better,verdict\n");
      for (Row r : rows) {
        md.append("| ").append(r.benchmark()).append(" | ").append(r.measure()).append(" | ").append(fmt(r.ours()))
            .append(" | ").append(r.peer()).append(" | ").append(fmt(r.peerValue())).append(" | ")
            .append(String.format(Locale.ROOT, "%.3f", r.ratio())).append(" | ")
            .append(r.better() == Better.HIGHER ? "higher" : "lower").append(" | ").append(r.verdict()).append(" |\n");
        csv.append(csv(r.benchmark())).append(',').append(csv(r.measure())).append(',').append(r.ours()).append(',')
            .append(csv(r.peer())).append(',').append(r.peerValue()).append(',')
            .append(String.format(Locale.ROOT, "%.4f", r.ratio())).append(',')
            .append(r.better() == Better.HIGHER ? "higher" : "lower").append(',').append(csv(r.verdict())).append('\n');
      }
      if (!notes.isEmpty()) {
        md.append("\nNotes:\n\n");
        for (String n : notes) {
          md.append("- ").append(n).append('\n');
        }
      }
      Files.writeString(dir.resolve("results.md"), md);
      Files.writeString(dir.resolve("results.csv"), csv);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write results to " + dir, e);
    }
  }

  /** The rows of a {@code results.csv} this class wrote (to draw its chart again). */
  public static Results readCsv(Path csv) {
    Results r = new Results();
    try {
      List<String> lines = Files.readAllLines(csv);
      for (String line : lines.subList(1, lines.size())) {
        List<String> f = splitCsv(line);
        r.rows.add(new Row(f.get(0), f.get(1), f.get(6).equals("higher") ? Better.HIGHER : Better.LOWER,
            Double.parseDouble(f.get(2)), f.get(3), Double.parseDouble(f.get(4)), f.get(7)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + csv, e);
    }
    return r;
  }

  private static List<String> splitCsv(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }
}
