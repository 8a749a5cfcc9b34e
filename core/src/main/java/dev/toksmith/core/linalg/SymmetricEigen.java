package dev.toksmith.core.linalg;

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix: Householder reduction to tridiagonal form
 * and the implicit QL algorithm (EISPACK's {@code tred2} and {@code tql2}), O(n³); a 1,024 x 1,024
 * matrix takes seconds. Eigenvectors are kept as rows so that the QL rotations touch memory in order.
 */
public final class SymmetricEigen {
  private final double[] values;
  private final double[][] vectors;

  private SymmetricEigen(double[] values, double[][] vectors) {
    this.values = values;
    this.vectors = vectors;
  }

  /**
   * Decomposes {@code matrix} (only read, must be symmetric). Eigenvalues come in descending order;
   * each eigenvector has unit length and its largest-magnitude entry positive, so results do not
   * depend on the solver's sign choices.
   */
  public static SymmetricEigen of(double[][] matrix) {
    int n = matrix.length;
    double[][] v = new double[n][];
    for (int i = 0; i < n; i++) {
      if (matrix[i].length != n) throw new IllegalArgumentException("matrix is not square: row " + i + " has " + matrix[i].length + " entries, not " + n);
      v[i] = matrix[i].clone();
    }
    double[] d = new double[n];
    double[] e = new double[n];
    if (n > 0) {
      tridiagonalize(v, d, e);
      double[][] rows = transpose(v);
      diagonalize(rows, d, e);
      return sorted(d, rows);
    }
    return new SymmetricEigen(d, v);
  }

  /** Eigenvalues, largest first. */
  public double[] values() {
    return values.clone();
  }

  /** The eigenvector of {@code values()[k]}. */
  public double[] vector(int k) {
    return vectors[k].clone();
  }

  /** Householder reduction: {@code v} becomes the orthogonal transformation (as columns), d the diagonal, e the subdiagonal. */
  private static void tridiagonalize(double[][] v, double[] d, double[] e) {
    int n = v.length;
    System.arraycopy(v[n - 1], 0, d, 0, n);
    for (int i = n - 1; i > 0; i--) {
      double scale = 0;
      double h = 0;
      for (int k = 0; k < i; k++) scale += Math.abs(d[k]);
      if (scale == 0) {
        e[i] = d[i - 1];
        for (int j = 0; j < i; j++) {
          d[j] = v[i - 1][j];
          v[i][j] = 0;
          v[j][i] = 0;
        }
      } else {
        for (int k = 0; k < i; k++) {
          d[k] /= scale;
          h += d[k] * d[k];
        }
        double f = d[i - 1];
        double g = Math.sqrt(h);
        if (f > 0) g = -g;
        e[i] = scale * g;
        h -= f * g;
        d[i - 1] = f - g;
        for (int j = 0; j < i; j++) e[j] = 0;
        for (int j = 0; j < i; j++) {
          f = d[j];
          v[j][i] = f;
          g = e[j] + v[j][j] * f;
          for (int k = j + 1; k <= i - 1; k++) {
            g += v[k][j] * d[k];
            e[k] += v[k][j] * f;
          }
          e[j] = g;
        }
        f = 0;
        for (int j = 0; j < i; j++) {
          e[j] /= h;
          f += e[j] * d[j];
        }
        double hh = f / (h + h);
        for (int j = 0; j < i; j++) e[j] -= hh * d[j];
        for (int j = 0; j < i; j++) {
          f = d[j];
          g = e[j];
          for (int k = j; k <= i - 1; k++) v[k][j] -= f * e[k] + g * d[k];
          d[j] = v[i - 1][j];
          v[i][j] = 0;
        }
      }
      d[i] = h;
    }
    // Accumulate the transformations.
    for (int i = 0; i < n - 1; i++) {
      v[n - 1][i] = v[i][i];
      v[i][i] = 1;
      double h = d[i + 1];
      if (h != 0) {
        for (int k = 0; k <= i; k++) d[k] = v[k][i + 1] / h;
        for (int j = 0; j <= i; j++) {
          double g = 0;
          for (int k = 0; k <= i; k++) g += v[k][i + 1] * v[k][j];
          for (int k = 0; k <= i; k++) v[k][j] -= g * d[k];
        }
      }
      for (int k = 0; k <= i; k++) v[k][i + 1] = 0;
    }
    for (int j = 0; j < n; j++) {
      d[j] = v[n - 1][j];
      v[n - 1][j] = 0;
    }
    v[n - 1][n - 1] = 1;
    e[0] = 0;
  }

  /** Implicit QL on the tridiagonal (d, e); {@code w} holds the transformation as rows and gets the eigenvectors. */
  private static void diagonalize(double[][] w, double[] d, double[] e) {
    int n = d.length;
    for (int i = 1; i < n; i++) e[i - 1] = e[i];
    e[n - 1] = 0;
    double f = 0;
    double tst1 = 0;
    double eps = Math.ulp(1.0);
    for (int l = 0; l < n; l++) {
      tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
      int m = l;
      while (m < n && Math.abs(e[m]) > eps * tst1) m++;
      if (m == n) m = n - 1;
      if (m > l) {
        do {
          double g = d[l];
          double p = (d[l + 1] - g) / (2 * e[l]);
          double r = Math.hypot(p, 1);
          if (p < 0) r = -r;
          d[l] = e[l] / (p + r);
          d[l + 1] = e[l] * (p + r);
          double dl1 = d[l + 1];
          double h = g - d[l];
          for (int i = l + 2; i < n; i++) d[i] -= h;
          f += h;
          p = d[m];
          double c = 1;
          double c2 = c;
          double c3 = c;
          double el1 = e[l + 1];
          double s = 0;
          double s2 = 0;
          for (int i = m - 1; i >= l; i--) {
            c3 = c2;
            c2 = c;
            s2 = s;
            g = c * e[i];
            h = c * p;
            r = Math.hypot(p, e[i]);
            e[i + 1] = s * r;
            s = e[i] / r;
            c = p / r;
            p = c * d[i] - s * g;
            d[i + 1] = h + s * (c * g + s * d[i]);
            double[] a = w[i];
            double[] b = w[i + 1];
            for (int k = 0; k < n; k++) {
              double t = b[k];
              b[k] = s * a[k] + c * t;
              a[k] = c * a[k] - s * t;
            }
          }
          p = -s * s2 * c3 * el1 * e[l] / dl1;
          e[l] = s * p;
          d[l] = c * p;
        } while (Math.abs(e[l]) > eps * tst1);
      }
      d[l] += f;
      e[l] = 0;
    }
  }

  private static double[][] transpose(double[][] m) {
    int n = m.length;
    double[][] t = new double[n][n];
    for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) t[j][i] = m[i][j];
    return t;
  }

  private static SymmetricEigen sorted(double[] d, double[][] rows) {
    int n = d.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    java.util.Arrays.sort(order, (a, b) -> Double.compare(d[b], d[a]));
    double[] values = new double[n];
    double[][] vectors = new double[n][];
    for (int k = 0; k < n; k++) {
      values[k] = d[order[k]];
      double[] vec = rows[order[k]];
      int largest = 0;
      for (int i = 1; i < n; i++) if (Math.abs(vec[i]) > Math.abs(vec[largest]) + 1e-12) largest = i;
      if (vec[largest] < 0) for (int i = 0; i < n; i++) vec[i] = -vec[i];
      vectors[k] = vec;
    }
    return new SymmetricEigen(values, vectors);
  }
}
