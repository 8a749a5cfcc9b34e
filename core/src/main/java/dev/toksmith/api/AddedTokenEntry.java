package dev.toksmith.api;

/**
 * A token a tokenizer matches in the text before its model sees it: an added token of a
 * tokenizer.json (its {@code added_tokens}), or a special token of a tiktoken encoding.
 *
 * <pre>{@code
 * for (AddedTokenEntry t : tokenizer.addedTokens()) {
 *   if (t.special()) System.out.println(t.id() + " " + t.content()); // 128000 <|begin_of_text|> ...
 * }
 * }</pre>
 *
 * @param id the token's id
 * @param content the text it stands for
 * @param special whether it is a special token: skipped by {@code decode(ids, true)}, and matched in
 *     the input only while allowed ({@link Tokenizer#withAllowedSpecial})
 */
public record AddedTokenEntry(int id, String content, boolean special) {
  /** @throws IllegalArgumentException if the id is negative or the content missing or empty */
  public AddedTokenEntry {
    if (id < 0) throw new IllegalArgumentException("negative id " + id);
    if (content == null || content.isEmpty()) throw new IllegalArgumentException("an added token needs content (id " + id + ")");
  }
}
