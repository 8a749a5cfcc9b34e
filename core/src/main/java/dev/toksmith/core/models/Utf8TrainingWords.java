package dev.toksmith.core.models;

/**
 * A {@link TrainingWords} that can also cut words straight from UTF-8 bytes, without decoding them to
 * a string: for splitters whose words are runs of the input's own bytes (no normalizer).
 */
public interface Utf8TrainingWords extends TrainingWords {

  /**
   * Hands each word of the text {@code utf8[from, to)} to {@code words}, in order, as {@link #count}
   * would for the decoded text; or, if the bytes are not well-formed UTF-8, hands nothing and returns
   * false, so that the caller decodes them (with their U+FFFD) and counts the string.
   */
  boolean countUtf8(byte[] utf8, int from, int to, WordSink words);
}
