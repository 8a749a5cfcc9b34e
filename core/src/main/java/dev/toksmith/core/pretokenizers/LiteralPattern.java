package dev.toksmith.core.pretokenizers;

import dev.toksmith.core.text.Utf8;

/**
 * A literal string, found in text by its characters and in UTF-8 by its bytes: UTF-8 is
 * self-synchronizing, so the bytes of a string occur in the bytes of a text exactly where the string
 * occurs in the text (an invalid byte never begins a valid character's bytes).
 */
final class LiteralPattern implements SplitPattern {
  private final String literal;
  private final byte[] utf8;
  /** Whether the literal is valid UTF-8 (no unpaired surrogate), which raw bytes can hold. */
  private final boolean wellFormed;

  /** @param literal not empty ({@link EmptyPattern} is the empty string) */
  LiteralPattern(String literal) {
    this.literal = literal;
    this.utf8 = Utf8.encode(literal);
    this.wellFormed = Utf8.isValid(utf8);
  }

  @Override
  public String scanner() {
    return "string";
  }

  @Override
  public void findMatches(CharSequence text, MatchSink matches) {
    String s = text.toString();
    for (int at = s.indexOf(literal); at >= 0; at = s.indexOf(literal, at + literal.length())) matches.match(at, at + literal.length());
  }

  @Override
  public void findMatches(byte[] bytes, int from, int to, boolean raw, MatchSink matches) {
    if (raw && !wellFormed) {
      // Raw bytes read an unpaired surrogate's bytes as three characters, none of them the surrogate.
      SplitPattern.matchesViaText(this, bytes, from, to, raw, matches);
      return;
    }
    byte first = utf8[0];
    int last = to - utf8.length;
    for (int at = from; at <= last; at++) {
      if (bytes[at] != first) continue;
      int k = 1;
      while (k < utf8.length && bytes[at + k] == utf8[k]) k++;
      if (k == utf8.length) {
        matches.match(at, at + utf8.length);
        at += utf8.length - 1;
      }
    }
  }
}
