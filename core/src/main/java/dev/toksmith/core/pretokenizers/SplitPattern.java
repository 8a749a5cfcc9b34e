package dev.toksmith.core.pretokenizers;

/** Finds the non-overlapping matches of a split pattern, left to right. Thread-safe. */
public interface SplitPattern {

  /** Reports each match {@code [start, end)} of {@code text} in order. */
  void findMatches(CharSequence text, MatchSink matches);

  /**
   * The start of the first match of {@code text} that a continuation of the text could change, or
   * {@code text.length()} when none could; every match before it is the same in {@code text + w}
   * for any {@code w}. -1 when the pattern cannot tell (then only the start of the text is safe).
   */
  default int settledEnd(CharSequence text) {
    return -1;
  }

  /**
   * A code point this pattern does not tell apart from {@code cp}, with as many UTF-16 chars:
   * replacing every character by its representative leaves every match where it was. The identity
   * when the pattern cannot say more.
   */
  default int representative(int cp) {
    return cp;
  }

  /** Receives one match. */
  @FunctionalInterface
  interface MatchSink {
    void match(int start, int end);
  }
}
