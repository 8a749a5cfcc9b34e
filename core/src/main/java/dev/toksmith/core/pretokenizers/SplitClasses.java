package dev.toksmith.core.pretokenizers;

import dev.toksmith.core.unicode.CharClasses;

/**
 * What the GPT-style split patterns ({@link Gpt2Pattern}, {@link Cl100kPattern}, {@link O200kPattern}) share: the classes
 * {@code \p{L}}, {@code \p{N}}, {@code \s} and everything else, and their whitespace alternatives.
 */
final class SplitClasses {
  static final int LETTER = 1;
  static final int NUMBER = 2;
  static final int SPACE = 3;
  static final int OTHER = 4;

  /** The class of each ASCII character, so that the common case is one array read. */
  private static final byte[] ASCII = new byte[0x80];

  static {
    for (int c = 0; c < ASCII.length; c++) ASCII[c] = (byte) classOf(c);
  }

  /** One code point per set of o200k classes, filled as they turn up. */
  private static final java.util.concurrent.ConcurrentHashMap<Integer, Integer> REPRESENTATIVES = new java.util.concurrent.ConcurrentHashMap<>();

  /** The classes {@link O200kPattern} reads. */
  private static final int O200K_CLASSES = CharClasses.LETTER | CharClasses.NUMBER | CharClasses.WHITE_SPACE | CharClasses.MARK
      | CharClasses.LOWERCASE_LETTER | CharClasses.UPPERCASE_OR_TITLECASE_LETTER;

  private SplitClasses() {}

  /**
   * {@code text} as {@link Gpt2Pattern}, {@link Cl100kPattern} and (with {@code caseClasses}) {@link
   * O200kPattern} see it. They compare a character with a literal only for the space, CR, LF, slash
   * and apostrophe anywhere, and for the contraction letters in the two characters after an
   * apostrophe; otherwise they read its class: {@link #of} for the first two, its letter case,
   * mark and number classes too for o200k. Those characters stay; every other becomes the first
   * character seen with its classes and UTF-16 length. Surrogates (escaped bytes) stay too.
   */
  static String representatives(String text, boolean caseClasses) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      boolean literal = cp == ' ' || cp == '\r' || cp == '\n' || cp == '/' || cp == '\''
          || (i >= 1 && text.charAt(i - 1) == '\'') || (i >= 2 && text.charAt(i - 2) == '\'')
          || (cp >= 0xD800 && cp <= 0xDFFF);
      if (literal) {
        out.appendCodePoint(cp);
      } else {
        int classes = caseClasses ? CharClasses.classesOf(cp) & O200K_CLASSES : of(cp) << 16;
        int key = classes << 1 | (Character.isSupplementaryCodePoint(cp) ? 1 : 0);
        out.appendCodePoint(REPRESENTATIVES.computeIfAbsent(key, k -> cp));
      }
      i += Character.charCount(cp);
    }
    return out.toString();
  }

  static int of(int cp) {
    return cp < 0x80 && cp >= 0 ? ASCII[cp] : classOf(cp);
  }

  private static int classOf(int cp) {
    int classes = CharClasses.classesOf(cp);
    if ((classes & CharClasses.LETTER) != 0) return LETTER;
    if ((classes & CharClasses.NUMBER) != 0) return NUMBER;
    if ((classes & CharClasses.WHITE_SPACE) != 0) return SPACE;
    return OTHER;
  }

  static int at(CharSequence s, int i) {
    return of(Character.codePointAt(s, i));
  }

  /** End of the run of class {@code cls} that starts at {@code from}. */
  static int runEnd(CharSequence s, int from, int n, int cls) {
    int j = from;
    while (j < n) {
      char c = s.charAt(j);
      if (c < 0x80) {
        if (ASCII[c] != cls) break;
        j++;
        continue;
      }
      int cp = Character.codePointAt(s, j);
      if (classOf(cp) != cls) break;
      j += Character.charCount(cp);
    }
    return j;
  }

  /** End of {@code \p{N}{1,3}} whose first number ends at {@code next}. */
  static int numberEnd(CharSequence s, int next, int n) {
    int end = next;
    for (int k = 1; k < 3 && end < n; k++) {
      int cp = Character.codePointAt(s, end);
      if (of(cp) != NUMBER) break;
      end += Character.charCount(cp);
    }
    return end;
  }

  /**
   * End of {@code " ?[^\s\p{L}\p{N}]+[\r\n]*"} at {@code i} ({@code [\r\n/]*} when {@code
   * slashes}), or -1 when it does not match there.
   */
  static int otherEnd(CharSequence s, int i, int n, boolean slashes) {
    int start = i;
    if (s.charAt(i) == ' ' && i + 1 < n) start = i + 1;
    if (at(s, start) != OTHER) {
      if (start == i) return -1;
      start = i;
      if (at(s, start) != OTHER) return -1;
    }
    int end = runEnd(s, start, n, OTHER);
    while (end < n) {
      char c = s.charAt(end);
      if (c != '\r' && c != '\n' && !(slashes && c == '/')) break;
      end++;
    }
    return end;
  }

  /**
   * End of {@code \s*[\r\n]+|\s+(?!\S)|\s+} at the whitespace at {@code i}, preceded by {@code \s++$}
   * when {@code trailingWhole}. White_Space characters are all in the BMP, so one char is one
   * character here.
   */
  static int whitespaceEnd(CharSequence s, int i, int n, boolean trailingWhole) {
    int end = runEnd(s, i, n, SPACE);
    if (trailingWhole && end == n) return n;
    // \s*[\r\n]+ backtracks to the last line break of the run.
    for (int k = end - 1; k >= i; k--) {
      char c = s.charAt(k);
      if (c == '\r' || c == '\n') return k + 1;
    }
    // \s+(?!\S) leaves the last space of a run for what follows; a run at the end is taken whole.
    if (end < n && end - 1 > i) return end - 1;
    return end;
  }

  /**
   * End of the contraction {@code (?i:s|t|re|ve|m|ll|d)} whose letters start at {@code from} (just
   * after the apostrophe), or -1. Case folds as the reference engines' simple case folding does:
   * ASCII letters, and U+017F (long s) folds to {@code s}; no other character folds to these letters.
   */
  static int contractionEnd(CharSequence s, int from, int n) {
    if (from >= n) return -1;
    char a = fold(s.charAt(from));
    if (a == 's' || a == 't' || a == 'm' || a == 'd') return from + 1;
    if (from + 1 >= n) return -1;
    char b = fold(s.charAt(from + 1));
    if (((a == 'r' || a == 'v') && b == 'e') || (a == 'l' && b == 'l')) return from + 2;
    return -1;
  }

  private static char fold(char c) {
    if (c >= 'A' && c <= 'Z') return (char) (c + ('a' - 'A'));
    return c == '\u017F' ? 's' : c;
  }
}
