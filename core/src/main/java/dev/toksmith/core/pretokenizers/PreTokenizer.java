package dev.toksmith.core.pretokenizers;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.unicode.NormalizedString;

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
   * What this pre-tokenizer does at {@code text[at]}, for cutting a long text into windows: asked
   * where {@code text[at]} is a space between two ASCII letters or digits ({@link Boundary#isWordGap}),
   * in the text as the stages before made it. {@link Boundary#UNKNOWN} unless the pre-tokenizer knows.
   */
  default Boundary boundaryAt(CharSequence text, int at) {
    return Boundary.UNKNOWN;
  }

  /**
   * Whether pieces reach the model as bytes (Hugging Face's ByteLevel rewrites each byte as a
   * character; toksmith hands the model the bytes themselves).
   */
  default boolean byteLevel() {
    return false;
  }

  /**
   * This pre-tokenizer as {@code Tokenizer.description()} shows it: its tokenizer.json {@code type} (the one
   * place that names it: the tokenizer.json registry takes it from here) and its parameters.
   */
  Stage describe();
}
