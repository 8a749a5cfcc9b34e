package dev.toksmith.api;

import java.util.Arrays;

/**
 * Several texts encoded by a {@link WordPooledTokenizer} and padded to the one with the most rows, as
 * a model takes them: C-order arrays {@code ids [texts x words x width]} and {@code lengths},
 * {@code continuation} and {@code mask [texts x words]}. Padding rows are all pad ids with length 0,
 * continuation 0 and mask 0; real rows have mask 1 and come first. The arrays belong to the caller.
 *
 * @param texts number of texts
 * @param words rows per text after padding: the most rows any text has
 * @param width row length: reserved slots plus maximum units per word
 * @param ids unit ids, {@code texts * words * width}
 * @param lengths units per row, {@code texts * words}
 * @param continuation 1 where a row continues the previous row's word, {@code texts * words}
 * @param mask 1 for real rows, 0 for padding rows, {@code texts * words}
 *
 * <pre>{@code
 * WordPooledBatch b = WordPooledTokenizers.bytes(16, 1).encodeBatch(List.of("Hello world", "Hi"));
 * // b.ids() is [2 x b.words() x b.width()], row-major; b.mask() marks the real rows
 * }</pre>
 */
public record WordPooledBatch(int texts, int words, int width, int[] ids, int[] lengths, int[] continuation, int[] mask) {
  /**
   * Checks the shapes.
   *
   * @throws IllegalArgumentException if an array does not have the size the shape asks for
   */
  public WordPooledBatch {
    long rows = (long) texts * words;
    if (texts < 0 || words < 0 || width < 1 || rows * width != ids.length || rows != lengths.length || rows != continuation.length || rows != mask.length) {
      throw new IllegalArgumentException("a word-pooled batch of " + texts + " texts x " + words + " rows x " + width + " units needs " + rows * width + " ids and "
          + rows + " lengths, continuation flags and mask values; it has " + ids.length + ", " + lengths.length + ", " + continuation.length + ", " + mask.length);
    }
  }

  /**
   * Text {@code i} without its padding rows (the rows whose mask is 1, which must come first).
   *
   * @throws IllegalArgumentException if the mask of text {@code i} is not 1s followed by 0s
   */
  public WordPooledEncoding encoding(int i) {
    int from = i * words;
    int real = 0;
    while (real < words && mask[from + real] == 1) real++;
    for (int k = real; k < words; k++) {
      if (mask[from + k] != 0) throw new IllegalArgumentException("text " + i + ": mask must be 1s followed by 0s, found " + mask[from + k] + " at row " + k);
    }
    return new WordPooledEncoding(width, Arrays.copyOfRange(ids, from * width, (from + real) * width), Arrays.copyOfRange(lengths, from, from + real),
        Arrays.copyOfRange(continuation, from, from + real));
  }

  /** Equal when the shape and the arrays' contents are (a record compares arrays by identity). */
  @Override
  public boolean equals(Object o) {
    return o instanceof WordPooledBatch b && texts == b.texts && words == b.words && width == b.width && Arrays.equals(ids, b.ids)
        && Arrays.equals(lengths, b.lengths) && Arrays.equals(continuation, b.continuation) && Arrays.equals(mask, b.mask);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * texts + words) + Arrays.hashCode(ids);
  }

  /** The shape, then the arrays' contents. */
  @Override
  public String toString() {
    return "WordPooledBatch[" + texts + " texts x " + words + " rows x " + width + ", ids=" + Arrays.toString(ids) + ", lengths=" + Arrays.toString(lengths)
        + ", continuation=" + Arrays.toString(continuation) + ", mask=" + Arrays.toString(mask) + "]";
  }
}
