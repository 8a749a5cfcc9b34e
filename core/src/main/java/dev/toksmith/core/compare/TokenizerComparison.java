package dev.toksmith.core.compare;

import dev.toksmith.api.DocumentSink;
import dev.toksmith.api.Tokenizer;
import java.util.ArrayList;
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
 * <p>Not thread-safe: read datasets one after the other with {@link #startDataset}.
 */
public final class TokenizerComparison {

  /** A tokenizer with the name results carry. */
  public record NamedTokenizer(String name, Tokenizer tokenizer) {
    /** Checks that both parts are present. */
    public NamedTokenizer {
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
   * @param bytes UTF-8 bytes of all documents
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

  private final List<NamedTokenizer> tokenizers;
  private final List<FallbackTokens> fallbacks;
  private final Set<String> datasetNames = new LinkedHashSet<>();
  private final List<Result> results = new ArrayList<>();
  private Dataset open;

  /**
   * Prepares to compare {@code tokenizers}, in this order.
   *
   * @throws IllegalArgumentException if there are none or two share a name
   */
  public TokenizerComparison(List<NamedTokenizer> tokenizers) {
    if (tokenizers.isEmpty()) throw new IllegalArgumentException("no tokenizer to compare");
    List<NamedTokenizer> prepared = new ArrayList<>();
    List<FallbackTokens> fallback = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (NamedTokenizer t : tokenizers) {
      if (!names.add(t.name())) throw new IllegalArgumentException("tokenizer '" + t.name() + "' is given twice");
      prepared.add(new NamedTokenizer(t.name(), t.tokenizer().withTruncation(null).withPadding(null)));
      fallback.add(FallbackTokens.of(t.tokenizer()));
    }
    this.tokenizers = List.copyOf(prepared);
    this.fallbacks = List.copyOf(fallback);
  }

  /** The tokenizers' names, in the order given. */
  public List<String> tokenizerNames() {
    return tokenizers.stream().map(NamedTokenizer::name).toList();
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

    private Dataset(String name) {
      this.name = name;
    }

    /** Counts one document, encoded whole by every tokenizer. */
    @Override
    public void accept(String document) {
      if (open != this) throw new IllegalStateException("dataset '" + name + "' is finished");
      documents++;
      text = text.plus(TextCounts.of(document));
      for (int t = 0; t < tokenizers.size(); t++) {
        int[] ids = tokenizers.get(t).tokenizer().encodeIds(document);
        FallbackTokens fallback = fallbacks.get(t);
        tokens[t] += ids.length;
        for (int id : ids) {
          if (fallback.isUnknown(id)) unknown[t]++;
          else if (fallback.byteOf(id) >= 0) byteFallback[t]++;
        }
      }
    }

    /** The counts of the text read so far, the same for every tokenizer. */
    public TextCounts text() {
      return text;
    }

    /** Documents read so far. */
    public long documents() {
      return documents;
    }

    /** Ends the dataset and records one result per tokenizer. */
    public void finish() {
      if (open != this) throw new IllegalStateException("dataset '" + name + "' is finished");
      for (int t = 0; t < tokenizers.size(); t++) {
        results.add(new Result(tokenizers.get(t).name(), name, documents, text.characters(), text.words(), text.bytes(),
            tokens[t], unknown[t], byteFallback[t]));
      }
      datasetNames.add(name);
      open = null;
    }
  }

  /** Every result of the finished datasets, by tokenizer (in the order given), then by dataset. */
  public List<Result> results() {
    List<Result> ordered = new ArrayList<>(results.size());
    for (NamedTokenizer t : tokenizers) {
      for (Result r : results) if (r.tokenizer().equals(t.name())) ordered.add(r);
    }
    return ordered;
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
