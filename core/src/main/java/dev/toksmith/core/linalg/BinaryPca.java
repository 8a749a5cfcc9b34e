package dev.toksmith.core.linalg;

import java.util.stream.IntStream;

/**
 * Principal component analysis of a matrix of 0/1 entries (glyph bitmaps), rows given as bit sets
 * ({@code long} words, bit {@code j % 64} of word {@code j / 64} is column j). The covariance comes
 * from column co-occurrence counts (AND and popcount, exact integers), which takes about a second
 * for 65,536 rows of 1,024 columns; the components from {@link SymmetricEigen}.
 */
public final class BinaryPca {
  private final double[] mean;
  private final double[][] components;
  private final double[] offsets;
  private final double explainedVariance;

  private BinaryPca(double[] mean, double[][] components, double explainedVariance) {
    this.mean = mean;
    this.components = components;
    this.explainedVariance = explainedVariance;
    offsets = new double[components.length];
    for (int c = 0; c < components.length; c++) {
      for (int j = 0; j < mean.length; j++) offsets[c] += components[c][j] * mean[j];
    }
  }

  /**
   * Fits {@code count} components to {@code rows}, each of {@code columns} bits.
   *
   * @throws IllegalArgumentException if there are fewer than two rows or {@code count} is not in 1..columns
   */
  public static BinaryPca fit(long[][] rows, int columns, int count) {
    if (count < 1 || count > columns) throw new IllegalArgumentException("components " + count + " outside 1.." + columns);
    if (rows.length < 2) throw new IllegalArgumentException("PCA needs at least two rows, got " + rows.length);
    int n = rows.length;
    int words = (n + 63) / 64;
    // Columns as bit sets over the rows, so that co-occurrence is AND + popcount.
    long[][] byColumn = new long[columns][words];
    long[] ones = new long[columns];
    for (int r = 0; r < n; r++) {
      long[] row = rows[r];
      for (int w = 0; w < row.length; w++) {
        for (long bits = row[w]; bits != 0; bits &= bits - 1) {
          int j = w * 64 + Long.numberOfTrailingZeros(bits);
          byColumn[j][r >>> 6] |= 1L << r;
          ones[j]++;
        }
      }
    }
    double[] mean = new double[columns];
    for (int j = 0; j < columns; j++) mean[j] = ones[j] / (double) n;
    double[][] covariance = new double[columns][columns];
    IntStream.range(0, columns).parallel().forEach(i -> {
      long[] a = byColumn[i];
      for (int j = i; j < columns; j++) {
        long[] b = byColumn[j];
        long both = 0;
        for (int w = 0; w < words; w++) both += Long.bitCount(a[w] & b[w]);
        covariance[i][j] = (both - n * mean[i] * mean[j]) / (n - 1);
      }
    });
    for (int i = 0; i < columns; i++) for (int j = 0; j < i; j++) covariance[i][j] = covariance[j][i];
    SymmetricEigen eigen = SymmetricEigen.of(covariance);
    double[] values = eigen.values();
    double total = 0;
    double kept = 0;
    for (int k = 0; k < values.length; k++) {
      total += Math.max(0, values[k]);
      if (k < count) kept += Math.max(0, values[k]);
    }
    double[][] components = new double[count][];
    for (int c = 0; c < count; c++) components[c] = eigen.vector(c);
    return new BinaryPca(mean, components, total == 0 ? 1 : kept / total);
  }

  /** Number of components. */
  public int dimensions() {
    return components.length;
  }

  /** Share of the total variance the components keep, in 0..1. */
  public double explainedVariance() {
    return explainedVariance;
  }

  /** The column means the data is centred on. */
  public double[] mean() {
    return mean.clone();
  }

  /** Component {@code c} (a unit vector over the columns), largest variance first. */
  public double[] component(int c) {
    return components[c].clone();
  }

  /** The centred row projected on the components: {@code (row - mean) . component[c]} for each c. */
  public double[] project(long[] row) {
    double[] out = new double[components.length];
    for (int c = 0; c < components.length; c++) {
      double[] component = components[c];
      double sum = -offsets[c];
      for (int w = 0; w < row.length; w++) {
        for (long bits = row[w]; bits != 0; bits &= bits - 1) sum += component[w * 64 + Long.numberOfTrailingZeros(bits)];
      }
      out[c] = sum;
    }
    return out;
  }
}
