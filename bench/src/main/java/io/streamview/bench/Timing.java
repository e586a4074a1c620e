package io.streamview.bench;

import java.util.Arrays;

/** Wall-clock helpers. */
final class Timing {

  private Timing() {
  }

  interface Body {
    void run() throws Exception;
  }

  /** Seconds {@code body} took. */
  static double seconds(Body body) throws Exception {
    long t0 = System.nanoTime();
    body.run();
    return (System.nanoTime() - t0) / 1e9;
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
