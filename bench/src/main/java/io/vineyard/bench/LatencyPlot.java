package io.vineyard.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The PNG of put and get latency (p50) against value size, ours beside Redis, log-log. */
final class LatencyPlot {
  private LatencyPlot() {}

  @SuppressWarnings("unchecked")
  static void write(Map<String, Object> sweep, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<Long> sizes = (List<Long>) sweep.get("sizes");
    double[] x = sizes.stream().mapToDouble(Long::doubleValue).toArray();
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(560)
            .title("put and get latency (p50) against value size")
            .xAxisTitle("value size (bytes)")
            .yAxisTitle("latency (µs)")
            .build();
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    series(chart, "vineyard (runtime process)", x, (Map<String, List<Double>>) sweep.get("ours"));
    series(chart, "Redis (Jedis)", x, (Map<String, List<Double>>) sweep.get("redis"));
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private static void series(XYChart chart, String name, double[] x, Map<String, List<Double>> s) {
    if (s == null) {
      return;
    }
    chart
        .addSeries(name + " put", x, s.get("put_us").stream().mapToDouble(d -> d).toArray())
        .setMarker(SeriesMarkers.CIRCLE);
    chart
        .addSeries(name + " get", x, s.get("get_us").stream().mapToDouble(d -> d).toArray())
        .setMarker(SeriesMarkers.DIAMOND);
  }
}
