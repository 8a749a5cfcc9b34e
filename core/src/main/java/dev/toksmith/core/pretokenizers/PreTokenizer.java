package dev.toksmith.core.pretokenizers;

import dev.toksmith.core.NormalizedString;

/**
 * Splits normalized text into pieces that the model tokenizes independently. Implementations are
 * immutable and thread-safe.
 */
public interface PreTokenizer {

  /**
   * Splits {@code segment} and reports each non-empty piece in order. May change {@code segment}
   * first (a prefix space, for example); reported pieces index the changed text.
   */
  void preTokenize(NormalizedString segment, PieceSink pieces);

  /**
   * Whether pieces reach the model as bytes (Hugging Face's ByteLevel rewrites each byte as a
   * character; toksmith hands the model the bytes themselves).
   */
  default boolean byteLevel() {
    return false;
  }
}
