package dev.toksmith.core.compare;

import dev.toksmith.api.DocumentSink;
import dev.toksmith.api.DynamicMerger;
import dev.toksmith.api.MergeStats;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.api.WordPooledStats;
import dev.toksmith.api.WordPooledTokenizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Counts, for several tokenizers at once, the tokens each needs for the same datasets, streaming:
 * each document is encoded by every tokenizer as it arrives and then dropped, so memory holds one
 * document, never a dataset.
 *
 * <p>A document is encoded verbatim and whole with {@link Tokenizer#encodeIds}: no special tokens
 * added by a post-processor, no truncation or padding (even when a tokenizer file sets them). Special
 * token text inside a document is treated as each tokenizer's own default treats it: tokenizer.json
 * files match their added tokens, as Hugging Face does; tiktoken encodings read it as ordinary text,
 * as tiktoken's {@code encode_ordinary} does.
 *
 * <p>A {@link WordPooledTokenizer} takes part too: its tokens are its rows (a word, or the
 * continuation of a word longer than a row), the sequence length a word-pooled model sees; it never
 * has unknown or byte-fallback tokens. It also gets a {@link WordPooledResult} per dataset.
 *
 * <p>With a {@link MergeSetting}, every ordinary tokenizer is also run through a {@link
 * DynamicMerger} with the default pre-token rule: the non-blank lines of the documents (line ends
 * left out, as {@code toksmith merge} reads lines) are merged in consecutive batches within each
 * dataset, and each dataset gets a {@link MergeResult}. Only the batch being filled is held.
 *
 * <p>Not thread-safe: read datasets one after the other with {@link #startDataset}.
 */
public final class TokenizerComparison {

  /** Something compared, with the name its results carry. */
  public sealed interface Contender permits NamedTokenizer, NamedWordPooled {
    /** The name results carry. */
    String name();
  }

  /** A tokenizer with the name results carry. */
  public record NamedTokenizer(String name, Tokenizer tokenizer) implements Contender {
    /** Checks that both parts are present. */
    public NamedTokenizer {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(tokenizer, "tokenizer");
    }
  }

  /** A word-pooled tokenizer with the name results carry. */
  public record NamedWordPooled(String name, WordPooledTokenizer tokenizer) implements Contender {
    /** Checks that both parts are present. */
    public NamedWordPooled {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(tokenizer, "tokenizer");
    }
  }

  /**
   * What one tokenizer made of one dataset. Ratios are NaN where their denominator is zero.
   *
   * @param tokenizer the tokenizer's name
   * @param dataset the dataset's name
   * @param documents documents in the dataset
   * @param characters Unicode code points of all documents
   * @param words words of all documents ({@link TextCounts})
   * @param bytes bytes of all documents as read: their UTF-8, where a U+FFFD that replaced invalid UTF-8 in
   *     the input counts the bytes it replaced ({@link Dataset#finish(long, long)})
   * @param invalidUtf8Sequences invalid UTF-8 sequences in the input, each read as one U+FFFD
   * @param tokens tokens the tokenizer produced
   * @param unknownTokens how many of them are the unknown token ({@link FallbackTokens})
   * @param byteFallbackTokens how many of them are {@code <0xNN>} byte-fallback tokens
   */
  public record Result(
      String tokenizer,
      String dataset,
      long documents,
      long characters,
      long words,
      long bytes,
      long invalidUtf8Sequences,
      long tokens,
      long unknownTokens,
      long byteFallbackTokens) {

    /** Tokens per character (code point), the KL3M paper's TPC: lower is better. */
    public double tokensPerCharacter() {
      return ratio(tokens, characters);
    }

    /** Tokens per word: the tokenizer's fertility. */
    public double tokensPerWord() {
      return ratio(tokens, words);
    }

    /** Characters (code points) per token. */
    public double charactersPerToken() {
      return ratio(characters, tokens);
    }

    /** UTF-8 bytes per token. */
    public double bytesPerToken() {
      return ratio(bytes, tokens);
    }

    /** The share of tokens that are the unknown token or byte-fallback tokens, 0..1. */
    public double fallbackShare() {
      return ratio(unknownTokens + byteFallbackTokens, tokens);
    }
  }

  /**
   * The unweighted mean over datasets of each per-dataset ratio, as the KL3M paper averages: every
   * dataset counts the same whatever its size. Each mean is taken of the ratios themselves, so {@code
   * charactersPerToken} is not {@code 1 / tokensPerCharacter}.
   *
   * @param tokenizer the tokenizer's name
   * @param datasets how many datasets were averaged
   */
  public record Mean(
      String tokenizer,
      int datasets,
      double tokensPerCharacter,
      double tokensPerWord,
      double charactersPerToken,
      double bytesPerToken,
      double fallbackShare) {}

  /**
   * What a word-pooled tokenizer made of one dataset, with its own words ({@link
   * WordPooledTokenizer#words}: punctuation a word of its own, a single leading space part of the
   * word), not {@link TextCounts}' words. Ratios are NaN where their denominator is zero.
   *
   * @param tokenizer the tokenizer's name
   * @param dataset the dataset's name
   * @param maxUnits the tokenizer's units per row
   * @param characters Unicode code points of all documents
   * @param words words (a word cut into several rows counts once)
   * @param rows rows: words plus continuation rows (the tokens of its {@link Result})
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
      long overflowingWords) {

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

  /**
   * Dynamic merging measured beside the token counts.
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

  /**
   * What dynamic merging made of one dataset's lines with one tokenizer: L0, L(m) and L_word per
   * line and the reduction, as {@link MergeStats} defines them. Every figure is NaN for a dataset
   * without a non-blank line.
   *
   * @param tokenizer the tokenizer's name
   * @param dataset the dataset's name
   * @param setting batch size and merge budget
   * @param stats the dataset's batches' stats, summed
   */
  public record MergeResult(String tokenizer, String dataset, MergeSetting setting, MergeStats stats) {
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

  private final List<Contender> tokenizers;
  /** Per tokenizer in order; null for word-pooled ones. */
  private final List<FallbackTokens> fallbacks;
  private final Set<String> datasetNames = new LinkedHashSet<>();
  private final List<Result> results = new ArrayList<>();
  private final List<WordPooledResult> wordPooledResults = new ArrayList<>();
  private final MergeSetting merging;
  /** Per tokenizer in order; null for word-pooled ones and when there is no merging. */
  private final List<DynamicMerger> mergers;
  private final List<MergeResult> mergeResults = new ArrayList<>();
  private Dataset open;

  /**
   * Prepares to compare {@code tokenizers}, in this order, without dynamic merging.
   *
   * @throws IllegalArgumentException if there are none or two share a name
   */
  public TokenizerComparison(List<? extends Contender> tokenizers) {
    this(tokenizers, null);
  }

  /**
   * Prepares to compare {@code tokenizers}, in this order, each ordinary one also merged dynamically
   * as {@code merging} says (null: not).
   *
   * @throws IllegalArgumentException if there are none or two share a name
   */
  public TokenizerComparison(List<? extends Contender> tokenizers, MergeSetting merging) {
    if (tokenizers.isEmpty()) throw new IllegalArgumentException("no tokenizer to compare");
    List<Contender> prepared = new ArrayList<>();
    List<FallbackTokens> fallback = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (Contender c : tokenizers) {
      if (!names.add(c.name())) throw new IllegalArgumentException("tokenizer '" + c.name() + "' is given twice");
      if (c instanceof NamedTokenizer t) {
        prepared.add(new NamedTokenizer(t.name(), t.tokenizer().withTruncation(null).withPadding(null)));
        fallback.add(FallbackTokens.of(t.tokenizer()));
      } else {
        prepared.add(c);
        fallback.add(null);
      }
    }
    this.tokenizers = List.copyOf(prepared);
    this.fallbacks = Collections.unmodifiableList(fallback);
    this.merging = merging;
    List<DynamicMerger> merger = new ArrayList<>();
    for (Contender c : this.tokenizers) {
      merger.add(merging != null && c instanceof NamedTokenizer t ? DynamicMerger.builder(t.tokenizer()).maxMerges(merging.merges()).build() : null);
    }
    this.mergers = Collections.unmodifiableList(merger);
  }

  /** The tokenizers' names, in the order given. */
  public List<String> tokenizerNames() {
    return tokenizers.stream().map(Contender::name).toList();
  }

  /** Whether {@code name} is a word-pooled tokenizer's. */
  public boolean isWordPooled(String name) {
    requireTokenizer(name);
    return tokenizers.stream().anyMatch(c -> c.name().equals(name) && c instanceof NamedWordPooled);
  }

  /** The names of the datasets finished so far, in reading order. */
  public List<String> datasetNames() {
    return List.copyOf(datasetNames);
  }

  /**
   * Starts a dataset: hand its documents to the returned sink, then {@link Dataset#finish} it.
   *
   * @throws IllegalArgumentException if a dataset of that name was read already
   * @throws IllegalStateException if the previous dataset is not finished
   */
  public Dataset startDataset(String name) {
    if (open != null) throw new IllegalStateException("dataset '" + open.name + "' is not finished");
    if (datasetNames.contains(name)) throw new IllegalArgumentException("dataset '" + name + "' is given twice");
    open = new Dataset(name);
    return open;
  }

  /** One dataset being read: every accepted document is encoded by every tokenizer. */
  public final class Dataset implements DocumentSink {
    private final String name;
    private long documents;
    private TextCounts text = new TextCounts(0, 0, 0);
    private final long[] tokens = new long[tokenizers.size()];
    private final long[] unknown = new long[tokenizers.size()];
    private final long[] byteFallback = new long[tokenizers.size()];
    private final WordPooledStats[] wordPooled = new WordPooledStats[tokenizers.size()];
    private final MergeStats[] merged = new MergeStats[tokenizers.size()];
    private final List<String> lineBatch = new ArrayList<>();

    private Dataset(String name) {
      this.name = name;
      for (int t = 0; t < tokenizers.size(); t++) {
        if (tokenizers.get(t) instanceof NamedWordPooled w) wordPooled[t] = new WordPooledStats(w.tokenizer());
        if (mergers.get(t) != null) merged[t] = MergeStats.EMPTY;
      }
    }

    /**
     * Counts one document, encoded whole by every tokenizer.
     *
     * @throws IllegalArgumentException if a word-pooled tokenizer with subword units cannot encode it
     */
    @Override
    public void accept(String document) {
      if (open != this) throw new IllegalStateException("dataset '" + name + "' is finished");
      documents++;
      text = text.plus(TextCounts.of(document));
      for (int t = 0; t < tokenizers.size(); t++) {
        if (wordPooled[t] != null) {
          wordPooled[t].add(document);
          tokens[t] = wordPooled[t].rows();
          continue;
        }
        int[] ids = ((NamedTokenizer) tokenizers.get(t)).tokenizer().encodeIds(document);
        FallbackTokens fallback = fallbacks.get(t);
        tokens[t] += ids.length;
        for (int id : ids) {
          if (fallback.isUnknown(id)) unknown[t]++;
          else if (fallback.byteOf(id) >= 0) byteFallback[t]++;
        }
      }
      if (merging == null) return;
      for (String line : (Iterable<String>) document.lines()::iterator) {
        if (line.isBlank()) continue;
        lineBatch.add(line);
        if (lineBatch.size() == merging.batchSize()) mergeBatch();
      }
    }

    /** Merges the lines collected with every ordinary tokenizer and starts a new batch. */
    private void mergeBatch() {
      for (int t = 0; t < tokenizers.size(); t++) {
        if (mergers.get(t) != null) merged[t] = merged[t].plus(mergers.get(t).merge(lineBatch).stats());
      }
      lineBatch.clear();
    }

    /** The counts of the text read so far, the same for every tokenizer. */
    public TextCounts text() {
      return text;
    }

    /** Documents read so far. */
    public long documents() {
      return documents;
    }

    /** Ends the dataset and records one result per tokenizer; its bytes are the UTF-8 of its documents. */
    public void finish() {
      finish(text.bytes(), 0);
    }

    /**
     * Ends the dataset, whose documents were read from {@code bytesRead} bytes with {@code
     * invalidUtf8Sequences} invalid UTF-8 sequences, each replaced with U+FFFD (so its bytes are the
     * input's, not the UTF-8 of the replaced text), and records one result per tokenizer.
     */
    public void finish(long bytesRead, long invalidUtf8Sequences) {
      if (open != this) throw new IllegalStateException("dataset '" + name + "' is finished");
      if (!lineBatch.isEmpty()) mergeBatch();
      for (int t = 0; t < tokenizers.size(); t++) {
        if (merged[t] != null) mergeResults.add(new MergeResult(tokenizers.get(t).name(), name, merging, merged[t]));
        results.add(new Result(tokenizers.get(t).name(), name, documents, text.characters(), text.words(), bytesRead, invalidUtf8Sequences,
            tokens[t], unknown[t], byteFallback[t]));
        WordPooledStats w = wordPooled[t];
        if (w != null) {
          int maxUnits = ((NamedWordPooled) tokenizers.get(t)).tokenizer().maxUnits();
          wordPooledResults.add(new WordPooledResult(tokenizers.get(t).name(), name, maxUnits, w.characters(), w.words(), w.rows(), w.units(),
              w.p95UnitsPerWord(), w.overflowingWords()));
        }
      }
      datasetNames.add(name);
      open = null;
    }
  }

  /** Every result of the finished datasets, by tokenizer (in the order given), then by dataset. */
  public List<Result> results() {
    return byTokenizer(results, Result::tokenizer);
  }

  /** The word-pooled results of the finished datasets, by tokenizer (in the order given), then by dataset. */
  public List<WordPooledResult> wordPooledResults() {
    return byTokenizer(wordPooledResults, WordPooledResult::tokenizer);
  }

  /** {@code results} (in dataset order) sorted by tokenizer in the order given, stably. */
  private <R> List<R> byTokenizer(List<R> results, java.util.function.Function<R, String> tokenizer) {
    List<R> ordered = new ArrayList<>(results.size());
    for (Contender t : tokenizers) {
      for (R r : results) if (tokenizer.apply(r).equals(t.name())) ordered.add(r);
    }
    return ordered;
  }

  /** The dynamic-merging results of the finished datasets, by tokenizer (in the order given), then by dataset; empty without merging. */
  public List<MergeResult> mergeResults() {
    return byTokenizer(mergeResults, MergeResult::tokenizer);
  }

  /**
   * A tokenizer's dynamic-merging result on one dataset.
   *
   * @throws IllegalArgumentException if there is no such result (no such dataset, no merging, or a word-pooled tokenizer)
   */
  public MergeResult mergeResult(String tokenizer, String dataset) {
    for (MergeResult r : mergeResults) if (r.tokenizer().equals(tokenizer) && r.dataset().equals(dataset)) return r;
    throw new IllegalArgumentException("no dynamic-merging result for tokenizer '" + tokenizer + "' on dataset '" + dataset + "'");
  }

  /**
   * A word-pooled tokenizer's result on one dataset.
   *
   * @throws IllegalArgumentException if there is no such result (no such dataset, or not a word-pooled tokenizer)
   */
  public WordPooledResult wordPooledResult(String tokenizer, String dataset) {
    for (WordPooledResult r : wordPooledResults) if (r.tokenizer().equals(tokenizer) && r.dataset().equals(dataset)) return r;
    throw new IllegalArgumentException("no word-pooled result for tokenizer '" + tokenizer + "' on dataset '" + dataset + "'");
  }

  /**
   * One tokenizer's result on one dataset.
   *
   * @throws IllegalArgumentException if there is no such result
   */
  public Result result(String tokenizer, String dataset) {
    for (Result r : results) if (r.tokenizer().equals(tokenizer) && r.dataset().equals(dataset)) return r;
    throw new IllegalArgumentException("no result for tokenizer '" + tokenizer + "' on dataset '" + dataset + "'");
  }

  /** A tokenizer's unweighted means over the finished datasets (NaN when there are none). */
  public Mean mean(String tokenizer) {
    requireTokenizer(tokenizer);
    List<Result> own = results.stream().filter(r -> r.tokenizer().equals(tokenizer)).toList();
    return new Mean(tokenizer, own.size(),
        mean(own, Result::tokensPerCharacter),
        mean(own, Result::tokensPerWord),
        mean(own, Result::charactersPerToken),
        mean(own, Result::bytesPerToken),
        mean(own, Result::fallbackShare));
  }

  /** How many tokens {@code tokenizer} needs for {@code dataset} relative to {@code baseline}. */
  public RelativeSize relativeSize(String tokenizer, String baseline, String dataset) {
    Result r = result(tokenizer, dataset);
    Result b = result(baseline, dataset);
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
    if (!tokenizerNames().contains(name)) throw new IllegalArgumentException("no tokenizer named '" + name + "'");
  }

  private static double mean(List<Result> results, java.util.function.ToDoubleFunction<Result> metric) {
    double sum = 0;
    for (Result r : results) sum += metric.applyAsDouble(r);
    return results.isEmpty() ? Double.NaN : sum / results.size();
  }

  private static double ratio(long numerator, long denominator) {
    return denominator == 0 ? Double.NaN : (double) numerator / denominator;
  }
}
