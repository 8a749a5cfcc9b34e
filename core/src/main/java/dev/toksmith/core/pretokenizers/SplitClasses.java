package dev.toksmith.core.pretokenizers;

import dev.toksmith.core.text.Utf8Chars;
import dev.toksmith.core.unicode.CharClasses;

/**
 * What the GPT-style split patterns ({@link Gpt2Pattern}, {@link Cl100kPattern}, {@link O200kPattern})
 * share, on UTF-8 bytes ({@link Utf8Chars}): the classes {@code \p{L}}, {@code \p{N}}, {@code \s} and
 * everything else, and their alternatives for contractions, numbers, punctuation and whitespace.
 *
 * <p>The class of every character below U+0800 (ASCII and the two-byte scripts: Latin, Greek,
 * Cyrillic, Armenian, Hebrew, Arabic, ...) is one read of a table indexed by its bytes; longer
 * characters take the two reads of {@link CharClasses}.
 */
final class SplitClasses {
  static final int LETTER = 1;
  static final int NUMBER = 2;
  static final int SPACE = 3;
  static final int OTHER = 4;

  /** The class of each code point below U+0800. */
  private static final byte[] SMALL = new byte[0x800];

  static {
    for (int cp = 0; cp < SMALL.length; cp++) SMALL[cp] = (byte) classOf(cp);
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
    return cp < SMALL.length ? SMALL[cp] : classOf(cp);
  }

  private static int classOf(int cp) {
    int classes = CharClasses.classesOf(cp);
    if ((classes & CharClasses.LETTER) != 0) return LETTER;
    if ((classes & CharClasses.NUMBER) != 0) return NUMBER;
    if ((classes & CharClasses.WHITE_SPACE) != 0) return SPACE;
    return OTHER;
  }

  /** The class of the character at {@code s[i]}, {@code i < n}. */
  static int at(byte[] s, int i, int n, boolean raw) {
    int b = s[i];
    if (b >= 0) return SMALL[b];
    return of(Utf8Chars.codePoint(Utf8Chars.at(s, i, n, raw)));
  }

  /** End of the run of class {@code cls} that starts at {@code from}. */
  static int runEnd(byte[] s, int from, int n, int cls, boolean raw) {
    int j = from;
    while (j < n) {
      int b = s[j];
      if (b >= 0) {
        if (SMALL[b] != cls) break;
        j++;
        continue;
      }
      int c = Utf8Chars.at(s, j, n, raw);
      if (of(Utf8Chars.codePoint(c)) != cls) break;
      j += Utf8Chars.length(c);
    }
    return j;
  }

  /** End of at most {@code max} numbers ({@code \p{N}{1,max}}) whose first one ends at {@code next}. */
  static int numberEnd(byte[] s, int next, int n, int max, boolean raw) {
    int end = next;
    for (int k = 1; k < max && end < n; k++) {
      int c = Utf8Chars.at(s, end, n, raw);
      if (of(Utf8Chars.codePoint(c)) != NUMBER) break;
      end += Utf8Chars.length(c);
    }
    return end;
  }

  /**
   * End of {@code " ?[^\s\p{L}\p{N}]+[\r\n]*"} at {@code i} ({@code [\r\n/]*} when {@code slashes}), or
   * -1 when it does not match there.
   */
  static int otherEnd(byte[] s, int i, int n, boolean slashes, boolean raw) {
    int start = i;
    if (s[i] == ' ' && i + 1 < n) start = i + 1;
    if (at(s, start, n, raw) != OTHER) {
      if (start == i) return -1;
      start = i;
      if (at(s, start, n, raw) != OTHER) return -1;
    }
    int end = runEnd(s, start, n, OTHER, raw);
    while (end < n) {
      byte c = s[end];
      if (c != '\r' && c != '\n' && !(slashes && c == '/')) break;
      end++;
    }
    return end;
  }

  /**
   * End of {@code \s*[\r\n]+|\s+(?!\S)|\s+} at the whitespace at {@code i}, preceded by {@code \s++$}
   * when {@code trailingWhole}.
   */
  static int whitespaceEnd(byte[] s, int i, int n, boolean trailingWhole, boolean raw) {
    int end = i;
    int last = i;
    while (end < n) {
      int b = s[end];
      int length = 1;
      if (b < 0) {
        int c = Utf8Chars.at(s, end, n, raw);
        if (of(Utf8Chars.codePoint(c)) != SPACE) break;
        length = Utf8Chars.length(c);
      } else if (SMALL[b] != SPACE) {
        break;
      }
      last = end;
      end += length;
    }
    if (trailingWhole && end == n) return n;
    // \s*[\r\n]+ backtracks to the last line break of the run.
    for (int k = end - 1; k >= i; k--) {
      byte c = s[k];
      if (c == '\r' || c == '\n') return k + 1;
    }
    // \s+(?!\S) leaves the last space of a run for what follows; a run at the end is taken whole.
    if (end < n && last > i) return last;
    return end;
  }

  /** End of a run of whitespace at {@code i} with {@code \s+(?!\S)|\s+}: GPT-2's whitespace. */
  static int gpt2WhitespaceEnd(byte[] s, int i, int n, boolean raw) {
    int end = i;
    int last = i;
    while (end < n) {
      int c = Utf8Chars.at(s, end, n, raw);
      if (of(Utf8Chars.codePoint(c)) != SPACE) break;
      last = end;
      end += Utf8Chars.length(c);
    }
    return end < n && last > i ? last : end;
  }

  /**
   * End of the contraction {@code (?i:s|t|re|ve|m|ll|d)} whose letters start at {@code from} (just
   * after the apostrophe), or -1. Case folds as the reference engines' simple case folding does:
   * ASCII letters, and U+017F (long s, bytes C5 BF) folds to {@code s}; no other character folds to
   * these letters.
   */
  static int contractionEnd(byte[] s, int from, int n) {
    if (from >= n) return -1;
    int a = fold(s, from, n);
    if (a == 's' || a == 't' || a == 'm' || a == 'd') return from + (s[from] < 0 ? 2 : 1);
    if (a < 0 || s[from] < 0 || from + 1 >= n) return -1;
    int b = fold(s, from + 1, n);
    if (((a == 'r' || a == 'v') && b == 'e') || (a == 'l' && b == 'l')) return from + 2;
    return -1;
  }

  /** The folded ASCII letter at {@code s[i]}, {@code 's'} for a long s, or -1. */
  private static int fold(byte[] s, int i, int n) {
    int c = s[i];
    if (c >= 'A' && c <= 'Z') return c + ('a' - 'A');
    if (c >= 0) return c;
    return (c & 0xFF) == 0xC5 && i + 1 < n && (s[i + 1] & 0xFF) == 0xBF ? 's' : -1;
  }
}
