package dev.toksmith;

import static dev.toksmith.DatasetResult.ratio;

import dev.toksmith.api.WordPooledTokenizer;

/**
 * What a word-pooled tokenizer made of one dataset, with its own words ({@link
 * WordPooledTokenizer#words}: punctuation a word of its own, a single leading space part of the
 * word), not {@link TextCounts}' words. Ratios are NaN where their denominator is zero.
 *
 * <pre>{@code
 * WordPooledResult w = comparison.results().wordPooledResult("bytes16", "legal");
 * double overflow = w.overflowShare();
 * }</pre>
 *
 * @param tokenizer the tokenizer's name
 * @param dataset the dataset's name
 * @param maxUnits the tokenizer's units per row
 * @param characters Unicode code points of all documents
 * @param words words (a word cut into several rows counts once)
 * @param rows rows: words plus continuation rows (the tokens of its {@link DatasetResult})
 * @param units units of all words
 * @param p95UnitsPerWord the 95th percentile of units per word, nearest rank (0 for no words)
 * @param overflowingWords words with more than {@code maxUnits} units
 */
public record WordPooledResult(
    String tokenizer,
    String dataset,
    int maxUnits,
    long characters,
    long words,
    long rows,
    long units,
    int p95UnitsPerWord,
    long overflowingWords) implements TokenizerDatasetResult {

  /** Words per character (code point). */
  public double wordsPerCharacter() {
    return ratio(words, characters);
  }

  /** Mean units per word, counted before a long word is cut into rows. */
  public double unitsPerWord() {
    return ratio(units, words);
  }

  /** The share of words with more than {@code maxUnits} units, 0..1. */
  public double overflowShare() {
    return ratio(overflowingWords, words);
  }
}
