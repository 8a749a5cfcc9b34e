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

  /** One code point per class the GPT-style scanners can see, filled as classes turn up. */
  private static final java.util.concurrent.ConcurrentHashMap<Integer, Integer> REPRESENTATIVES = new java.util.concurrent.ConcurrentHashMap<>();

  private SplitClasses() {}

  /**
   * A code point that {@link Gpt2Pattern}, {@link Cl100kPattern} and {@link O200kPattern} treat as
   * they treat {@code cp}. They test a code point only through its {@link CharClasses#classesOf
   * classes} and by comparing it with the characters kept as they are here (the apostrophe, space,
   * CR, LF, slash, the letters of the contractions in either case and U+017F, which folds to s);
   * surrogates (escaped bytes) are kept too, and a representative has as many UTF-16 chars.
   */
  static int representative(int cp) {
    if (cp < 0x80 && "' \r\n/stmdrevlSTMDREVL".indexOf(cp) >= 0 || cp == 0x17F || (cp >= 0xD800 && cp <= 0xDFFF)) return cp;
    int key = CharClasses.classesOf(cp) << 1 | (Character.isSupplementaryCodePoint(cp) ? 1 : 0);
    return REPRESENTATIVES.computeIfAbsent(key, k -> cp);
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
