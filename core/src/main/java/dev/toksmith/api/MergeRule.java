package dev.toksmith.api;

/**
 * Where {@code DynamicMerger} (in {@code dev.toksmith}) may merge two adjacent tokens. Each token of a merged sequence covers a
 * run of the base encoding's tokens; a rule sees the two runs about to become one, with the text
 * they came from, and is asked once each time two tokens become neighbours.
 *
 * <pre>{@code
 * // merge only within a line
 * MergeRule sameLine = (text, base, from, mid, to) ->
 *     text.substring(base.start(from), base.end(to - 1)).indexOf('\n') < 0;
 * DynamicMerger merger = DynamicMerger.builder(tokenizer).rule(sameLine).maxMerges(64).build();
 * }</pre>
 */
@FunctionalInterface
public interface MergeRule {

  /**
   * Whether base tokens {@code [from, mid)} and {@code [mid, to)} of {@code base} (the base
   * tokenizer's encoding of {@code text}) may become one token.
   */
  boolean allows(String text, Encoding base, int from, int mid, int to);

  /**
   * The default: the merged span lies inside one pre-token of the text, as the base pre-tokenizer
   * split it (one {@linkplain Encoding#wordId word id}; special and pad tokens never merge). Judging
   * the merged string on its own is not enough: o200k_base splits {@code " (“[T"} into {@code " (“["}
   * and {@code "T"} although {@code "[T"} alone is one piece. Merging until no pair is left reaches
   * exactly one token per pre-token: word level.
   */
  static MergeRule withinPreToken() {
    return (text, base, from, mid, to) -> base.wordId(from) >= 0 && base.wordId(from) == base.wordId(to - 1);
  }

  /** Any two adjacent tokens may merge, across words and special tokens alike. */
  static MergeRule none() {
    return (text, base, from, mid, to) -> true;
  }
}
