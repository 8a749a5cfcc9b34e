package dev.toksmith;

import java.util.Arrays;

/**
 * A Levenshtein alignment of two code point sequences (unit costs for insertion, deletion and
 * substitution): which positions of the second ("noisy") sequence line up with each position of the
 * first ("clean") one.
 *
 * <p>A <em>position</em> is a gap between code points: position {@code i} of a sequence lies before
 * its code point {@code i}, position {@code n} at its end. The alignment is a path of positions
 * {@code (i, j)} from {@code (0, 0)} to {@code (n, m)}; each step matches or substitutes a code point
 * (both advance), deletes a clean one (only {@code i} advances) or inserts a noisy one (only {@code
 * j}). A clean position therefore lines up with a run of noisy positions {@link #firstNoisy(int)}..
 * {@link #lastNoisy(int)}: one position where the texts agree, several where noisy code points were
 * inserted at that gap; consecutive clean positions whose code points were deleted all line up with
 * the same noisy position. Among optimal paths, the one traced back from the end preferring
 * match/substitution, then deletion, then insertion is taken, so the result is deterministic.
 *
 * <p>Cost: the dynamic program runs in a diagonal band that doubles until it provably holds an
 * optimal path (Ukkonen's cut-off: a path leaving a band of {@code t} diagonals beyond the two
 * corners costs at least {@code |n - m| + 2t + 2}). Time is O(n·(|n - m| + d)) for edit distance
 * {@code d}, at worst O(n·m) for unrelated texts; memory keeps a band row every √n rows and recomputes
 * one block of rows at a time while tracing back, O(√n·(|n - m| + d)), instead of the full table.
 *
 * <pre>{@code
 * EditAlignment a = EditAlignment.of("court", "c0urt");
 * int distance = a.distance();            // 1
 * int lined = a.firstNoisy(2);            // 2
 * }</pre>
 */
public final class EditAlignment {
  private static final int INFINITY = Integer.MAX_VALUE / 2;
  private static final int FIRST_EXTRA_DIAGONALS = 32;

  private final int distance;
  private final int[] firstNoisy;
  private final int[] lastNoisy;

  private EditAlignment(int distance, int[] firstNoisy, int[] lastNoisy) {
    this.distance = distance;
    this.firstNoisy = firstNoisy;
    this.lastNoisy = lastNoisy;
  }

  /** Aligns two texts by code points. */
  public static EditAlignment of(String clean, String noisy) {
    return of(clean.codePoints().toArray(), noisy.codePoints().toArray());
  }

  /** Aligns two code point sequences. */
  public static EditAlignment of(int[] clean, int[] noisy) {
    int n = clean.length;
    int m = noisy.length;
    for (int extra = FIRST_EXTRA_DIAGONALS; ; extra *= 2) {
      Band band = new Band(clean, noisy, extra);
      int distance = band.forward();
      boolean wholeTable = band.lo == -n && band.hi == m;
      if (wholeTable || (long) distance <= (long) Math.abs(n - m) + 2L * extra + 1) return band.traceBack(distance);
    }
  }

  /** The edit distance: insertions + deletions + substitutions of the alignment. */
  public int distance() {
    return distance;
  }

  /** The first noisy position that clean position {@code i} (0..n) lines up with. */
  public int firstNoisy(int i) {
    return firstNoisy[i];
  }

  /** The last noisy position that clean position {@code i} (0..n) lines up with. */
  public int lastNoisy(int i) {
    return lastNoisy[i];
  }

  /**
   * The dynamic program restricted to diagonals {@code lo <= j - i <= hi}; row {@code i} is stored by
   * {@code k = j - i - lo}, so {@code (i-1, j-1)} is {@code k} of the row above, {@code (i-1, j)} is
   * {@code k + 1}, and {@code (i, j-1)} is {@code k - 1} of the same row.
   */
  private static final class Band {
    final int[] clean;
    final int[] noisy;
    final int lo;
    final int hi;
    final int width;
    /** Rows kept every {@code step} rows: row {@code c * step} is {@code checkpoints[c]}. */
    final int step;
    final int[][] checkpoints;

