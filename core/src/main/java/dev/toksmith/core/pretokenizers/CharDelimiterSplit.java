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

  /** The delimiter, which is dropped, always ends a piece; elsewhere pieces are local. */
  @Override
  public Boundary boundaryAt(CharSequence text, int at) {
    return at < text.length() && Character.codePointAt(text, at) == delimiter ? Boundary.ALWAYS : Boundary.LOCAL;
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
