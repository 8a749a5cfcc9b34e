package dev.toksmith.core.pretokenizers;

import dev.toksmith.core.text.Utf8Chars;
import java.util.function.IntPredicate;

/**
 * Hugging Face's character patterns (a {@code char} or a {@code Fn(char) -> bool}): every code point
 * the predicate accepts is a match of its own, so a run of three delimiters is three matches.
 */
public final class CodePointPattern implements SplitPattern {
  private final IntPredicate matches;

  public CodePointPattern(IntPredicate matches) {
    this.matches = matches;
  }

  /** Matches one code point. */
  public static CodePointPattern of(int codePoint) {
    return new CodePointPattern(cp -> cp == codePoint);
  }

  @Override
  public String scanner() {
    return "character test";
  }

  @Override
  public void findMatches(byte[] bytes, int from, int to, boolean raw, MatchSink sink) {
    for (int i = from; i < to; ) {
      int c = Utf8Chars.at(bytes, i, to, raw);
      int next = i + Utf8Chars.length(c);
      if (matches.test(Utf8Chars.codePoint(c))) sink.match(i, next);
      i = next;
    }
  }

  @Override
  public void findMatches(CharSequence text, MatchSink sink) {
    int n = text.length();
    for (int i = 0; i < n; ) {
      int cp = Character.codePointAt(text, i);
      int next = i + Character.charCount(cp);
      if (matches.test(cp)) sink.match(i, next);
      i = next;
    }
  }
}