    Band(int[] clean, int[] noisy, int extra) {
      this.clean = clean;
      this.noisy = noisy;
      int n = clean.length;
      int m = noisy.length;
      lo = (int) Math.max(-(long) n, Math.min(0, m - n) - (long) extra);
      hi = (int) Math.min(m, Math.max(0, m - n) + (long) extra);
      width = hi - lo + 1;
      step = Math.max(1, (int) Math.sqrt(n));
      checkpoints = new int[n / step + 1][];
    }

    /** Fills the band row by row, keeping the checkpoint rows; returns the distance. */
    int forward() {
      int n = clean.length;
      int[] previous = new int[width];
      int[] current = new int[width];
      firstRow(previous);
      checkpoints[0] = previous.clone();
      for (int i = 1; i <= n; i++) {
        row(i, previous, current);
        if (i % step == 0) checkpoints[i / step] = current.clone();
        int[] swap = previous;
        previous = current;
        current = swap;
      }
      return previous[noisy.length - n - lo];
    }

    void firstRow(int[] row) {
      for (int k = 0; k < width; k++) {
        int j = lo + k;
        row[k] = j >= 0 && j <= noisy.length ? j : INFINITY;
      }
    }

    void row(int i, int[] above, int[] row) {
      int m = noisy.length;
      int c = clean[i - 1];
      // Only k with 0 <= j <= m are cells of the table; the rest stay infinite.
      int from = Math.max(0, -i - lo);
      int to = Math.min(width - 1, m - i - lo);
      Arrays.fill(row, 0, Math.min(from, width), INFINITY);
      if (to + 1 < width) Arrays.fill(row, Math.max(to + 1, 0), width, INFINITY);
      if (from > to) return;
      // The first cell has no left neighbour and perhaps no diagonal (j = 0); the last, perhaps no
      // cell above. The cells between have all three, which keeps the hot loop free of tests.
      int j = i + lo + from;
      int left = j >= 1 ? above[from] + (c == noisy[j - 1] ? 0 : 1) : INFINITY;
      if (from + 1 < width) left = Math.min(left, above[from + 1] + 1);
      row[from] = left = Math.min(left, INFINITY);
      int inner = Math.min(to, width - 2);
      int noisyAt = i + lo - 1; // noisy index of the diagonal step into cell k is noisyAt + k
      for (int k = from + 1; k <= inner; k++) {
        int best = Math.min(above[k] + (c == noisy[noisyAt + k] ? 0 : 1), Math.min(above[k + 1], left) + 1);
        row[k] = left = Math.min(best, INFINITY);
      }
      if (to > inner && to > from) row[to] = Math.min(Math.min(above[to] + (c == noisy[noisyAt + to] ? 0 : 1), left + 1), INFINITY);
    }

    /** Walks from {@code (n, m)} back to {@code (0, 0)}, recomputing one block of rows at a time. */
    EditAlignment traceBack(int distance) {
      int n = clean.length;
      int[] first = new int[n + 1];
      int[] last = new int[n + 1];
      Arrays.fill(first, Integer.MAX_VALUE);
      Arrays.fill(last, -1);
      int[][] block = new int[step + 1][width];
      int i = n;
      int j = noisy.length;
      visit(first, last, i, j);
      while (i > 0) {
        int start = (i - 1) / step * step;
        System.arraycopy(checkpoints[start / step], 0, block[0], 0, width);
        for (int r = start + 1; r <= i; r++) row(r, block[r - start - 1], block[r - start]);
        while (i > start) {
          int[] row = block[i - start];
          int[] above = block[i - start - 1];
          int k = j - i - lo;
          int here = row[k];
          if (j >= 1 && above[k] + (clean[i - 1] == noisy[j - 1] ? 0 : 1) == here) {
            i--;
            j--;
          } else if (k + 1 < width && above[k + 1] + 1 == here) {
            i--;
          } else {
            j--;
          }
          visit(first, last, i, j);
        }
      }
      while (j > 0) visit(first, last, 0, --j);
      return new EditAlignment(distance, first, last);
    }

    private static void visit(int[] first, int[] last, int i, int j) {
      first[i] = Math.min(first[i], j);
      last[i] = Math.max(last[i], j);
    }
  }
}
