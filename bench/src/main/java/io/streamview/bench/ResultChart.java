package io.streamview.bench;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Draws the run as one PNG: for each row, how many times better StreamView is than the peer or target (log scale;
 * right of the line at 1: StreamView ahead).
 */
final class ResultChart {

  private ResultChart() {
  }

  static void write(Results results, Path png, String title) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Results.Row r : results.rows()) {
      if (Double.isFinite(r.advantage()) && r.advantage() > 0) {
        data.addValue(r.advantage(), "StreamView advantage (×)", r.benchmark() + " · " + r.measure() + " vs " + r.peer());
      }
    }
    JFreeChart chart = ChartFactory.createBarChart(title, null, "times better than the peer (log; >1 = ahead)", data,
        PlotOrientation.HORIZONTAL, false, false, false);
    CategoryPlot plot = chart.getCategoryPlot();
    LogAxis axis = new LogAxis("times better than the peer or target (log scale; right of 1 = StreamView ahead)");
    axis.setSmallestValue(1e-3);
    plot.setRangeAxis(axis);
    plot.addRangeMarker(new ValueMarker(1.0, Color.RED, new BasicStroke(2f)));
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    int height = 160 + 26 * Math.max(1, data.getColumnCount());
    try {
      ChartUtils.saveChartAsPNG(png.toFile(), chart, 1200, height);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + png, e);
    }
  }
}
