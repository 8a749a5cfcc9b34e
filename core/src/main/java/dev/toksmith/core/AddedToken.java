package dev.toksmith.core;

/**
 * A token added on top of the model's vocabulary, matched in the text before pre-tokenization, with
 * Hugging Face's options.
 *
 * @param content the text the token stands for
 * @param singleWord match only where no word character touches either side
 * @param lstrip also take the whitespace to the left of a match
 * @param rstrip also take the whitespace to the right of a match
 * @param normalized match on the normalized text (true) or the raw input (false)
 * @param special skipped by {@code decode(ids, skipSpecialTokens=true)}
 */
public record AddedToken(String content, boolean singleWord, boolean lstrip, boolean rstrip, boolean normalized, boolean special) {

  /** A special token as trainers add them: matched on the raw text, never normalized. */
  public static AddedToken special(String content) {
    return new AddedToken(content, false, false, false, false, true);
  }
}
