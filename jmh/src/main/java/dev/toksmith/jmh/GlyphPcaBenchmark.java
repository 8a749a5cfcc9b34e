package dev.toksmith.jmh;

import dev.toksmith.core.linalg.BinaryPca;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * PCA of the glyph matrix of a 65,536-token vocabulary with 32 x 32 cells: 65,536 rows of 1,024
 * bits, 256 components (covariance by popcount, then the full symmetric eigen-decomposition). The
 * rows are synthetic glyphs, a few random horizontal and vertical strokes each, so that columns
 * correlate as real glyph pixels do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = "-Xmx2g")
public class GlyphPcaBenchmark {
  private static final int ROWS = 65_536;
  private static final int CELL = 32;

  private long[][] rows;

  @Setup
  public void drawGlyphs() {
    Random random = new Random(6);
    rows = new long[ROWS][CELL * CELL / 64];
    for (long[] row : rows) {
      int strokes = 3 + random.nextInt(4);
      for (int s = 0; s < strokes; s++) {
        boolean horizontal = random.nextBoolean();
        int fixed = 4 + random.nextInt(CELL - 8);
        int from = random.nextInt(CELL / 2);
        int to = from + 4 + random.nextInt(CELL / 2 - 4);
        for (int t = from; t < to; t++) {
          int pixel = horizontal ? fixed * CELL + t : t * CELL + fixed;
          row[pixel >>> 6] |= 1L << pixel;
        }
      }
    }
  }

  @Benchmark
  public BinaryPca fit256Components() {
    return BinaryPca.fit(rows, CELL * CELL, 256);
  }
}
