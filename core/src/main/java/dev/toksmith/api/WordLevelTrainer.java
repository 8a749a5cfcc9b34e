package dev.toksmith.api;

import dev.toksmith.core.AddedToken;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.models.CorpusWordCounts;
import dev.toksmith.core.models.PipelineWords;
import dev.toksmith.core.models.TrainingWords;
import dev.toksmith.core.models.wordlevel.WhitespaceWords;
import dev.toksmith.core.models.wordlevel.WordLevelModel;
import dev.toksmith.core.models.wordlevel.WordLevelVocabTrainer;
import dev.toksmith.core.normalizers.Normalizer;
import dev.toksmith.core.normalizers.Normalizers;
import dev.toksmith.core.pretokenizers.Whitespace;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Trains a word-level tokenizer the way Hugging Face's {@code WordLevelTrainer} does, with the
 * {@code Whitespace} pre-tokenizer (runs of word characters, and runs of other non-space characters)
 * and {@code [UNK]} for every word not in the vocabulary: the special tokens, then the words seen at
 * least the minimum frequency, most frequent first and equally frequent ones in code point order, up
 * to the vocabulary size. Optional normalizations run before the split.
 *
 * <pre>{@code
 * Tokenizer words = WordLevelTrainer.builder().vocabSize(30000).build().train(Corpus.of("corpus/")).tokenizer();
 * }</pre>
 *
 * <p>Counting words and training are separate steps as well ({@link #countWords(Corpus)}, {@link
 * #train(WordCounts)}), for counts made elsewhere. Instances are immutable and thread-safe.
 */
public final class WordLevelTrainer {
  private static final String UNK = "[UNK]";

  private final int vocabSize;
  private final long minFrequency;
  private final List<String> specialTokens;
  private final List<Normalization> normalization;
  private final TrainingProgress progress;
  private final int threads;

  private WordLevelTrainer(Builder b) {
    this.vocabSize = b.vocabSize;
    this.minFrequency = b.minFrequency;
    this.specialTokens = List.copyOf(b.specialTokens);
    this.normalization = List.copyOf(b.normalization);
    this.progress = b.progress;
    this.threads = b.threads;
  }

  /**
   * A builder with Hugging Face's defaults: 30,000 tokens, minimum frequency 0, the special token
   * {@code [UNK]}, no normalization; one counting thread per available processor.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Settings for {@link WordLevelTrainer}. */
  public static final class Builder {
    private int vocabSize = 30_000;
    private long minFrequency = 0;
    private List<String> specialTokens = List.of(UNK);
    private List<Normalization> normalization = List.of();
    private TrainingProgress progress = TrainingProgress.NONE;
    private int threads = Runtime.getRuntime().availableProcessors();

    private Builder() {}

    /** Final vocabulary size, special tokens included; fewer when the corpus has fewer words. */
    public Builder vocabSize(int vocabSize) {
      this.vocabSize = vocabSize;
      return this;
    }

    /** Words seen fewer times than this are left out. */
    public Builder minFrequency(long minFrequency) {
      this.minFrequency = minFrequency;
      return this;
    }

    /** Special tokens, given ids 0..k-1 in this order; they must include {@code [UNK]}, the unknown token. */
    public Builder specialTokens(List<String> specialTokens) {
      this.specialTokens = specialTokens;
      return this;
    }

    /** Normalizations applied in order before splitting, in training and in the trained tokenizer. */
    public Builder normalization(List<Normalization> normalization) {
      this.normalization = normalization;
      return this;
    }

    /** Told how far reading the corpus has come; none by default. */
    public Builder progress(TrainingProgress progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /** Threads that split and count words while the calling thread reads; the result is the same for any number. */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /**
     * @throws IllegalArgumentException if the settings cannot produce a tokenizer
     */
    public WordLevelTrainer build() {
      TrainerSettings.check(threads, minFrequency, specialTokens);
      if (!specialTokens.contains(UNK)) throw new IllegalArgumentException("the special tokens must include " + UNK + ", the unknown token: " + specialTokens);
      if (vocabSize < specialTokens.size()) throw new IllegalArgumentException("vocabulary size " + vocabSize + " is below the " + specialTokens.size() + " special tokens");
      return new WordLevelTrainer(this);
    }
  }

  /** The special tokens, ids 0..k-1. */
  public List<String> specialTokens() {
    return specialTokens;
  }

  /**
   * Reads {@code corpus} and counts its words as this trainer sees them; they are split on {@link
   * Builder#threads} threads while this thread reads.
   */
  public WordCounts countWords(Corpus corpus) throws IOException {
    Normalizer normalizer = Normalizers.of(normalization);
    CorpusWordCounts.Counted counted = CorpusWordCounts.count(corpus, () -> splitter(normalizer), threads,
        (done, total) -> progress.update("reading", done, total));
    return new WordCounts(counted.words(), counted.corpus());
  }

  /** Counts the words of one document into {@code counts}, as {@link #countWords(Corpus)} counts each document. */
  public void countWords(String document, WordCounts counts) {
    counts.countDocument(splitter(Normalizers.of(normalization)), document);
  }

  /** Reads {@code corpus}, ranks its words and returns the tokenizer with what was read. */
  public TrainingResult train(Corpus corpus) throws IOException {
    return train(countWords(corpus));
  }

  /** Ranks words counted by this trainer (or one with the same normalization). */
  public TrainingResult train(WordCounts words) {
    WordLevelModel model = new WordLevelVocabTrainer(vocabSize, minFrequency, specialTokens).train(words.counter, UNK);
    List<AddedToken> added = specialTokens.stream().map(AddedToken::special).toList();
    Pipeline tokenizer = new Pipeline(Normalizers.of(normalization), Whitespace.INSTANCE, model, null, null, added);
    return new TrainingResult(tokenizer, words.corpus(), words.size(), 0);
  }

  private static TrainingWords splitter(Normalizer normalizer) {
    return normalizer == null ? new WhitespaceWords() : new PipelineWords(normalizer, Whitespace.INSTANCE);
  }
}
