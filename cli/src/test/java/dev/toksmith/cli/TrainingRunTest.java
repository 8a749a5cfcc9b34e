package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The summaries' numbers, written without java.util.Formatter, must read as %.Nf wrote them. */
class TrainingRunTest {
  @Test
  void decimalWritesWhatFormatWrites() {
    double[] edges = {0, 0.04, 0.05, 0.05000001, 0.15, 0.25, 0.95, 0.99995, 9.95, 99.99995, 100, 123.45, 1e7, 2.5e-5, Double.NaN, Double.POSITIVE_INFINITY};
    for (double value : edges) check(value);
    SplittableRandom random = new SplittableRandom(19);
    for (int i = 0; i < 100_000; i++) {
      // Seconds of a run, and percentages near 100 with many digits, as the summaries print them.
      check(random.nextDouble() * Math.pow(10, random.nextInt(-3, 5)));
      check(100 * (1 - random.nextDouble() / Math.pow(10, random.nextInt(1, 9))));
    }
  }

  private static void check(double value) {
    for (int places : new int[] {1, 4}) {
      assertEquals(String.format(Locale.ROOT, "%." + places + "f", value), TrainingRun.decimal(value, places), value + " to " + places + " places");
    }
  }
}
