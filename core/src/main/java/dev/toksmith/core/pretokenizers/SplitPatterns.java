package dev.toksmith.core.pretokenizers;

import java.util.Map;

/** Builds split patterns from their tokenizer.json form. */
public final class SplitPatterns {
  /** GPT-2's pattern as tiktoken writes it for r50k_base, p50k_base and p50k_edit; matches as {@link Gpt2Pattern#REGEX}. */
  public static final String GPT2_TIKTOKEN_REGEX = "'(?:[sdmt]|ll|ve|re)| ?\\p{L}++| ?\\p{N}++| ?[^\\s\\p{L}\\p{N}]++|\\s++$|\\s+(?!\\S)|\\s";

  /** GPT-2's pattern as an earlier tiktoken (and jtokkit) wrote it; matches as {@link Gpt2Pattern#REGEX}. */
  static final String GPT2_SHORT_REGEX = "'(?:[sdmt]|ll|ve|re)| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

  /**
   * Regexes with an exact hand-written scanner for Hugging Face (Oniguruma) semantics, by their text.
   * Each is proved by the tests against java.util.regex running that very text and against Hugging
   * Face itself.
   */
  static final Map<String, SplitPattern> EXACT = Map.of(
      Gpt2Pattern.REGEX, Gpt2Pattern.INSTANCE,
      GPT2_TIKTOKEN_REGEX, Gpt2Pattern.INSTANCE,
      GPT2_SHORT_REGEX, Gpt2Pattern.INSTANCE,
      Cl100kPattern.REGEX, Cl100kPattern.INSTANCE,
      Cl100kPattern.POSSESSIVE_REGEX, Cl100kPattern.INSTANCE,
      Cl100kPattern.TIKTOKEN_HF_REGEX, Cl100kPattern.TIKTOKEN,
      Cl100kPattern.QWEN_REGEX, Cl100kPattern.QWEN,
      O200kPattern.REGEX, O200kPattern.INSTANCE,
      DeepSeekPattern.REGEX, DeepSeekPattern.INSTANCE);

  /**
   * The same for tiktoken (fancy-regex) semantics, which differ on one text: in {@link
   * Cl100kPattern#TIKTOKEN_REGEX}, {@code \p{N}{1,3}+} is a possessive {@code {1,3}} for tiktoken
   * (and java.util.regex) but {@code (?:\p{N}{1,3})+}, any run of numbers, for Oniguruma.
   */
  static final Map<String, SplitPattern> TIKTOKEN_EXACT = withEntry(EXACT, Cl100kPattern.TIKTOKEN_REGEX, Cl100kPattern.TIKTOKEN);

  private SplitPatterns() {}

  /**
   * A regex of a tokenizer.json file (Split, Replace): an exact scanner when one exists for it, a run
   * of one character class ({@link ClassRunPattern}) when that is all it is, {@code java.util.regex}
   * with Oniguruma's meaning otherwise ({@link RegexPattern}).
   *
   * @throws java.util.regex.PatternSyntaxException if the regex does not compile
   */
  public static SplitPattern regex(String regex) {
    SplitPattern exact = EXACT.get(regex);
    if (exact != null) return exact;
    SplitPattern run = ClassRunPattern.of(regex);
    return run != null ? run : RegexPattern.oniguruma(regex);
  }

  /**
   * A tiktoken encoding's split regex ({@code pat_str}): an exact scanner when one exists for it,
   * {@code java.util.regex} otherwise.
   */
  public static SplitPattern tiktokenRegex(String regex) {
    SplitPattern exact = TIKTOKEN_EXACT.get(regex);
    return exact != null ? exact : RegexPattern.tiktoken(regex);
  }

  /**
   * A tokenizer.json Split regex that Hugging Face runs as tiktoken runs {@code tiktokenRegex}: the
   * same text, but for {@link Cl100kPattern#TIKTOKEN_REGEX}, which Oniguruma reads differently. An
   * unknown pattern is returned as it is; the two engines may then differ.
   */
  public static String huggingFaceEquivalent(String tiktokenRegex) {
    return tiktokenRegex.equals(Cl100kPattern.TIKTOKEN_REGEX) ? Cl100kPattern.TIKTOKEN_HF_REGEX : tiktokenRegex;
  }

  private static Map<String, SplitPattern> withEntry(Map<String, SplitPattern> map, String regex, SplitPattern pattern) {
    Map<String, SplitPattern> copy = new java.util.HashMap<>(map);
    copy.put(regex, pattern);
    return Map.copyOf(copy);
  }

  /**
   * One pattern whose matches are the pieces that {@code splits}, run in sequence, cut any text into,
   * when toksmith knows one: DeepSeek V3's three splits ({@link DeepSeekPieces}). Null otherwise.
   */
  public static SplitPattern sequencePieces(java.util.List<PreTokenizer> splits) {
    return DeepSeekPieces.of(splits);
  }

  /** A literal string pattern; the empty string matches before every character, as Hugging Face's does. */
  public static SplitPattern literal(String literal) {
    return literal.isEmpty() ? EmptyPattern.INSTANCE : new LiteralPattern(literal);
  }
}
