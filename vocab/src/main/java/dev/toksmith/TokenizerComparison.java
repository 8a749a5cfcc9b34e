package dev.toksmith;

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
 * <p>Not thread-safe: read datasets one after the other with {@link #startDataset}; {@link #results}
 * is an immutable snapshot of what the finished ones gave.
 *
 * <pre>{@code
 * TokenizerComparison comparison = new TokenizerComparison(List.of(
 *     new NamedTokenizer("gpt2", Tokenizers.load("gpt2")), new NamedTokenizer("o200k", Tokenizers.load("o200k_base"))));
 * TokenizerComparison.Dataset legal = comparison.startDataset("legal");
 * CorpusStats read = Corpus.of("legal/").read(legal, ReadProgress.NONE);
 * legal.finish();
 * double tpc = comparison.results().result("o200k", "legal").tokensPerCharacter();
 * String said = comparison.results().relativeSize("o200k", "gpt2").sentence();  // "o200k uses N% fewer tokens than gpt2; ..."
 * }</pre>
 */
public final class TokenizerComparison {
  private final List<Contender> tokenizers;
  /** Per tokenizer in order; null for word-pooled ones. */
  private final List<FallbackTokens> fallbacks;
  private final Set<String> datasetNames = new LinkedHashSet<>();
  private final List<DatasetResult> results = new ArrayList<>();
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
        results.add(new DatasetResult(tokenizers.get(t).name(), name, documents, text.characters(), text.words(), bytesRead, invalidUtf8Sequences,
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

  /** What was measured on the datasets finished so far. */
  public ComparisonResults results() {
    Set<String> wordPooled = new LinkedHashSet<>();
    for (Contender c : tokenizers) if (c instanceof NamedWordPooled) wordPooled.add(c.name());
    return new ComparisonResults(tokenizers.stream().map(Contender::name).toList(), wordPooled, List.copyOf(datasetNames), results, wordPooledResults, mergeResults);
  }
}
