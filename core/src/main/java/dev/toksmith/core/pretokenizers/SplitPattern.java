package dev.toksmith.core.pretokenizers;

import dev.toksmith.core.text.Utf8;
import dev.toksmith.core.text.Utf8Chars;

/**
 * Finds the non-overlapping matches of a split pattern, left to right, in text or in its UTF-8 bytes.
 * Thread-safe.
 */
public interface SplitPattern {

  /** Reports each match {@code [start, end)} of {@code text} in order, in UTF-16 indices. */
  void findMatches(CharSequence text, MatchSink matches);

  /**
   * Whether a match ends at {@code text[at]} whatever text lies outside {@code text[at - 1, at + 2)},
   * and the matches on either side do not depend on the other side: asked where {@code text[at]} is a
   * space between two ASCII letters or digits. False unless the pattern knows.
   */
  default boolean matchBoundaryAt(CharSequence text, int at) {
    return false;
  }

  /**
   * Reports each match of the UTF-8 text {@code bytes[from, to)} in order, as byte offsets. With {@code
   * raw} the bytes may be anything and each byte that is not part of valid UTF-8 is a character of its
   * own, outside every class, as {@link dev.toksmith.core.text.Utf8#decodeEscaped} reads it; without,
   * they are the WTF-8 of a string (an unpaired surrogate is one character). The matches are those
   * {@link #findMatches(CharSequence, MatchSink)} finds in the decoded text. The default decodes the
   * bytes; patterns that scan bytes themselves override it.
   */
  default void findMatches(byte[] bytes, int from, int to, boolean raw, MatchSink matches) {
    matchesViaText(this, bytes, from, to, raw, matches);
  }

  /** What finds the matches, for messages such as {@code inspect}'s: a hand-written scanner's name, or how the regex runs. */
  default String scanner() {
    return "java.util.regex";
  }

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

  /**
   * {@link #settledEnd(CharSequence)} on the UTF-8 text {@code bytes[from, to)}, read as {@link
   * #findMatches(byte[], int, int, boolean, MatchSink)} reads it: the byte offset of the first match
   * that a continuation of the bytes could change, or {@code to} when none could. A character cut off
   * at {@code to} counts as one a continuation could complete. -1 when the pattern cannot tell.
   */
  default int settledEnd(byte[] bytes, int from, int to, boolean raw) {
    return -1;
  }

  /**
   * {@link #matchEnd(CharSequence, int)} on the UTF-8 text {@code bytes[start, to)}, {@code start <
   * to}, read as {@link #findMatches(byte[], int, int, boolean, MatchSink)} reads it: the byte offset
   * where the match that starts at {@code start} ends; -1 for patterns whose matches do not cover the
   * text.
   */
  default int matchEnd(byte[] bytes, int start, int to, boolean raw) {
    return -1;
  }

  /** Receives one match. */
  @FunctionalInterface
  interface MatchSink {
    void match(int start, int end);
  }

  /** The matches of a pattern that scans bytes, on text: it scans the text's WTF-8 and maps the matches back. */
  static void matchesViaBytes(SplitPattern pattern, CharSequence text, MatchSink matches) {
    int length = text.length();
    byte[] bytes = new byte[Utf8.maxBytes(length)];
    int[] charOfByte = new int[bytes.length + 1];
    int n = Utf8.encode(text, 0, length, false, bytes, 0, charOfByte);
    charOfByte[n] = length;
    pattern.findMatches(bytes, 0, n, false, (start, end) -> matches.match(charOfByte[start], charOfByte[end]));
  }

  /** The matches of a pattern that scans text, on bytes: it scans their decoding and maps the matches back. */
  static void matchesViaText(SplitPattern pattern, byte[] bytes, int from, int to, boolean raw, MatchSink matches) {
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
