package dev.toksmith.core.pretokenizers;

import dev.toksmith.core.NormalizedString;

/** Hugging Face's {@code CharDelimiterSplit}: splits on one character and drops it. */
public final class CharDelimiterSplit implements PatternSplit {
  private final int delimiter;
  private final SplitPattern pattern;

  /** @param delimiter the code point to split on */
  public CharDelimiterSplit(int delimiter) {
    this.delimiter = delimiter;
    this.pattern = CodePointPattern.of(delimiter);
  }

  public int delimiter() {
    return delimiter;
  }

  @Override
  public SplitPattern splitPattern() {
    return pattern;
  }

  @Override
  public SplitBehavior splitBehavior() {
    return SplitBehavior.REMOVED;
  }

  @Override
  public void preTokenize(NormalizedString segment, PieceSink pieces) {
    Split.split(segment, pattern, SplitBehavior.REMOVED, false, pieces);
  }
}
