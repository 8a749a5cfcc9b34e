package dev.toksmith.core.pretokenizers;

import dev.toksmith.core.text.Utf8Chars;
import dev.toksmith.core.unicode.CharClasses;

/**
 * o200k_base's split pattern, hand-written: {@value #REGEX}. Matches exactly what tiktoken and Hugging
 * Face's Oniguruma find with it: Unicode 16 General_Category classes (both engines have them at 16.0),
 * {@code \s} as White_Space, and contractions that fold case as those engines do ({@code 'ſ} is {@code
 * 's}). The same pattern serves o200k_harmony and GPT-4o-derived tokenizer.json files.
 */
public final class O200kPattern extends CoveringPattern {
  /** The pattern, as tiktoken joins it and tokenizer.json files carry it. */
  public static final String REGEX = "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?"
      + "|[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?"
      + "|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

  public static final O200kPattern INSTANCE = new O200kPattern();

  private O200kPattern() {}

  /**
   * A space between ASCII letters or digits: the run before it ends there, and the space starts the
   * next match (with the word after it, or alone before digits), whatever comes before or after.
   */
  @Override
  public boolean matchBoundaryAt(CharSequence text, int at) {
    return Boundary.isWordGap(text, at);
  }

  @Override
  public String scanner() {
    return "o200k scanner";
  }

  @Override
  public String representatives(String text) {
    return SplitClasses.representatives(text, true);
  }

  @Override
  int matchAt(byte[] s, int i, int n, boolean raw) {
    int c = Utf8Chars.at(s, i, n, raw);
    int cp = Utf8Chars.codePoint(c);
    int next = i + Utf8Chars.length(c);
    // The optional prefix [^\r\n\p{L}\p{N}] is tried taken first, then left out (a mark is both a
    // prefix and part of a word).
    boolean prefix = cp != '\r' && cp != '\n' && (CharClasses.classesOf(cp) & (CharClasses.LETTER | CharClasses.NUMBER)) == 0;
    int end = -1;
    if (prefix && next < n) end = lowerEnd(s, next, n, raw);
    if (end < 0) end = lowerEnd(s, i, n, raw);
    if (end < 0 && prefix && next < n) end = upperEnd(s, next, n, raw);
    if (end < 0) end = upperEnd(s, i, n, raw);
    if (end >= 0) {
      if (end < n && s[end] == '\'') {
        int contraction = SplitClasses.contractionEnd(s, end + 1, n);
        if (contraction > 0) return contraction;
      }
      return end;
    }
    if (SplitClasses.of(cp) == SplitClasses.NUMBER) return SplitClasses.numberEnd(s, next, n, 3, raw);
    end = SplitClasses.otherEnd(s, i, n, true, raw);
    return end > 0 ? end : SplitClasses.whitespaceEnd(s, i, n, false, raw);
  }

  /** The {@link CharClasses#classesOf classes} of the character at {@code s[i]}. */
  private static int classesAt(byte[] s, int i, int n, boolean raw) {
    int b = s[i];
    return CharClasses.classesOf(b >= 0 ? b : Utf8Chars.codePoint(Utf8Chars.at(s, i, n, raw)));
  }

  /** [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}], given a code point's {@link CharClasses#classesOf classes} */
  private static boolean upper(int classes) {
    return (classes & (CharClasses.LETTER | CharClasses.MARK)) != 0 && (classes & CharClasses.LOWERCASE_LETTER) == 0;
  }

  /** [\p{Ll}\p{Lm}\p{Lo}\p{M}], given a code point's {@link CharClasses#classesOf classes} */
  private static boolean lower(int classes) {
    return (classes & (CharClasses.LETTER | CharClasses.MARK)) != 0 && (classes & CharClasses.UPPERCASE_OR_TITLECASE_LETTER) == 0;
  }

  /**
   * End of {@code [upper]*[lower]+} at {@code j}, or -1. The greedy upper run gives back characters
   * until a lower one follows: the run's next character if it is lower, else the run's last character
   * that is both (Lm, Lo, M), alone.
   */
  private static int lowerEnd(byte[] s, int j, int n, boolean raw) {
    int upperEnd = j;
    int lastLowerEnd = -1;
    while (upperEnd < n) {
      int c = Utf8Chars.at(s, upperEnd, n, raw);
      int classes = CharClasses.classesOf(Utf8Chars.codePoint(c));
      if (!upper(classes)) break;
      upperEnd += Utf8Chars.length(c);
      if (lower(classes)) lastLowerEnd = upperEnd;
    }
    if (upperEnd < n && lower(classesAt(s, upperEnd, n, raw))) return lowerRunEnd(s, upperEnd, n, raw);
    return lastLowerEnd;
  }

  /** End of {@code [upper]+[lower]*} at {@code j}, or -1. */
  private static int upperEnd(byte[] s, int j, int n, boolean raw) {
    int end = j;
    while (end < n) {
      int c = Utf8Chars.at(s, end, n, raw);
      if (!upper(CharClasses.classesOf(Utf8Chars.codePoint(c)))) break;
      end += Utf8Chars.length(c);
    }
    return end == j ? -1 : lowerRunEnd(s, end, n, raw);
  }

  private static int lowerRunEnd(byte[] s, int from, int n, boolean raw) {
    int end = from;
    while (end < n) {
      int c = Utf8Chars.at(s, end, n, raw);
      if (!lower(CharClasses.classesOf(Utf8Chars.codePoint(c)))) break;
      end += Utf8Chars.length(c);
    }
    return end;
  }
}
