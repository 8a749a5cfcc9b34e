package dev.toksmith.api;

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
    return java.util.Arrays.copyOfRange(ids, word * width, (word + 1) * width);
  }
}
