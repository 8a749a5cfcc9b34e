package dev.toksmith.core.pretokenizers;

import dev.toksmith.core.text.Utf8Chars;
import dev.toksmith.core.unicode.CharClasses;
import dev.toksmith.core.unicode.UnicodeCategories;

/**
 * The last of DeepSeek V3's (and R1's) three split regexes, hand-written: {@value #REGEX}. Matches what
 * Hugging Face's Oniguruma finds with it: Unicode 16 General_Category classes ({@code \p{L}}, {@code
 * \p{M}}, {@code \p{P}}, {@code \p{S}}) and {@code \s} as White_Space. Unlike GPT-style patterns it does
 * not cover the text: a number, for one, is matched by none of its alternatives (DeepSeek splits numbers
 * off before), and stays a gap.
 */
final class DeepSeekPattern extends ScanningPattern {
  /** The regex, as DeepSeek V3's tokenizer.json holds it. */
  static final String REGEX = "[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\r\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+"
      + "| ?[\\p{P}\\p{S}]+[\r\n]*|\\s*[\r\n]+|\\s+(?!\\S)|\\s+";

  static final DeepSeekPattern INSTANCE = new DeepSeekPattern();

  private static final int LETTER = 1;
  private static final int MARK = 1 << 1;
  private static final int PUNCTUATION_OR_SYMBOL = 1 << 2;
  private static final int SPACE = 1 << 3;
  /** The classes of each code point below U+0800. */
  private static final byte[] SMALL = new byte[0x800];

  static {
    for (int cp = 0; cp < SMALL.length; cp++) SMALL[cp] = (byte) classesOf(cp);
  }

  private DeepSeekPattern() {}

  @Override
  public String scanner() {
    return "DeepSeek scanner";
  }

  private static int classesOf(int cp) {
    int classes = (CharClasses.classesOf(cp) & CharClasses.WHITE_SPACE) != 0 ? SPACE : 0;
    switch (UnicodeCategories.generalCategory(cp)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER, Character.MODIFIER_LETTER, Character.OTHER_LETTER -> classes |= LETTER;
      case Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK -> classes |= MARK;
      case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL,
          Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> classes |= PUNCTUATION_OR_SYMBOL;
      default -> {}
    }
    return classes;
  }

  private static int classesAt(byte[] s, int i, int n, boolean raw) {
    int b = s[i];
    if (b >= 0) return SMALL[b];
    int cp = Utf8Chars.codePoint(Utf8Chars.at(s, i, n, raw));
    return cp < SMALL.length ? SMALL[cp] : classesOf(cp);
  }

  private static int lengthAt(byte[] s, int i, int n, boolean raw) {
    return s[i] >= 0 ? 1 : Utf8Chars.length(Utf8Chars.at(s, i, n, raw));
  }

  private static boolean asciiLetter(byte b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
  }

  /** ASCII punctuation and symbols: {@code [!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~]}. */
  private static boolean asciiPunctuation(byte b) {
    return (b >= '!' && b <= '/') || (b >= ':' && b <= '@') || (b >= '[' && b <= '`') || (b >= '{' && b <= '~');
  }

  @Override
  int matchAt(byte[] s, int i, int n, boolean raw) {
    return matchAt(s, i, n, raw, null);
  }

  /** Where a segment of the text ends, for a split that runs on a segment of its own ({@link DeepSeekPieces}). */
  @FunctionalInterface
  interface Bound {
    /** Whether the segment ends before the character at {@code s[j]}, {@code j < n}. */
    boolean endsAt(byte[] s, int j, int n, boolean raw);
  }

  /**
   * {@link #matchAt(byte[], int, int, boolean)} in the segment that starts at or before {@code i} and
   * ends where {@code bound} says (at {@code n} when null), as if the text ended there: Hugging Face
   * runs each split of a sequence on the pieces of the one before. ASCII letters and punctuation are
   * never a segment's end, so the first alternative needs no bound.
   */
  int matchAt(byte[] s, int i, int n, boolean raw, Bound bound) {
    byte b = s[i];
    // [!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~][A-Za-z]+
    if (asciiPunctuation(b) && i + 1 < n && asciiLetter(s[i + 1])) {
      int end = i + 2;
      while (end < n && asciiLetter(s[end])) end++;
      return end;
    }
    int classes = classesAt(s, i, n, raw);
    int next = i + lengthAt(s, i, n, raw);
    // [^\r\n\p{L}\p{P}\p{S}]?[\p{L}\p{M}]+: the optional character taken first, then left out.
    boolean prefix = b != '\r' && b != '\n' && (classes & (LETTER | PUNCTUATION_OR_SYMBOL)) == 0;
    if (prefix && in(s, next, n, raw, bound) && (classesAt(s, next, n, raw) & (LETTER | MARK)) != 0) return runEnd(s, next, n, LETTER | MARK, raw, bound);
    if ((classes & (LETTER | MARK)) != 0) return runEnd(s, i, n, LETTER | MARK, raw, bound);
    // " ?[\p{P}\p{S}]+[\r\n]*"
    int start = b == ' ' && in(s, next, n, raw, bound) && (classesAt(s, next, n, raw) & PUNCTUATION_OR_SYMBOL) != 0 ? next : i;
    if ((classesAt(s, start, n, raw) & PUNCTUATION_OR_SYMBOL) != 0) {
      int end = runEnd(s, start, n, PUNCTUATION_OR_SYMBOL, raw, bound);
      while (in(s, end, n, raw, bound) && (s[end] == '\r' || s[end] == '\n')) end++;
      return end;
    }
    // \s*[\r\n]+|\s+(?!\S)|\s+
    if ((classes & SPACE) == 0) return -1;
    if (bound == null) return SplitClasses.whitespaceEnd(s, i, n, false, raw);
    // A run that reaches the segment's end is at the end of its text: (?!\S) holds there.
    int runEnd = runEnd(s, i, n, SPACE, raw, null);
    return SplitClasses.whitespaceEnd(s, i, runEnd < n && !in(s, runEnd, n, raw, bound) ? runEnd : n, false, raw);
  }

  private static boolean in(byte[] s, int j, int n, boolean raw, Bound bound) {
    return j < n && (bound == null || !bound.endsAt(s, j, n, raw));
  }

  /** End of the run of characters in any of {@code wanted} that starts at {@code from}, within the segment. */
  private static int runEnd(byte[] s, int from, int n, int wanted, boolean raw, Bound bound) {
    int j = from;
    while (in(s, j, n, raw, bound) && (classesAt(s, j, n, raw) & wanted) != 0) j += lengthAt(s, j, n, raw);
    return j;
  }

  /** The classes this scanner reads of {@code cp}, and whether it is an ASCII letter or ASCII punctuation, as one key. */
  static int classKey(int cp) {
    int key = cp < SMALL.length ? SMALL[cp] : classesOf(cp);
    if (cp < 0x80 && asciiLetter((byte) cp)) key |= 1 << 4;
    if (cp < 0x80 && asciiPunctuation((byte) cp)) key |= 1 << 5;
    return key;
  }
}
