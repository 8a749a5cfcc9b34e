package dev.toksmith.core.pretokenizers;

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

  /** {@link #REGEX} and {@link #POSSESSIVE_REGEX}. */
  public static final Cl100kPattern INSTANCE = new Cl100kPattern(false);

  /** {@link #TIKTOKEN_REGEX} and {@link #TIKTOKEN_HF_REGEX}. */
  public static final Cl100kPattern TIKTOKEN = new Cl100kPattern(true);

  private final boolean trailingWhitespaceWhole;

  private Cl100kPattern(boolean trailingWhitespaceWhole) {
    this.trailingWhitespaceWhole = trailingWhitespaceWhole;
  }

  @Override
  public String representatives(String text) {
    return SplitClasses.representatives(text, false);
  }

  @Override
  int matchAt(CharSequence s, int i, int n) {
    int cp = Character.codePointAt(s, i);
    int next = i + Character.charCount(cp);
    if (cp == '\'') {
      int end = SplitClasses.contractionEnd(s, next, n);
      if (end > 0) return end;
    }
    int cls = SplitClasses.of(cp);
    // [^\r\n\p{L}\p{N}]?\p{L}+
    if (cls == SplitClasses.LETTER) return SplitClasses.runEnd(s, next, n, SplitClasses.LETTER);
    if (cls != SplitClasses.NUMBER && cp != '\r' && cp != '\n' && next < n && SplitClasses.at(s, next) == SplitClasses.LETTER) {
      return SplitClasses.runEnd(s, next, n, SplitClasses.LETTER);
    }
    // \p{N}{1,3}
    if (cls == SplitClasses.NUMBER) return SplitClasses.numberEnd(s, next, n);
    // " ?[^\s\p{L}\p{N}]+[\r\n]*"
    int end = SplitClasses.otherEnd(s, i, n, false);
    return end > 0 ? end : SplitClasses.whitespaceEnd(s, i, n, trailingWhitespaceWhole);
  }
}
