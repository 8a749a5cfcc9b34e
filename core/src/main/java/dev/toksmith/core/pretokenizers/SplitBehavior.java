package dev.toksmith.core.pretokenizers;

import java.util.Locale;

/** What happens to the matched delimiters of a {@link Split}, as Hugging Face defines it. */
public enum SplitBehavior {
  /** Matches are dropped. */
  REMOVED,
  /** Every match is a piece of its own. */
  ISOLATED,
  /** A match joins the piece before it. */
  MERGED_WITH_PREVIOUS,
  /** A match joins the piece after it. */
  MERGED_WITH_NEXT,
  /** Consecutive matches form one piece. */
  CONTIGUOUS;

  /** Hugging Face's name of this behavior, such as {@code MergedWithPrevious}. */
  public String huggingFaceName() {
    StringBuilder name = new StringBuilder();
    for (String word : name().split("_")) name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
    return name.toString();
  }
}
