package dev.toksmith.core.pretokenizers;

import dev.toksmith.core.text.Utf8Chars;

/**
 * A split pattern run by a hand-written scanner over UTF-8 bytes: at each position it finds the match
 * that starts there or none, and then goes on after the match or after one character, as a regex
 * search does. Text is scanned through its bytes.
 */
abstract class ScanningPattern implements SplitPattern {
  @Override
  public final void findMatches(byte[] s, int from, int to, boolean raw, MatchSink matches) {
    int i = from;
    while (i < to) {
      int end = matchAt(s, i, to, raw);
      if (end < 0) {
        i += s[i] >= 0 ? 1 : Utf8Chars.length(Utf8Chars.at(s, i, to, raw));
      } else {
        matches.match(i, end);
        i = end;
      }
    }
  }

  @Override
  public final void findMatches(CharSequence text, MatchSink matches) {
    SplitPattern.matchesViaBytes(this, text, matches);
  }

  /** End of the (never empty) match that starts at {@code i}, {@code i < n}, or -1 when none does. */
  abstract int matchAt(byte[] s, int i, int n, boolean raw);
}
