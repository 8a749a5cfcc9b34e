package dev.toksmith.core.pretokenizers;

/**
 * A split pattern that matches at every position, so that its matches cover the text; it scans UTF-8
 * bytes, and text through its bytes.
 */
abstract class CoveringPattern implements SplitPattern {
  @Override
  public final void findMatches(byte[] s, int from, int to, boolean raw, MatchSink matches) {
    int i = from;
    while (i < to) {
      int end = matchAt(s, i, to, raw);
      matches.match(i, end);
      i = end;
    }
  }

  @Override
  public final void findMatches(CharSequence text, MatchSink matches) {
    Utf8Matches.viaBytes(this, text, matches);
  }

  /** End of the (never empty) match that starts at {@code i}, {@code i < n}. */
  abstract int matchAt(byte[] s, int i, int n, boolean raw);
}
