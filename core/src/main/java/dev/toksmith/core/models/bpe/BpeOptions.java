package dev.toksmith.core.models.bpe;

/**
 * Settings of a BPE model beyond vocabulary and merges, named as in Hugging Face's tokenizer.json.
 *
 * @param unkToken token for symbols missing from the vocabulary, or null to drop them (as Hugging Face does)
 * @param continuingSubwordPrefix prefix of every symbol that does not start a piece, or null
 * @param endOfWordSuffix suffix of the symbol that ends a piece, or null
 * @param fuseUnk whether consecutive unknown symbols become one unknown token
 * @param byteFallback whether a missing character becomes its {@code <0xNN>} byte tokens
 * @param ignoreMerges whether a piece that is itself in the vocabulary becomes that one token
 */
public record BpeOptions(
    String unkToken,
    String continuingSubwordPrefix,
    String endOfWordSuffix,
    boolean fuseUnk,
    boolean byteFallback,
    boolean ignoreMerges) {

  /** Plain byte-level BPE: no unknown token, prefix, suffix or fallback. */
  public static final BpeOptions BYTE_LEVEL = new BpeOptions(null, null, null, false, false, false);

  /**
   * Whether byte input must be spelled as text first: prefix, suffix and byte fallback work per
   * character, and ignore_merges looks the whole spelled piece up.
   */
  boolean needsTextPath() {
    return continuingSubwordPrefix != null || endOfWordSuffix != null || byteFallback || ignoreMerges;
  }
}
