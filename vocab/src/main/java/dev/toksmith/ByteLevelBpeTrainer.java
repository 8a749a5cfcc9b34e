package dev.toksmith;

import dev.toksmith.core.AddedToken;
import dev.toksmith.api.CorpusStats;
import dev.toksmith.api.DocumentSink;
import dev.toksmith.api.Normalization;
import dev.toksmith.api.TrainingProgress;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.api.TrainingResult;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.decoders.ByteLevelDecoder;
import dev.toksmith.core.models.ByteLevelAlphabet;
import dev.toksmith.core.models.bpe.BpeModel;
import dev.toksmith.core.models.bpe.BpeOptions;
import dev.toksmith.core.models.bpe.BpeTrainer;
import dev.toksmith.core.models.WordCounter;
import dev.toksmith.core.normalizers.Normalizer;
import dev.toksmith.core.normalizers.Normalizers;
import dev.toksmith.core.pretokenizers.ByteLevel;
import dev.toksmith.core.pretokenizers.PieceSink;
import dev.toksmith.core.unicode.NormalizedString;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains a byte-level BPE tokenizer the way Hugging Face's {@code BpeTrainer} does with a ByteLevel
 * pre-tokenizer (GPT-2 split, no prefix space) and decoder, so that the same corpus and settings
 * give the same vocabulary and merges. Every one of the 256 bytes is in the alphabet, so any text
 * encodes without unknown tokens. Counting words and learning merges are separate steps (see {@link
 * WordCountTrainer}), so that counting can run elsewhere. Instances are immutable; {@link #train} may
 * be called repeatedly.
 *
 * <pre>{@code
 * TrainingResult r = ByteLevelBpeTrainer.builder().vocabSize(8000).build().train(Corpus.of("corpus/"));
 * }</pre>
 */
public final class ByteLevelBpeTrainer implements WordCountTrainer<TrainingResult> {
  private final int vocabSize;
  private final long minFrequency;
  private final List<String> specialTokens;
  private final List<Normalization> normalization;
  private final int maxTokenLength;
  private final TrainingProgress progress;
  private final int threads;
  private final Normalizer normalizer;
  private final ByteLevel preTokenizer = new ByteLevel(false, true, true);

  private ByteLevelBpeTrainer(Builder b) {
    this.vocabSize = b.vocabSize;
    this.minFrequency = b.minFrequency;
    this.specialTokens = List.copyOf(b.specialTokens);
    this.normalization = List.copyOf(b.normalization);
    this.maxTokenLength = b.maxTokenLength;
    this.progress = b.progress;
    this.threads = b.threads;
    this.normalizer = Normalizers.of(normalization);
  }

  /**
   * A builder with the defaults: 32,000 tokens, minimum frequency 2, no special tokens, no
   * normalization, one counting thread per available processor.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Settings for {@link ByteLevelBpeTrainer}. */
  public static final class Builder {
    private int vocabSize = 32_000;
    private long minFrequency = 2;
    private List<String> specialTokens = List.of();
    private List<Normalization> normalization = List.of();
    private int maxTokenLength = Integer.MAX_VALUE;
    private TrainingProgress progress = TrainingProgress.NONE;
    private int threads = Runtime.getRuntime().availableProcessors();

    private Builder() {}

    /** Final vocabulary size, special tokens and the 256 byte tokens included. */
    public Builder vocabSize(int vocabSize) {
      this.vocabSize = vocabSize;
      return this;
    }

    /** Pairs seen fewer times than this are never merged. */
    public Builder minFrequency(long minFrequency) {
      this.minFrequency = minFrequency;
      return this;
    }

    /** Special tokens, given ids 0..k-1 in this order and never split or normalized. */
    public Builder specialTokens(List<String> specialTokens) {
      this.specialTokens = specialTokens;
      return this;
    }

    /** Normalizations applied in order before splitting, in training and in the trained tokenizer. */
    public Builder normalization(List<Normalization> normalization) {
      this.normalization = normalization;
      return this;
    }

    /**
     * No merge makes a token longer than this many bytes (byte symbols); unlimited by default. This
     * is Hugging Face's {@code BpeTrainer(max_token_length=n + 1)}, which keeps pairs shorter than
     * its value.
     */
    public Builder maxTokenLength(int maxTokenLength) {
      this.maxTokenLength = maxTokenLength;
      return this;
    }

    /** Told how far reading the corpus and merging have come; none by default. */
    public Builder progress(TrainingProgress progress) {
      this.progress = progress;
      return this;
    }

    /**
     * Threads that split and count words while the calling thread reads (with 1, the calling thread
     * does it all); the trained tokenizer is the same whatever the number.
     */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /**
     * @throws IllegalArgumentException if the settings cannot produce a tokenizer
     */
    public ByteLevelBpeTrainer build() {
      TrainerSettings.check(threads, minFrequency, specialTokens);
      if (maxTokenLength < 2) throw new IllegalArgumentException("maximum token length must be at least 2 bytes: " + maxTokenLength);
      int floor = 256 + specialTokens.size();
      if (vocabSize < floor) throw new IllegalArgumentException("vocabulary size " + vocabSize + " is below " + floor + " (256 byte tokens + " + specialTokens.size() + " special tokens)");
      return new ByteLevelBpeTrainer(this);
    }
  }

  /**
   * Reads {@code corpus}, learns merges, and returns the tokenizer with what was read. Words are
   * counted on {@link Builder#threads} threads while this thread reads; the result does not depend on
   * the number of threads.
   */
  @Override
  public TrainingResult train(Corpus corpus) throws IOException {
    return result(learn(corpus));
  }

  /** Counts the words of {@code corpus} and learns merges from them. */
  Learned learn(Corpus corpus) throws IOException {
    WordCounts counts = new WordCounts();
    CorpusStats read = counts.count(corpus, this::wordCounter, threads, (done, total) -> progress.update("reading", done, total));
    return learn(counts, read);
  }

  @Override
  public DocumentSink wordCounter(WordCounts counts) {
    return new WordCounting(normalizer, preTokenizer, counts.counter());
  }

  /**
   * Learns merges from {@code counts}, which it empties; the same counts give the same tokenizer,
   * however they were combined.
   */
  @Override
  public TrainingResult train(WordCounts counts, CorpusStats corpus) {
    return result(learn(counts, corpus));
  }

  /** What training learned before it becomes a tokenizer: {@link DomainBpeTrainer} refits the model. */
  record Learned(BpeModel model, CorpusStats corpus, int distinctWords, int merges) {}

  /** Learns merges from {@code counts}, which it empties. */
  Learned learn(WordCounts counts, CorpusStats corpus) {
    BpeTrainer.Words words = spelled(counts.take());
    List<String> alphabet = new ArrayList<>(256);
    for (int b = 0; b < 256; b++) alphabet.add(String.valueOf(ByteLevelAlphabet.charOf(b)));
    BpeTrainer trainer = new BpeTrainer(vocabSize, minFrequency, specialTokens, alphabet, maxTokenLength);
    BpeTrainer.Result learned = trainer.train(words, (done, total) -> progress.update("merging", done, total));
    return new Learned(new BpeModel(learned.vocab(), learned.merges(), BpeOptions.BYTE_LEVEL), corpus, words.size(), learned.merges().size());
  }

  private TrainingResult result(Learned learned) {
    Tokenizer tokenizer = tokenizer(learned.model(), TrainerSettings.addedTokens(specialTokens));
    return new TrainingResult(tokenizer, learned.corpus(), learned.distinctWords(), learned.merges());
  }

  /** A tokenizer with this trainer's normalizer and pre-tokenizer around {@code model}. */
  Tokenizer tokenizer(BpeModel model, List<AddedToken> added) {
    return new Pipeline(normalizer, preTokenizer, model, null, ByteLevelDecoder.INSTANCE, added);
  }

  /**
   * The counted words spelled in byte characters, the alphabet the trainer learns in, in byte order:
   * the merger then sees the same words in the same order however the counts were combined.
   */
  private static BpeTrainer.Words spelled(WordCounter counter) {
    BpeTrainer.Words words = new BpeTrainer.Words();
    int[][] spelling = {new int[64]};
    counter.forEachInByteOrder((bytes, from, to, count) -> {
      int length = to - from;
      if (spelling[0].length < length) spelling[0] = new int[Math.max(length, 2 * spelling[0].length)];
      for (int i = 0; i < length; i++) spelling[0][i] = ByteLevelAlphabet.charOf(bytes[from + i] & 0xFF);
      words.add(spelling[0], length, count);
    });
    return words;
  }

  /** Serialized as its settings (progress stays behind), and built again from them. */
  private Object writeReplace() {
    return new Settings(vocabSize, minFrequency, specialTokens, normalization, maxTokenLength, threads);
  }

  private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
    throw new java.io.InvalidObjectException("a ByteLevelBpeTrainer is read through its settings");
  }

  private record Settings(int vocabSize, long minFrequency, List<String> specialTokens, List<Normalization> normalization, int maxTokenLength, int threads)
      implements java.io.Serializable {
    private Object readResolve() {
      return builder().vocabSize(vocabSize).minFrequency(minFrequency).specialTokens(specialTokens).normalization(normalization)
          .maxTokenLength(maxTokenLength).threads(threads).build();
    }
  }

  /** Normalizes and splits documents, and counts the pieces' bytes; one per counting thread. */
  private static final class WordCounting implements DocumentSink {
    private final Normalizer normalizer;
    private final ByteLevel preTokenizer;
    private final PieceSink count;

    WordCounting(Normalizer normalizer, ByteLevel preTokenizer, WordCounter words) {
      this.normalizer = normalizer;
      this.preTokenizer = preTokenizer;
      this.count = (text, start, end) -> words.add(text.get(), start, end);
    }

    @Override
    public void accept(String document) {
      NormalizedString text = new NormalizedString(document, 0);
      if (normalizer != null) normalizer.normalize(text);
      preTokenizer.preTokenize(text, count);
    }
  }
}
