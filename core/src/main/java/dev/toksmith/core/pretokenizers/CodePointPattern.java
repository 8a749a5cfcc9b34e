package dev.toksmith.core.pretokenizers;

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
