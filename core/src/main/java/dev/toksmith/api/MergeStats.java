package dev.toksmith.api;

/**
 * Sequence lengths of dynamically merged batches (Feher, Vulić and Minixhofer's measures), as token
 * totals over {@code sequences} sequences: the base tokenizer's length L0, the merged length L(m)
 * after {@code merges} merges, and the word-level length L_word (one token per pre-token).
 * {@link #plus} sums batches, so a corpus's figures are its batches' stats added up.
 *
 * @param sequences number of sequences
 * @param merges merges applied (summed over batches)
 * @param baseTokens L0, in tokens over all sequences
 * @param mergedTokens L(m), in tokens over all sequences
 * @param wordTokens L_word, in tokens over all sequences
 *
 * <pre>{@code
 * MergeStats total = MergeStats.EMPTY;
 * for (List<String> batch : batches) total = total.plus(merger.merge(batch).stats());
 * System.out.printf("%.1f%% of the way to word level%n", total.reduction());
 * }</pre>
 */
public record MergeStats(long sequences, long merges, long baseTokens, long mergedTokens, long wordTokens) {

  /** No sequences: the identity of {@link #plus}. */
  public static final MergeStats EMPTY = new MergeStats(0, 0, 0, 0, 0);

  /** The stats of this batch and {@code other} together. */
  public MergeStats plus(MergeStats other) {
    return new MergeStats(sequences + other.sequences, merges + other.merges, baseTokens + other.baseTokens,
        mergedTokens + other.mergedTokens, wordTokens + other.wordTokens);
  }

  /** L0: mean base tokens per sequence. */
  public double baseLength() {
    return perSequence(baseTokens);
  }

  /** L(m): mean merged tokens per sequence. */
  public double mergedLength() {
    return perSequence(mergedTokens);
  }

  /** L_word: mean pre-tokens per sequence. */
  public double wordLength() {
    return perSequence(wordTokens);
  }

  /**
   * How far merging went from subword level to word level, in percent: {@code 100 * (L0 - L(m)) /
   * (L0 - L_word)}; 100 when the base tokens already are words. Above 100 only when a rule lets
   * merges cross words.
   */
  public double reduction() {
    return baseTokens == wordTokens ? 100 : 100.0 * (baseTokens - mergedTokens) / (baseTokens - wordTokens);
  }

  private double perSequence(long tokens) {
    return sequences == 0 ? 0 : (double) tokens / sequences;
  }
}
