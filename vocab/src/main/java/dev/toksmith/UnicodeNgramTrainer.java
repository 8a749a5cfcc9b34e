package dev.toksmith;

import dev.toksmith.api.CorpusStats;
import dev.toksmith.api.TrainingProgress;
import dev.toksmith.api.TrainingResult;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.models.bpe.BpeModel;
import dev.toksmith.core.models.unicode.NgramCounter;
import dev.toksmith.core.models.unicode.UnicodeVocabulary;
import java.io.IOException;
import java.util.List;

/**
 * Learns the multi-character tokens of the Unicode-glyph tokenizer (the built-in {@code unicode}
 * layout: id = code point for BMP characters, byte fallback for the rest): the most frequent
 * n-grams of letters of each script, placed in the reserved ids longest first, each reached by
 * merges of every split whose halves are tokens. The result saves as tokenizer.json and runs in
 * Hugging Face with the same ids. Instances are immutable.
 *
 * <pre>{@code
 * TrainingResult r = UnicodeNgramTrainer.builder().ngramSizes(List.of(2, 3)).perScript(500).build().train(Corpus.of("wiki/"));
 * }</pre>
 */
public final class UnicodeNgramTrainer {
  private final int[] sizes;
  private final int perScript;
  private final long minFrequency;
  private final TrainingProgress progress;

  private UnicodeNgramTrainer(Builder b) {
    this.sizes = b.sizes.stream().mapToInt(Integer::intValue).toArray();
    this.perScript = b.perScript;
    this.minFrequency = b.minFrequency;
    this.progress = b.progress;
  }

  /** A builder with the defaults: bigrams and trigrams, 100 of each per script, minimum frequency 2. */
  public static Builder builder() {
    return new Builder();
  }

  /** Settings for {@link UnicodeNgramTrainer}. */
  public static final class Builder {
    private List<Integer> sizes = List.of(2, 3);
    private int perScript = 100;
    private long minFrequency = 2;
    private TrainingProgress progress = TrainingProgress.NONE;

    private Builder() {}

    /** The n-gram lengths to learn, in characters (2 for bigrams, 3 for trigrams). */
    public Builder ngramSizes(List<Integer> sizes) {
      this.sizes = List.copyOf(sizes);
      return this;
    }

    /** How many n-grams of each size to learn per script, at most. */
    public Builder perScript(int perScript) {
      this.perScript = perScript;
      return this;
    }

    /** N-grams seen fewer times than this are never learned. */
    public Builder minFrequency(long minFrequency) {
      this.minFrequency = minFrequency;
      return this;
    }

    /** Told how far reading the corpus has come; none by default. */
    public Builder progress(TrainingProgress progress) {
      this.progress = progress;
      return this;
    }

    /** @throws IllegalArgumentException if the settings cannot produce a tokenizer */
    public UnicodeNgramTrainer build() {
      if (sizes.isEmpty()) throw new IllegalArgumentException("no n-gram sizes given");
      for (int n : sizes) if (n < 2 || n > 16) throw new IllegalArgumentException("n-gram size " + n + " is outside 2..16");
      if (sizes.stream().distinct().count() != sizes.size()) throw new IllegalArgumentException("n-gram sizes repeat: " + sizes);
      if (perScript < 1) throw new IllegalArgumentException("n-grams per script must be at least 1: " + perScript);
      if (minFrequency < 1) throw new IllegalArgumentException("minimum frequency must be at least 1: " + minFrequency);
      return new UnicodeNgramTrainer(this);
    }
  }

  /**
   * Reads {@code corpus} and returns the tokenizer; {@link TrainingResult#distinctWords()} is the
   * number of distinct n-grams seen, {@link TrainingResult#merges()} the merges that reach the ones
   * learned. When more are chosen than the {@value UnicodeVocabulary#SIZE}-id layout has room for,
   * the most frequent stay.
   */
  public TrainingResult train(Corpus corpus) throws IOException {
    NgramCounter counter = new NgramCounter(sizes);
    CorpusStats stats = corpus.read(counter::add, (done, total) -> progress.update("reading", done, total));
    Pipeline tokenizer = UnicodeVocabulary.tokenizer(counter.select(perScript, minFrequency, UnicodeVocabulary.NGRAM_CAPACITY));
    return new TrainingResult(tokenizer, stats, counter.distinct(), ((BpeModel) tokenizer.model()).merges().size());
  }
}
