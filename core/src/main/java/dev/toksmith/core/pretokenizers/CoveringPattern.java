package dev.toksmith.core.pretokenizers;

/** A split pattern that matches at every position, so that its matches cover the text. */
abstract class CoveringPattern implements SplitPattern {
  @Override
  public final void findMatches(CharSequence s, MatchSink matches) {
    int n = s.length();
    int i = 0;
    while (i < n) {
      int end = matchAt(s, i, n);
      matches.match(i, end);
      i = end;
    }
  }

  /** End of the (never empty) match that starts at {@code i}. */
  abstract int matchAt(CharSequence s, int i, int n);
}
