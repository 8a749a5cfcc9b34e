package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Numbers written without java.util.Formatter must read as %.Nf wrote them. */
class DecimalsTest {
  @Test
  void fixedWritesWhatFormatWrites() {
    double[] edges = {0, 0.04, 0.05, 0.05000001, 0.15, 0.25, 0.95, 0.99995, 9.95, 99.99995, 100, 123.45, 1e7, 2.5e-5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, -0.001, -0.004, -0.005, -0.5, -12.3456};
    for (double value : edges) check(value);
    SplittableRandom random = new SplittableRandom(19);
    for (int i = 0; i < 100_000; i++) {
      // Seconds of a run, and percentages near 100 with many digits, as the summaries print them.
      check(random.nextDouble() * Math.pow(10, random.nextInt(-3, 5)));
      check(100 * (1 - random.nextDouble() / Math.pow(10, random.nextInt(1, 9))));
      // Comparison ratios and shares, which may be negative (a reduction that lengthens).
      check((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-4, 3)));
    }
  }

  private static void check(double value) {
    for (int places = 0; places <= 4; places++) {
      assertEquals(String.format(Locale.ROOT, "%." + places + "f", value), Decimals.fixed(value, places), value + " to " + places + " places");
    }
  }
}
