package dev.toksmith.core.pretokenizers;

/** Finds the non-overlapping matches of a split pattern, left to right. Thread-safe. */
public interface SplitPattern {

  /** Reports each match {@code [start, end)} of {@code text} in order. */
  void findMatches(CharSequence text, MatchSink matches);

  /** Receives one match. */
  @FunctionalInterface
  interface MatchSink {
    void match(int start, int end);
  }
}
