package dev.toksmith.core.pretokenizers;

import dev.toksmith.core.text.Utf8Chars;

/**
 * cl100k_base's split pattern, hand-written, in its two behaviours:
 *
 * <ul>
 *   <li>{@link #INSTANCE}: {@value #REGEX}, the form Llama 3 and GPT-4-derived tokenizer.json files
 *       carry (and tiktoken's {@code '(?i:[sdmt]|ll|ve|re)...?+...++} rewrite of it, {@value
 *       #POSSESSIVE_REGEX}, which matches the same);
 *   <li>{@link #TIKTOKEN}: {@value #TIKTOKEN_REGEX}, tiktoken's current definition. Its {@code \s++$}
 *       comes before {@code \s*[\r\n]}, so whitespace that runs to the end of the text is one piece
 *       even when it holds a line break ("\n  " rather than "\n", "  ").
 * </ul>
 *
 * <p>Letters and numbers are Unicode 16 (the reference engines, Oniguruma and the {@code regex}
 * crate, agree), {@code \s} is White_Space, and the contractions match case-insensitively as those
 * engines fold case: {@code 's} also matches {@code 'S} and {@code 'ſ} (U+017F). Unlike {@code
 * java.util.regex} nothing depends on the JDK's Unicode version.
 */
public final class Cl100kPattern extends CoveringPattern {
  /** The pattern as tokenizer.json files carry it. */
  public static final String REGEX =
      "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

  /** An equivalent of {@link #REGEX} with possessive quantifiers, as an earlier tiktoken wrote it. */
  public static final String POSSESSIVE_REGEX =
      "'(?i:[sdmt]|ll|ve|re)|[^\\r\\n\\p{L}\\p{N}]?+\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]++[\\r\\n]*|\\s*[\\r\\n]|\\s+(?!\\S)|\\s+";

  /** tiktoken's current pattern for cl100k_base ({@code tiktoken_ext/openai_public.py}). */
  public static final String TIKTOKEN_REGEX =
      "'(?i:[sdmt]|ll|ve|re)|[^\\r\\n\\p{L}\\p{N}]?+\\p{L}++|\\p{N}{1,3}+| ?[^\\s\\p{L}\\p{N}]++[\\r\\n]*+|\\s++$|\\s*[\\r\\n]|\\s+(?!\\S)|\\s";

  /**
   * {@link #TIKTOKEN_REGEX} for Hugging Face: Oniguruma reads {@code \p{N}{1,3}+} as {@code
   * (?:\p{N}{1,3})+}, so the possessive mark, which changes nothing there for tiktoken, is left out.
   */
  public static final String TIKTOKEN_HF_REGEX =
      "'(?i:[sdmt]|ll|ve|re)|[^\\r\\n\\p{L}\\p{N}]?+\\p{L}++|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]++[\\r\\n]*+|\\s++$|\\s*[\\r\\n]|\\s+(?!\\S)|\\s";

  /** Qwen2's and Qwen3's pattern: {@link #REGEX} with single numbers, {@code \p{N}} for {@code \p{N}{1,3}}. */
  public static final String QWEN_REGEX =
      "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

  /** {@link #REGEX} and {@link #POSSESSIVE_REGEX}. */
  public static final Cl100kPattern INSTANCE = new Cl100kPattern(false, 3);

  /** {@link #TIKTOKEN_REGEX} and {@link #TIKTOKEN_HF_REGEX}. */
  public static final Cl100kPattern TIKTOKEN = new Cl100kPattern(true, 3);

  /** {@link #QWEN_REGEX}. */
  public static final Cl100kPattern QWEN = new Cl100kPattern(false, 1);

  private final boolean trailingWhitespaceWhole;
  private final int maxNumbers;

  private Cl100kPattern(boolean trailingWhitespaceWhole, int maxNumbers) {
    this.trailingWhitespaceWhole = trailingWhitespaceWhole;
    this.maxNumbers = maxNumbers;
  }

  @Override
  public String scanner() {
    return maxNumbers == 1 ? "Qwen scanner" : trailingWhitespaceWhole ? "tiktoken's cl100k scanner" : "cl100k scanner";
  }

  /**
   * A space between ASCII letters or digits: the run before it ends there, and the space starts the
   * next match (with the word after it, or alone before digits), whatever comes before or after.
   */
  @Override
  public boolean matchBoundaryAt(CharSequence text, int at) {
    return Boundary.isWordGap(text, at);
  }

  @Override
  public String representatives(String text) {
    return SplitClasses.representatives(text, false);
  }

  @Override
  int matchAt(byte[] s, int i, int n, boolean raw) {
    int c = Utf8Chars.at(s, i, n, raw);
    int cp = Utf8Chars.codePoint(c);
    int next = i + Utf8Chars.length(c);
    if (cp == '\'') {
      int end = SplitClasses.contractionEnd(s, next, n);
      if (end > 0) return end;
    }
    int cls = SplitClasses.of(cp);
    // [^\r\n\p{L}\p{N}]?\p{L}+
    if (cls == SplitClasses.LETTER) return SplitClasses.runEnd(s, next, n, SplitClasses.LETTER, raw);
    if (cls != SplitClasses.NUMBER && cp != '\r' && cp != '\n' && next < n && SplitClasses.at(s, next, n, raw) == SplitClasses.LETTER) {
      return SplitClasses.runEnd(s, next, n, SplitClasses.LETTER, raw);
    }
    // \p{N}{1,3}
    if (cls == SplitClasses.NUMBER) return SplitClasses.numberEnd(s, next, n, maxNumbers, raw);
    // " ?[^\s\p{L}\p{N}]+[\r\n]*"
    int end = SplitClasses.otherEnd(s, i, n, false, raw);
    return end > 0 ? end : SplitClasses.whitespaceEnd(s, i, n, trailingWhitespaceWhole, raw);
  }
}
