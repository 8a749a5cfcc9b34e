package dev.toksmith;

import dev.toksmith.api.MergeStats;

/**
 * What dynamic merging made of one dataset's lines with one tokenizer: L0, L(m) and L_word per
 * line and the reduction, as {@link MergeStats} defines them. Every figure is NaN for a dataset
 * without a non-blank line.
 *
 * <pre>{@code
 * TokenizerComparison comparison = new TokenizerComparison(contenders, new MergeSetting(64, 1000));
 * // ... read datasets ...
 * double percent = comparison.results().mergeResult("gpt2", "legal").reduction();
 * }</pre>
 *
 * @param tokenizer the tokenizer's name
 * @param dataset the dataset's name
 * @param setting batch size and merge budget
 * @param stats the dataset's batches' stats, summed
 */
public record MergeResult(String tokenizer, String dataset, MergeSetting setting, MergeStats stats) implements TokenizerDatasetResult {
  /** L0: base tokens per line. */
  public double baseLength() {
    return stats.sequences() == 0 ? Double.NaN : stats.baseLength();
  }

  /** L(m): tokens per line after merging. */
  public double mergedLength() {
    return stats.sequences() == 0 ? Double.NaN : stats.mergedLength();
  }

  /** L_word: pre-tokens per line. */
  public double wordLength() {
    return stats.sequences() == 0 ? Double.NaN : stats.wordLength();
  }

  /** {@code 100 * (L0 - L(m)) / (L0 - L_word)}: how far merging went towards word level, in percent. */
  public double reduction() {
    return stats.sequences() == 0 ? Double.NaN : stats.reduction();
  }
}
