package dev.toksmith.core.pretokenizers;

import dev.toksmith.core.unicode.CharClasses;

/**
 * GPT-2's split pattern, hand-written: {@value #REGEX}. Matches exactly what Hugging Face's
 * Oniguruma finds with that regex (Unicode 16 letters and numbers, {@code \s} as White_Space), and
 * unlike {@code java.util.regex} it does not depend on the JDK's Unicode version.
 */
public final class Gpt2Pattern extends CoveringPattern {
  /** The regex this scanner implements, as it appears in tokenizer.json files. */
  public static final String REGEX = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

  public static final Gpt2Pattern INSTANCE = new Gpt2Pattern();

  private static final int LETTER = 1;
  private static final int NUMBER = 2;
  private static final int SPACE = 3;
  private static final int OTHER = 4;

  private Gpt2Pattern() {}

  @Override
  int matchAt(CharSequence s, int i, int n) {
    char c = s.charAt(i);
    if (c == '\'' && i + 1 < n) {
      char c1 = s.charAt(i + 1);
      if (c1 == 's' || c1 == 't' || c1 == 'm' || c1 == 'd') return i + 2;
      if (i + 2 < n) {
        char c2 = s.charAt(i + 2);
        if ((c1 == 'r' && c2 == 'e') || (c1 == 'v' && c2 == 'e') || (c1 == 'l' && c2 == 'l')) return i + 3;
      }
    }
    int runStart = i;
    if (c == ' ' && i + 1 < n) {
      int nextClass = classAt(s, i + 1);
      if (nextClass != SPACE) runStart = i + 1; // " ?" takes the space along with the run after it
    }
    int cls = classAt(s, runStart);
    if (cls != SPACE) return runEnd(s, runStart, n, cls);
    // Whitespace: "\s+(?!\S)" leaves the last space of a run for the word after it; a run at the end
    // of the text, or a single space before a word ("\s+"), is taken whole.
    int end = runEnd(s, i, n, SPACE);
    if (end < n) {
      int last = end - Character.charCount(Character.codePointBefore(s, end));
      if (last > i) return last;
    }
    return end;
  }

  private static int runEnd(CharSequence s, int from, int n, int cls) {
    int j = from;
    while (j < n) {
      int cp = Character.codePointAt(s, j);
      if (classOf(cp) != cls) break;
      j += Character.charCount(cp);
    }
    return j;
  }

  private static int classAt(CharSequence s, int i) {
    return classOf(Character.codePointAt(s, i));
  }

  private static int classOf(int cp) {
    if (CharClasses.isLetter(cp)) return LETTER;
    if (CharClasses.isNumber(cp)) return NUMBER;
    if (CharClasses.isWhiteSpace(cp)) return SPACE;
    return OTHER;
  }
}
