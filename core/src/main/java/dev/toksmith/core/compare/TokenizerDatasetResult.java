package dev.toksmith.core.compare;

/** A result of one tokenizer on one dataset, found in {@link ComparisonResults} by both names. */
public sealed interface TokenizerDatasetResult permits DatasetResult, WordPooledResult, MergeResult {
  /** The tokenizer's name. */
  String tokenizer();

  /** The dataset's name. */
  String dataset();
}
