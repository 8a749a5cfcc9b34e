package dev.toksmith.core;

import java.util.Objects;

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

  // equals and hashCode written out: a record's own bootstrap through method handles the first time
  // they run, which cost every CLI start that built a tokenizer about 15 ms (jmh/README.md, "Start-up").
  @Override
  public boolean equals(Object o) {
    return o instanceof AddedToken t && Objects.equals(content, t.content) && singleWord == t.singleWord && lstrip == t.lstrip && rstrip == t.rstrip
        && normalized == t.normalized && special == t.special;
  }

  @Override
  public int hashCode() {
    int flags = (singleWord ? 1 : 0) | (lstrip ? 2 : 0) | (rstrip ? 4 : 0) | (normalized ? 8 : 0) | (special ? 16 : 0);
    return 31 * Objects.hashCode(content) + flags;
  }

  /** A special token as trainers add them: matched on the raw text, never normalized. */
  public static AddedToken special(String content) {
    return new AddedToken(content, false, false, false, false, true);
  }
}
