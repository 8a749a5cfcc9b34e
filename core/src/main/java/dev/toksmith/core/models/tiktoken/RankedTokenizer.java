package dev.toksmith.core.models.tiktoken;

import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.models.TiktokenModel;

/**
 * A tokenizer that is a tiktoken encoding: a split pattern, then byte-pair merges by the ranks of the
 * tokens. What code inside {@code core} needs beyond the {@link Tokenizer} contract to predict its
 * encodings without running it (byte-level language-model scoring); such code asks for this
 * capability, never for a concrete tokenizer class.
 */
public interface RankedTokenizer extends Tokenizer {
  /** The split regex as given ({@code pat_str}). */
  String patternText();

  /** The mergeable ranks: token bytes to rank (id) and back. */
  TiktokenModel model();
}
