package dev.toksmith.core.pretokenizers;

import dev.toksmith.core.text.Utf8Chars;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * DeepSeek V3's (and R1's) three splits as one pattern whose matches are the pieces they cut: numbers
 * in runs of at most three ({@value #NUMBERS}), then runs of CJK ideographs and kana ({@value #CJK}),
 * then {@link DeepSeekPattern} on each piece left, its gaps kept as pieces (every split
 * {@code Isolated}). Each split runs on the pieces of the one before as on texts of their own, so the
 * last one reads a segment (a run of kana and ideographs, or of characters that are neither those
 * nor numbers) as if the text ended where the segment does. Its matches and gaps cover the segment,
 * and a number run's pieces are its chunks (no number is a letter, mark, punctuation, symbol or
 * space, so the last split leaves a chunk whole, a gap), so the pieces cover the text, and each
 * depends only on the text from its start on: this is a {@link CoveringPattern}, and the local
 * canonicality test reads DeepSeek's pieces through it.
 */
public final class DeepSeekPieces extends CoveringPattern {
  static final String NUMBERS = "\\p{N}{1,3}";
  static final String CJK = "[\u4e00-\u9fa5\u3040-\u309f\u30a0-\u30ff]+";

  private static final int OTHER = 0;
  private static final int NUMBER = 1;
  private static final int KANA_OR_IDEOGRAPH = 2;

  private final ClassRunPattern numbers;
  private final ClassRunPattern cjk;
  /** A segment of kana and ideographs ends at any other character; one of other characters at a number, kana or ideograph. */
  private final DeepSeekPattern.Bound cjkEnd = (s, j, n, raw) -> kindAt(s, j, n, raw) != KANA_OR_IDEOGRAPH;
  private final DeepSeekPattern.Bound otherEnd = (s, j, n, raw) -> kindAt(s, j, n, raw) != OTHER;
  /** One code point per key of {@link #representatives}, filled as they turn up. */
  private final ConcurrentHashMap<Integer, Integer> representatives = new ConcurrentHashMap<>();

  private DeepSeekPieces(ClassRunPattern numbers, ClassRunPattern cjk) {
    this.numbers = numbers;
    this.cjk = cjk;
  }

  /**
   * The pieces of {@code stages} as one pattern when they are DeepSeek V3's three splits exactly (its
   * regexes, each isolated, not inverted): one pattern whose matches are the pieces the splits, run
   * in sequence, cut any text into. Null otherwise.
   */
  public static SplitPattern of(List<PreTokenizer> stages) {
    if (stages.size() != 3) return null;
    for (PreTokenizer stage : stages) {
      if (!(stage instanceof Split split) || !split.isRegex() || split.behavior() != SplitBehavior.ISOLATED || split.invert()) return null;
    }
    Split first = (Split) stages.get(0);
    Split second = (Split) stages.get(1);
    Split third = (Split) stages.get(2);
    if (!first.patternText().equals(NUMBERS) || !second.patternText().equals(CJK) || third.splitPattern() != DeepSeekPattern.INSTANCE) return null;
    if (!(first.splitPattern() instanceof ClassRunPattern numbers) || !(second.splitPattern() instanceof ClassRunPattern cjk)) return null;
    return new DeepSeekPieces(numbers, cjk);
  }

  @Override
  public String scanner() {
    return "DeepSeek pieces scanner";
  }

  private int kindOf(int cp) {
    if (numbers.contains(cp)) return NUMBER;
    return cjk.contains(cp) ? KANA_OR_IDEOGRAPH : OTHER;
  }

  private int kindAt(byte[] s, int j, int n, boolean raw) {
    return s[j] >= 0 && (s[j] < '0' || s[j] > '9') ? OTHER : kindOf(Utf8Chars.codePoint(Utf8Chars.at(s, j, n, raw)));
  }

  @Override
  int matchAt(byte[] s, int i, int n, boolean raw) {
    int kind = kindAt(s, i, n, raw);
    if (kind == NUMBER) return numbers.matchAt(s, i, n, raw);
    DeepSeekPattern.Bound bound = kind == OTHER ? otherEnd : cjkEnd;
    int end = DeepSeekPattern.INSTANCE.matchAt(s, i, n, raw, bound);
    if (end >= 0) return end;
    // A gap of the last split: up to where one of its matches starts, or the segment ends.
    int j = i + length(s, i, n, raw);
    while (j < n && !bound.endsAt(s, j, n, raw) && DeepSeekPattern.INSTANCE.matchAt(s, j, n, raw, bound) < 0) j += length(s, j, n, raw);
    return j;
  }

  private static int length(byte[] s, int i, int n, boolean raw) {
    return s[i] >= 0 ? 1 : Utf8Chars.length(Utf8Chars.at(s, i, n, raw));
  }

  /**
   * {@code text} as this pattern sees it: the space, CR and LF stay (the last split names them), and
   * so do surrogates (escaped bytes); every other character becomes the first seen with the same
   * kind (number, kana or ideograph, other), the same classes and ASCII letter or punctuation bits of
   * {@link DeepSeekPattern}, the same whitespace class and UTF-16 length.
   */
  @Override
  public String representatives(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (cp == ' ' || cp == '\r' || cp == '\n' || (cp >= 0xD800 && cp <= 0xDFFF)) {
        out.appendCodePoint(cp);
      } else {
        int key = ((kindOf(cp) << 6 | DeepSeekPattern.classKey(cp)) << 3 | SplitClasses.of(cp)) << 1 | (Character.isSupplementaryCodePoint(cp) ? 1 : 0);
        out.appendCodePoint(representatives.computeIfAbsent(key, k -> cp));
      }
      i += Character.charCount(cp);
    }
    return out.toString();
  }
}
