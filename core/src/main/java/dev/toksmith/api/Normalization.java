package dev.toksmith.api;

/**
 * Text normalizations a trained tokenizer can apply before splitting, as Hugging Face names them.
 *
 * <pre>{@code
 * Tokenizer t = WordLevelTrainer.builder().normalization(List.of(Normalization.NFKC, Normalization.LOWERCASE))
 *     .build().train(Corpus.of("corpus/")).tokenizer();
 * }</pre>
 */
public enum Normalization {
  /** Canonical composition. */
  NFC,
  /** Canonical decomposition. */
  NFD,
  /** Compatibility composition (e.g. the ligature "ﬁ" becomes "fi"). */
  NFKC,
  /** Compatibility decomposition. */
  NFKD,
  /** Lowercasing, one code point at a time (no context rules such as Greek final sigma). */
  LOWERCASE
}
