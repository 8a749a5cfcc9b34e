package dev.toksmith.api;

import java.util.Arrays;

/**
 * One text encoded by a {@link WordPooledTokenizer}: a {@code [words x width]} matrix of unit ids in
 * row-major order, each row being the reserved slot ids, then the word's units, then pad ids; the
 * number of units in each row; and whether each row continues the word of the row before (a word
 * longer than the row is cut into chunks). The arrays belong to the caller.
 *
 * @param width row length: reserved slots plus maximum units per word
 * @param ids {@code words * width} unit ids, row after row
 * @param lengths units in each row, slots and padding not counted (1..maxUnits)
 * @param continuation 1 where a row continues the previous row's word, else 0
 *
 * <pre>{@code
 * WordPooledEncoding e = WordPooledTokenizers.bytes(16, 0).encode("Hello world");
 * int rows = e.words();                       // 2: "Hello" and " world"
 * int[] units = e.row(1);                     // the bytes of " world", then pad ids
 * }</pre>
 */
public record WordPooledEncoding(int width, int[] ids, int[] lengths, int[] continuation) {
  /**
   * Checks the shapes.
   *
   * @throws IllegalArgumentException if the arrays do not hold {@code words} rows of {@code width}
   */
  public WordPooledEncoding {
    if (width < 1 || lengths.length != continuation.length || (long) lengths.length * width != ids.length) {
      throw new IllegalArgumentException("a word-pooled encoding needs " + lengths.length + " rows of width " + width + " (" + (long) lengths.length * width + " ids), "
          + continuation.length + " continuation flags; it has " + ids.length + " ids");
    }
  }

  /** Number of rows (words and continuation chunks). */
  public int words() {
    return lengths.length;
  }

  /** A copy of row {@code word}. */
  public int[] row(int word) {
    return Arrays.copyOfRange(ids, word * width, (word + 1) * width);
  }

  /** Equal when the width and the arrays' contents are (a record compares arrays by identity). */
  @Override
  public boolean equals(Object o) {
    return o instanceof WordPooledEncoding e && width == e.width && Arrays.equals(ids, e.ids) && Arrays.equals(lengths, e.lengths) && Arrays.equals(continuation, e.continuation);
  }

  @Override
  public int hashCode() {
    return 31 * width + Arrays.hashCode(ids);
  }

  /** E.g. {@code WordPooledEncoding[width=4, rows=[[72, 105, 256, 256], [33, 256, 256, 256]], lengths=[2, 1], continuation=[0, 0]]}. */
  @Override
  public String toString() {
    StringBuilder rows = new StringBuilder("[");
    for (int k = 0; k < words(); k++) rows.append(k > 0 ? ", " : "").append(Arrays.toString(row(k)));
    return "WordPooledEncoding[width=" + width + ", rows=" + rows.append(']') + ", lengths=" + Arrays.toString(lengths) + ", continuation=" + Arrays.toString(continuation) + "]";
  }
}
