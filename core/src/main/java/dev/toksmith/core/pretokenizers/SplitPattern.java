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
   * {@code text} with each character replaced by one this pattern does not tell apart from it there,
   * of as many UTF-16 chars: the matches of the result, and of the result followed by any text, are
   * where they are for {@code text}. Texts that look alike to the pattern then have one form. {@code
   * text} itself when the pattern cannot say more.
   */
  default String representatives(String text) {
    return text;
  }

  /**
   * The end of the match that starts at {@code start}, for a pattern whose matches cover the text
   * (each starts where the previous one ends) and look only at the text from their start on; -1
   * for other patterns.
   */
  default int matchEnd(CharSequence text, int start) {
    return -1;
  }

  /** Receives one match. */
  @FunctionalInterface
  interface MatchSink {
    void match(int start, int end);
  }
}
