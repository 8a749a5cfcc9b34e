package dev.toksmith;

import dev.toksmith.api.CorpusStats;
import dev.toksmith.api.DocumentSink;
import dev.toksmith.api.Normalization;
import dev.toksmith.api.ReadProgress;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.api.TrainingProgress;
import dev.toksmith.api.TrainingResult;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.models.CorpusWordCounts;
import dev.toksmith.core.models.CountedWords;
import dev.toksmith.core.models.wordlevel.PipelineWords;
import dev.toksmith.core.models.StripedWordCounter;
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
 * <p>Counting words and learning from the counts are separate steps as well (see {@link
 * WordCountTrainer}), so that counting can run elsewhere. Instances are immutable and thread-safe.
 */
public final class WordLevelTrainer implements WordCountTrainer<TrainingResult> {
  private static final String UNK = "[UNK]";

  private final int vocabSize;
  private final long minFrequency;
  private final List<String> specialTokens;
  private final List<Normalization> normalization;
  private final Normalizer normalizer;
  private final TrainingProgress progress;
  private final int threads;

  private WordLevelTrainer(Builder b) {
    this.vocabSize = b.vocabSize;
    this.minFrequency = b.minFrequency;
    this.specialTokens = List.copyOf(b.specialTokens);
    this.normalization = List.copyOf(b.normalization);
    this.normalizer = Normalizers.of(normalization);
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
      TrainerSettings.requireUnknown(specialTokens, UNK);
      TrainerSettings.requireRoom(vocabSize, specialTokens);
      return new WordLevelTrainer(this);
    }
  }

  /** The special tokens, ids 0..k-1. */
  public List<String> specialTokens() {
    return specialTokens;
  }

  /**
   * Reads {@code corpus}, counting its words on {@link Builder#threads} threads while this thread
   * reads, ranks them and returns the tokenizer with what was read. The threads count into one table
   * (see {@link StripedWordCounter}), so memory holds each distinct word once.
   */
  @Override
  public TrainingResult train(Corpus corpus) throws IOException {
    ReadProgress reading = (done, total) -> progress.update("reading", done, total);
    CorpusWordCounts.Counted counted = normalizer == null
        ? CorpusWordCounts.countUtf8(corpus, WhitespaceWords::new, threads, reading)
        : CorpusWordCounts.count(corpus, () -> splitter(normalizer), threads, reading);
    return trained(counted.words(), counted.corpus());
  }

  @Override
  public DocumentSink wordCounter(WordCounts counts) {
    return WordCounting.counter(splitter(normalizer), counts);
  }

  /** Ranks the words of {@code counts}, which it empties. */
  @Override
  public TrainingResult train(WordCounts counts, CorpusStats corpus) {
    return trained(CountedWords.of(counts.take()), corpus);
  }

  private TrainingResult trained(CountedWords words, CorpusStats corpus) {
    WordLevelModel model = new WordLevelVocabTrainer(vocabSize, minFrequency, specialTokens).train(words, UNK);
    Pipeline tokenizer = new Pipeline(normalizer, Whitespace.INSTANCE, model, null, null, TrainerSettings.addedTokens(specialTokens));
    return new TrainingResult(tokenizer, corpus, words.size(), 0);
  }

  /** The words of Whitespace after the normalizer: without one, straight from the text. */
  private static TrainingWords splitter(Normalizer normalizer) {
    return normalizer == null ? new WhitespaceWords() : new PipelineWords(normalizer, Whitespace.INSTANCE);
  }

  /** Serialized as its settings (progress stays behind), and built again from them. */
  private Object writeReplace() {
    return new Settings(vocabSize, minFrequency, specialTokens, normalization, threads);
  }

  private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
    throw new java.io.InvalidObjectException("a WordLevelTrainer is read through its settings");
  }

  private record Settings(int vocabSize, long minFrequency, List<String> specialTokens, List<Normalization> normalization, int threads)
      implements java.io.Serializable {
    private Object readResolve() {
      return builder().vocabSize(vocabSize).minFrequency(minFrequency).specialTokens(specialTokens).normalization(normalization).threads(threads).build();
    }
  }
}
