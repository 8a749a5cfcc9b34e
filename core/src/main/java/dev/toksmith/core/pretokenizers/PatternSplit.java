package dev.toksmith.core.pretokenizers;

/**
 * A pre-tokenizer that is one split of its segment by a pattern ({@link Split}, {@link Digits},
 * {@link Punctuation}, {@link CharDelimiterSplit}): what it does, for code that runs the split on
 * another form of the text, such as {@link ByteLevelSplitter} on UTF-8 bytes.
 */
public interface PatternSplit extends PreTokenizer {
  /** The pattern, which finds the matches. */
  SplitPattern splitPattern();

  /** How matches and gaps become pieces. */
  SplitBehavior splitBehavior();

  /** Whether the gaps are taken as the matches. */
  default boolean splitInverted() {
    return false;
  }
}
