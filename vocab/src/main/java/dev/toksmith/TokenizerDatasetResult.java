package dev.toksmith;

/**
 * A result of one tokenizer on one dataset, found in {@link ComparisonResults} by both names.
 *
 * <pre>{@code
 * for (DatasetResult r : comparison.results().datasetResults()) System.out.println(r.tokenizer() + " on " + r.dataset());
 * }</pre>
 */
public sealed interface TokenizerDatasetResult permits DatasetResult, WordPooledResult, MergeResult {
  /** The tokenizer's name. */
  String tokenizer();

  /** The dataset's name. */
  String dataset();
}
