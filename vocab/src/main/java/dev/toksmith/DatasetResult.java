package dev.toksmith;

/**
 * What one tokenizer made of one dataset. Ratios are NaN where their denominator is zero.
 *
 * <pre>{@code
 * DatasetResult r = comparison.results().result("gpt2", "legal");
 * double fertility = r.tokensPerWord();
 * }</pre>
 *
 * @param tokenizer the tokenizer's name
 * @param dataset the dataset's name
 * @param documents documents in the dataset
 * @param characters Unicode code points of all documents
 * @param words words of all documents ({@link TextCounts})
 * @param bytes bytes of all documents as read: their UTF-8, where a U+FFFD that replaced invalid UTF-8 in
 *     the input counts the bytes it replaced ({@link TokenizerComparison.Dataset#finish(long, long)})
 * @param invalidUtf8Sequences invalid UTF-8 sequences in the input, each read as one U+FFFD
 * @param tokens tokens the tokenizer produced
 * @param unknownTokens how many of them are the unknown token ({@link FallbackTokens})
 * @param byteFallbackTokens how many of them are {@code <0xNN>} byte-fallback tokens
 */
public record DatasetResult(
    String tokenizer,
    String dataset,
    long documents,
    long characters,
    long words,
    long bytes,
    long invalidUtf8Sequences,
    long tokens,
    long unknownTokens,
    long byteFallbackTokens) implements TokenizerDatasetResult {

  /** Tokens per character (code point), the KL3M paper's TPC: lower is better. */
  public double tokensPerCharacter() {
    return ratio(tokens, characters);
  }

  /** Tokens per word: the tokenizer's fertility. */
  public double tokensPerWord() {
    return ratio(tokens, words);
  }

  /** Characters (code points) per token. */
  public double charactersPerToken() {
    return ratio(characters, tokens);
  }

  /** UTF-8 bytes per token. */
  public double bytesPerToken() {
    return ratio(bytes, tokens);
  }

  /** The share of tokens that are the unknown token or byte-fallback tokens, 0..1. */
  public double fallbackShare() {
    return ratio(unknownTokens + byteFallbackTokens, tokens);
  }

  /** {@code numerator / denominator}, NaN when the denominator is zero: how every ratio of a comparison is taken. */
  static double ratio(long numerator, long denominator) {
    return denominator == 0 ? Double.NaN : (double) numerator / denominator;
  }
}
