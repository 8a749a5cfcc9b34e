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
    if (prefix && next < n && (classesAt(s, next, n, raw) & (LETTER | MARK)) != 0) return runEnd(s, next, n, LETTER | MARK, raw);
    if ((classes & (LETTER | MARK)) != 0) return runEnd(s, i, n, LETTER | MARK, raw);
    // " ?[\p{P}\p{S}]+[\r\n]*"
    int start = b == ' ' && next < n && (classesAt(s, next, n, raw) & PUNCTUATION_OR_SYMBOL) != 0 ? next : i;
    if ((classesAt(s, start, n, raw) & PUNCTUATION_OR_SYMBOL) != 0) {
      int end = runEnd(s, start, n, PUNCTUATION_OR_SYMBOL, raw);
      while (end < n && (s[end] == '\r' || s[end] == '\n')) end++;
      return end;
    }
    // \s*[\r\n]+|\s+(?!\S)|\s+
    return (classes & SPACE) != 0 ? SplitClasses.whitespaceEnd(s, i, n, false, raw) : -1;
  }

  /** End of the run of characters in any of {@code wanted} that starts at {@code from}. */
  private static int runEnd(byte[] s, int from, int n, int wanted, boolean raw) {
    int j = from;
    while (j < n && (classesAt(s, j, n, raw) & wanted) != 0) j += lengthAt(s, j, n, raw);
    return j;
  }
}
