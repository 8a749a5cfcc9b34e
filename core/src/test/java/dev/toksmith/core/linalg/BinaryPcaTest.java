package dev.toksmith.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The solver and the PCA against brute force: a dense covariance and Jacobi rotations. */
class BinaryPcaTest {

  @Test
  void aTwoByTwoByHand() {
    SymmetricEigen e = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}});
    assertArrayEquals(new double[] {3, 1}, e.values(), 1e-12);
    double r = Math.sqrt(0.5);
    assertArrayEquals(new double[] {r, r}, e.vector(0), 1e-12);
    assertArrayEquals(new double[] {r, -r}, e.vector(1), 1e-12);
  }

  @Test
  void matchesBruteForceOnARandomBinaryMatrix() {
    Random random = new Random(6);
    int n = 70;
    int d = 9;
    double[][] x = new double[n][d];
    long[][] bits = new long[n][1];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < d; j++) {
        // Correlated columns, so that the spectrum is spread.
        boolean on = random.nextDouble() < (j < 3 ? 0.7 : 0.2) || (j > 0 && x[r][j - 1] > 0 && random.nextBoolean());
        if (on) {
          x[r][j] = 1;
          bits[r][0] |= 1L << j;
        }
      }
    }
    double[] mean = new double[d];
    for (double[] row : x) for (int j = 0; j < d; j++) mean[j] += row[j] / n;
    double[][] cov = new double[d][d];
    for (double[] row : x) for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) cov[i][j] += (row[i] - mean[i]) * (row[j] - mean[j]) / (n - 1);

    double[][] jacobiVectors = new double[d][d];
    double[] jacobiValues = jacobi(cov, jacobiVectors);
    Integer[] order = new Integer[d];
    for (int i = 0; i < d; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> Double.compare(jacobiValues[b], jacobiValues[a]));

    SymmetricEigen eigen = SymmetricEigen.of(cov);
    BinaryPca pca = BinaryPca.fit(bits, d, 4);
    assertArrayEquals(mean, pca.mean(), 1e-12);
    double total = Arrays.stream(jacobiValues).sum();
    double kept = 0;
    for (int k = 0; k < d; k++) {
      double[] expected = new double[d];
      for (int i = 0; i < d; i++) expected[i] = jacobiVectors[i][order[k]];
      assertEquals(jacobiValues[order[k]], eigen.values()[k], 1e-10);
      double dot = 0;
      for (int i = 0; i < d; i++) dot += expected[i] * eigen.vector(k)[i];
      assertEquals(1, Math.abs(dot), 1e-8, "eigenvector " + k);
      if (k < 4) {
        kept += jacobiValues[order[k]];
        assertArrayEquals(eigen.vector(k), pca.component(k), 1e-10);
        for (int r = 0; r < n; r++) {
          double projected = 0;
          for (int i = 0; i < d; i++) projected += (x[r][i] - mean[i]) * eigen.vector(k)[i];
          assertEquals(projected, pca.project(bits[r])[k], 1e-10);
        }
      }
    }
    assertEquals(kept / total, pca.explainedVariance(), 1e-10);
  }

  /** Cyclic Jacobi rotations until the off-diagonal vanishes; returns the eigenvalues, vectors as columns. */
  private static double[] jacobi(double[][] matrix, double[][] vectors) {
    int n = matrix.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = matrix[i].clone();
      vectors[i][i] = 1;
    }
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      for (int p = 0; p < n; p++) for (int q = p + 1; q < n; q++) off += a[p][q] * a[p][q];
      if (off < 1e-30) break;
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          if (a[p][q] == 0) continue;
          double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) t = 1;
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
          }
          for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
          }
          for (int k = 0; k < n; k++) {
            double vkp = vectors[k][p];
            double vkq = vectors[k][q];
            vectors[k][p] = c * vkp - s * vkq;
            vectors[k][q] = s * vkp + c * vkq;
          }
        }
      }
    }
    double[] values = new double[n];
    for (int i = 0; i < n; i++) values[i] = a[i][i];
    return values;
  }
}
