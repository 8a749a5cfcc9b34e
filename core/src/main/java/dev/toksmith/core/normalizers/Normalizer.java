package dev.toksmith.core.normalizers;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.unicode.NormalizedString;

/** One normalization stage. Implementations are immutable and thread-safe. */
public interface Normalizer {
  /** Normalizes {@code text} in place, keeping its alignment to the original. */
  void normalize(NormalizedString text);

  /**
   * Whether normalizing {@code text} cut at {@code at} gives, beside its two parts, the two parts of
   * its normalization: nothing this stage does near {@code at} depends on what lies on the other side
   * of it. What a stage does only at the very start or end of a text (Prepend, Strip) does not count:
   * a text encoded window by window is given context before each window ({@code
   * dev.toksmith.core.Windows}). Asked where {@code text[at]} is a space between two ASCII letters or
   * digits; false unless the stage knows.
   */
  default boolean cutsCleanlyAt(CharSequence text, int at) {
    return false;
  }

  /**
   * A quick check: whether {@link #normalize} certainly leaves the UTF-8 text {@code utf8[from, to)}
   * unchanged (raw bytes with {@code raw}, read as {@link dev.toksmith.core.text.Utf8Chars} reads
   * them), found without normalizing. False when it would change the text or when the check cannot
   * tell; the default cannot. The fast paths of a pipeline use text as it is when this holds, and hand
   * it to the general path otherwise.
   */
  default boolean leavesUnchanged(byte[] utf8, int from, int to, boolean raw) {
    return false;
  }

  /**
   * This normalizer as {@code Tokenizer.description()} shows it: its tokenizer.json {@code type} (the one
   * place that names it: the tokenizer.json registry takes it from here) and its parameters.
   */
  Stage describe();
}
