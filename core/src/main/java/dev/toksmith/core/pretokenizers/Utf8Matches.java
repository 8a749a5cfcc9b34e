package dev.toksmith.core.pretokenizers;

import dev.toksmith.core.text.Utf8;
import dev.toksmith.core.text.Utf8Chars;

/** Runs a split pattern on the form of text it does not scan itself, mapping the matches back. */
final class Utf8Matches {
  private Utf8Matches() {}

  /** The matches of a pattern that scans bytes, on text: it scans the text's WTF-8. */
  static void viaBytes(SplitPattern pattern, CharSequence text, SplitPattern.MatchSink matches) {
    int length = text.length();
    byte[] bytes = new byte[Utf8.maxBytes(length)];
    int[] charOfByte = new int[bytes.length + 1];
    int n = Utf8.encode(text, 0, length, false, bytes, 0, charOfByte);
    charOfByte[n] = length;
    pattern.findMatches(bytes, 0, n, false, (start, end) -> matches.match(charOfByte[start], charOfByte[end]));
  }

  /** The matches of a pattern that scans text, on bytes: it scans their decoding. */
  static void viaText(SplitPattern pattern, byte[] bytes, int from, int to, boolean raw, SplitPattern.MatchSink matches) {
    StringBuilder text = new StringBuilder(to - from);
    int[] byteOfChar = new int[to - from + 1];
    for (int i = from; i < to; ) {
      int c = Utf8Chars.at(bytes, i, to, raw);
      int cp = Utf8Chars.codePoint(c);
      byteOfChar[text.length()] = i;
      text.appendCodePoint(cp);
      if (cp > 0xFFFF) byteOfChar[text.length() - 1] = i; // both halves of a pair start there
      i += Utf8Chars.length(c);
    }
    byteOfChar[text.length()] = to;
    pattern.findMatches(text, (start, end) -> matches.match(byteOfChar[start], byteOfChar[end]));
  }
}
