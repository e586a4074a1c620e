package io.streamview.bench;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.DecimalFormat;

/**
 * Draws the run as one PNG: for each row, how many times better StreamView is than the peer or target (log scale;
 * right of the line at 1: StreamView ahead, green; left: behind, red).
 */
final class ResultChart {

  private ResultChart() {
  }

  static void write(Results results, Path png, String title) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    double lo = 0.5;
    double hi = 2;
    for (Results.Row r : results.rows()) {
      double a = r.advantage();
      if (Double.isFinite(a) && a > 0) {
        String key = r.benchmark() + " vs " + r.peer();
        if (data.getColumnKeys().contains(key)) {
          key = r.benchmark() + ", " + r.measure() + " vs " + r.peer();
        }
        data.addValue(a, "advantage", key);
        lo = Math.min(lo, a / 2);
        hi = Math.max(hi, a * 2);
      }
    }
    JFreeChart chart = ChartFactory.createBarChart(title, null, null, data, PlotOrientation.HORIZONTAL, false, false,
        false);
    CategoryPlot plot = chart.getCategoryPlot();
    LogAxis axis = new LogAxis("times better than the peer or target (log scale; right of the red line = StreamView ahead)");
    axis.setNumberFormatOverride(new DecimalFormat("0.####"));
    axis.setRange(lo, hi);
    plot.setRangeAxis(axis);
    plot.addRangeMarker(new ValueMarker(1.0, Color.RED, new BasicStroke(2f)));
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.4f);
    BarRenderer renderer = new BarRenderer() {
      @Override public Paint getItemPaint(int row, int column) {
        Number v = data.getValue(row, column);
        return v != null && v.doubleValue() >= 1 ? new Color(0x2e, 0x9d, 0x4f) : new Color(0xd6, 0x45, 0x45);
      }
    };
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setBase(lo);
    renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}×", new DecimalFormat("0.###")));
    renderer.setDefaultItemLabelsVisible(true);
    renderer.setDefaultPositiveItemLabelPosition(new org.jfree.chart.labels.ItemLabelPosition(
        org.jfree.chart.labels.ItemLabelAnchor.OUTSIDE3, org.jfree.chart.ui.TextAnchor.CENTER_LEFT));
    plot.setRenderer(renderer);
    int height = 140 + 24 * Math.max(1, data.getColumnCount());
    try {
      ChartUtils.saveChartAsPNG(png.toFile(), chart, 1400, height);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + png, e);
    }
  }
}
