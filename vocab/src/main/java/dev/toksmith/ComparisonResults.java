package dev.toksmith;

import static dev.toksmith.DatasetResult.ratio;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * What a {@link TokenizerComparison} measured on the datasets finished when it was asked: the
 * results per tokenizer and dataset, their unweighted means and relative sizes. Immutable; every list
 * runs by tokenizer (in the order given), then by dataset (in reading order).
 *
 * <pre>{@code
 * ComparisonResults results = comparison.results();
 * for (DatasetResult r : results.datasetResults()) System.out.println(r.tokenizer() + " " + r.dataset() + " " + r.tokensPerCharacter());
 * MeanResult mean = results.mean("gpt2");
 * }</pre>
 */
public final class ComparisonResults {
  private final List<String> tokenizerNames;
  private final Set<String> wordPooled;
  private final List<String> datasetNames;
  private final List<DatasetResult> results;
  private final List<WordPooledResult> wordPooledResults;
  private final List<MergeResult> mergeResults;

  ComparisonResults(List<String> tokenizerNames, Set<String> wordPooled, List<String> datasetNames, List<DatasetResult> results,
      List<WordPooledResult> wordPooledResults, List<MergeResult> mergeResults) {
    this.tokenizerNames = List.copyOf(tokenizerNames);
    this.wordPooled = Set.copyOf(wordPooled);
    this.datasetNames = List.copyOf(datasetNames);
    this.results = byTokenizer(results);
    this.wordPooledResults = byTokenizer(wordPooledResults);
    this.mergeResults = byTokenizer(mergeResults);
  }

  /** {@code results} (in dataset order) sorted by tokenizer in the order given, stably. */
  private <R extends TokenizerDatasetResult> List<R> byTokenizer(List<R> results) {
    List<R> ordered = new ArrayList<>(results.size());
    for (String t : tokenizerNames) {
      for (R r : results) if (r.tokenizer().equals(t)) ordered.add(r);
    }
    return List.copyOf(ordered);
  }

  /** The result of {@code tokenizer} on {@code dataset} in {@code results}; {@code what} names the kind in the error. */
  private static <R extends TokenizerDatasetResult> R find(List<R> results, String tokenizer, String dataset, String what) {
    for (R r : results) if (r.tokenizer().equals(tokenizer) && r.dataset().equals(dataset)) return r;
    throw new IllegalArgumentException("no " + what + "result for tokenizer '" + tokenizer + "' on dataset '" + dataset + "'");
  }

  /** The tokenizers' names, in the order given. */
  public List<String> tokenizerNames() {
    return tokenizerNames;
  }

  /** Whether {@code name} is a word-pooled tokenizer's. */
  public boolean isWordPooled(String name) {
    requireTokenizer(name);
    return wordPooled.contains(name);
  }

  /** The names of the finished datasets, in reading order. */
  public List<String> datasetNames() {
    return datasetNames;
  }

  /** Every tokenizer's result on every dataset. */
  public List<DatasetResult> datasetResults() {
    return results;
  }

  /** The word-pooled tokenizers' results. */
  public List<WordPooledResult> wordPooledResults() {
    return wordPooledResults;
  }

  /** The dynamic-merging results; empty without merging. */
  public List<MergeResult> mergeResults() {
    return mergeResults;
  }

  /**
   * One tokenizer's result on one dataset.
   *
   * @throws IllegalArgumentException if there is no such result
   */
  public DatasetResult result(String tokenizer, String dataset) {
    return find(results, tokenizer, dataset, "");
  }

  /**
   * A word-pooled tokenizer's result on one dataset.
   *
   * @throws IllegalArgumentException if there is no such result (no such dataset, or not a word-pooled tokenizer)
   */
  public WordPooledResult wordPooledResult(String tokenizer, String dataset) {
    return find(wordPooledResults, tokenizer, dataset, "word-pooled ");
  }

  /**
   * A tokenizer's dynamic-merging result on one dataset.
   *
   * @throws IllegalArgumentException if there is no such result (no such dataset, no merging, or a word-pooled tokenizer)
   */
  public MergeResult mergeResult(String tokenizer, String dataset) {
    return find(mergeResults, tokenizer, dataset, "dynamic-merging ");
  }

  /** A tokenizer's unweighted means over the finished datasets (NaN when there are none). */
  public MeanResult mean(String tokenizer) {
    requireTokenizer(tokenizer);
    List<DatasetResult> own = results.stream().filter(r -> r.tokenizer().equals(tokenizer)).toList();
    return new MeanResult(tokenizer, own.size(),
        mean(own, DatasetResult::tokensPerCharacter),
        mean(own, DatasetResult::tokensPerWord),
        mean(own, DatasetResult::charactersPerToken),
        mean(own, DatasetResult::bytesPerToken),
        mean(own, DatasetResult::fallbackShare));
  }

  /** How many tokens {@code tokenizer} needs for {@code dataset} relative to {@code baseline}. */
  public RelativeSize relativeSize(String tokenizer, String baseline, String dataset) {
    DatasetResult r = result(tokenizer, dataset);
    DatasetResult b = result(baseline, dataset);
    return new RelativeSize(tokenizer, baseline, ratio(r.tokens(), b.tokens()));
  }

  /**
   * {@code tokenizer} relative to {@code baseline} over all datasets: the ratio of their mean TPC, so
   * that each dataset weighs the same, as the KL3M paper's "fewer tokens" figures do.
   */
  public RelativeSize relativeSize(String tokenizer, String baseline) {
    return new RelativeSize(tokenizer, baseline, mean(tokenizer).tokensPerCharacter() / mean(baseline).tokensPerCharacter());
  }

  private void requireTokenizer(String name) {
    if (!tokenizerNames.contains(name)) throw new IllegalArgumentException("no tokenizer named '" + name + "'");
  }

  private static double mean(List<DatasetResult> results, ToDoubleFunction<DatasetResult> metric) {
    double sum = 0;
    for (DatasetResult r : results) sum += metric.applyAsDouble(r);
    return results.isEmpty() ? Double.NaN : sum / results.size();
  }
}
