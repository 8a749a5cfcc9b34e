package dev.toksmith.core.models;

/**
 * A {@link TrainingWords} that can also cut words straight from UTF-8 bytes, without decoding them to
 * a string: for splitters whose words are runs of the input's own bytes (no normalizer).
 */
public interface Utf8TrainingWords extends TrainingWords {

  /**
   * Hands each word of the text {@code utf8[from, to)} to {@code words}, in order, as {@link #count}
   * would for the decoded text, up to the first sequence that is not well-formed UTF-8. Returns
   * {@code to} when all were handed over; otherwise where it stopped, a character boundary before
   * the ill-formed sequence from which the text splits as it does whole, so that the caller decodes
   * the rest (with its U+FFFD) and counts it with {@link #count}.
   */
  int countUtf8(byte[] utf8, int from, int to, WordSink words);
}
