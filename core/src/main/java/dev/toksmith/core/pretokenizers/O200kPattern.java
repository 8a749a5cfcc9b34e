package dev.toksmith.core.pretokenizers;

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

  @Override
  public String representatives(String text) {
    return SplitClasses.representatives(text, true);
  }

  @Override
  int matchAt(CharSequence s, int i, int n) {
    int cp = Character.codePointAt(s, i);
    int next = i + Character.charCount(cp);
    // The optional prefix [^\r\n\p{L}\p{N}] is tried taken first, then left out (a mark is both a
    // prefix and part of a word).
    boolean prefix = cp != '\r' && cp != '\n' && (CharClasses.classesOf(cp) & (CharClasses.LETTER | CharClasses.NUMBER)) == 0;
    int end = -1;
    if (prefix && next < n) end = lowerEnd(s, next, n);
    if (end < 0) end = lowerEnd(s, i, n);
    if (end < 0 && prefix && next < n) end = upperEnd(s, next, n);
    if (end < 0) end = upperEnd(s, i, n);
    if (end >= 0) {
      if (end < n && s.charAt(end) == '\'') {
        int contraction = SplitClasses.contractionEnd(s, end + 1, n);
        if (contraction > 0) return contraction;
      }
      return end;
    }
    if (SplitClasses.of(cp) == SplitClasses.NUMBER) return SplitClasses.numberEnd(s, next, n);
    end = SplitClasses.otherEnd(s, i, n, true);
    return end > 0 ? end : SplitClasses.whitespaceEnd(s, i, n, false);
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
  private static int lowerEnd(CharSequence s, int j, int n) {
    int upperEnd = j;
    int lastLower = -1;
    while (upperEnd < n) {
      int cp = Character.codePointAt(s, upperEnd);
      int classes = CharClasses.classesOf(cp);
      if (!upper(classes)) break;
      if (lower(classes)) lastLower = upperEnd;
      upperEnd += Character.charCount(cp);
    }
    if (upperEnd < n && lower(CharClasses.classesOf(Character.codePointAt(s, upperEnd)))) return lowerRunEnd(s, upperEnd, n);
    return lastLower < 0 ? -1 : lastLower + Character.charCount(Character.codePointAt(s, lastLower));
  }

  /** End of {@code [upper]+[lower]*} at {@code j}, or -1. */
  private static int upperEnd(CharSequence s, int j, int n) {
    int end = j;
    while (end < n) {
      int cp = Character.codePointAt(s, end);
      if (!upper(CharClasses.classesOf(cp))) break;
      end += Character.charCount(cp);
    }
    return end == j ? -1 : lowerRunEnd(s, end, n);
  }

  private static int lowerRunEnd(CharSequence s, int from, int n) {
    int end = from;
    while (end < n) {
      int cp = Character.codePointAt(s, end);
      if (!lower(CharClasses.classesOf(cp))) break;
      end += Character.charCount(cp);
    }
    return end;
  }
}
