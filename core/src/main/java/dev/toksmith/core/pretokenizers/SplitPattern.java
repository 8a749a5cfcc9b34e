package dev.toksmith.core.pretokenizers;

/** Finds the non-overlapping matches of a split pattern, left to right. Thread-safe. */
public interface SplitPattern {

  /** Reports each match {@code [start, end)} of {@code text} in order. */
  void findMatches(CharSequence text, MatchSink matches);

  /**
   * Whether a match ends at {@code text[at]} whatever text lies outside {@code text[at - 1, at + 2)},
   * and the matches on either side do not depend on the other side: asked where {@code text[at]} is a
   * space between two ASCII letters or digits. False unless the pattern knows.
   */
  default boolean matchBoundaryAt(CharSequence text, int at) {
    return false;
  }

  /** Receives one match. */
  @FunctionalInterface
  interface MatchSink {
    void match(int start, int end);
  }
}
