package dev.toksmith;

/**
 * Dynamic merging measured beside the token counts.
 *
 * <pre>{@code
 * new TokenizerComparison(contenders, new MergeSetting(64, 1000));  // 64 lines a batch, 1000 merges each
 * }</pre>
 *
 * @param batchSize lines per batch, at least 1
 * @param merges the merge budget m per batch, 0 or more
 */
public record MergeSetting(int batchSize, int merges) {
  /** Checks the bounds. */
  public MergeSetting {
    if (batchSize < 1) throw new IllegalArgumentException("the merge batch size must be at least 1, not " + batchSize);
    if (merges < 0) throw new IllegalArgumentException("the merge budget must not be negative: " + merges);
  }
}
