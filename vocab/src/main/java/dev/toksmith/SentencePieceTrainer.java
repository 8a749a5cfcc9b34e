package dev.toksmith;

import dev.toksmith.api.CorpusStats;
import dev.toksmith.api.DocumentSink;
import dev.toksmith.api.ReadProgress;
import dev.toksmith.api.SentencePieceTrainingResult;
import dev.toksmith.api.TrainingProgress;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.corpus.DocumentFanOut;
import dev.toksmith.core.models.sentencepiece.BpeTrainer;
import dev.toksmith.core.models.sentencepiece.PieceRules;
import dev.toksmith.core.models.sentencepiece.SentenceCounter;
import dev.toksmith.core.models.sentencepiece.SentencePieceModel;
import dev.toksmith.core.SentencePiecePipeline;
import dev.toksmith.core.models.sentencepiece.TrainerSpec;
import dev.toksmith.core.models.sentencepiece.TrainingWords;
import dev.toksmith.core.models.unigram.UnigramTrainer;
import dev.toksmith.core.normalizers.NormalizationRules;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

/**
 * Trains SentencePiece models the way SentencePiece's {@code spm_train} does, with its option names
 * and defaults: {@link #unigram()} (Kudo's unigram language model: a seed vocabulary of frequent
 * substrings, EM, pruning) and {@link #bpe()} (SentencePiece's BPE, with byte fallback as Llama 2
 * uses it). The trained tokenizer runs as SentencePiece runs the model, and saves as a {@code .model}
 * file that SentencePiece loads or as a tokenizer.json that Hugging Face loads. Instances are
 * immutable; the result is the same for any number of threads.
 *
 * <pre>{@code
 * SentencePieceTrainingResult r = SentencePieceTrainer.unigram().vocabSize(8000).build().train(Corpus.of("corpus/"));
 * Tokenizers.save(r.tokenizer(), Path.of("m.model"));
 * }</pre>
 *
 * Reading and training are two steps that can be taken apart ({@link #count}, {@link #newCounts},
 * {@link #train(SentencePieceCounts)}), so that words may be counted elsewhere and added up. A corpus
 * read in parts (threads, tasks, machines) is counted with {@link #sentenceCounter} and learned from
 * with {@link #train(SentencePieceCounts, CorpusStats)}; with an input sentence size, the sample is
 * drawn across the parts as reading the whole corpus draws it ({@link #sample}, {@link
 * #sampleCounter}). Trainers are serializable as their settings (progress stays behind), so that a
 * distributed job can ship one to its workers.
 */
public final class SentencePieceTrainer implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** The seed of the deterministic sample that {@link Builder#inputSentenceSize} draws. */
  private static final long SAMPLE_SEED = 12345678;

  private final TrainerSpec spec;
  private final transient TrainingProgress progress;

  private SentencePieceTrainer(TrainerSpec spec, TrainingProgress progress) {
    this.spec = spec;
    this.progress = progress;
  }

  /** A builder for SentencePiece's Unigram trainer, with its defaults. */
  public static Builder unigram() {
    return new Builder(SentencePieceModel.Algorithm.UNIGRAM);
  }

  /** A builder for SentencePiece's BPE trainer, with its defaults. */
  public static Builder bpe() {
    return new Builder(SentencePieceModel.Algorithm.BPE);
  }

  /**
   * Settings, named as {@code spm_train}'s flags ({@code vocab_size} is {@link #vocabSize}), with
   * its defaults: 8000 pieces, nmt_nfkc, character coverage 0.9995, pieces of at most 16 characters
   * split by script, number and whitespace, extra whitespace removed, a dummy prefix, sentences of
   * at most 4192 bytes, no byte fallback.
   */
  public static final class Builder {
    private final SentencePieceModel.Algorithm modelType;
    private int vocabSize = 8000;
    private double characterCoverage = 0.9995;
    private boolean byteFallback;
    private boolean splitDigits;
    private boolean splitByUnicodeScript = true;
    private boolean splitByNumber = true;
    private boolean allowWhitespaceOnlyPieces;
    private int maxPieceLength = 16;
    private String normalization = NormalizationRules.NMT_NFKC;
    private List<String> userDefinedSymbols = List.of();
    private long inputSentenceSize;
    private boolean shuffleInputSentence = true;
    private int seedSize = 1_000_000;
    private double shrinkingFactor = 0.75;
    private int numSubIterations = 2;
    private boolean treatWhitespaceAsSuffix;
    private boolean addDummyPrefix = true;
    private boolean removeExtraWhitespaces = true;
    private int maxSentenceLength = 4192;
    private int threads = Runtime.getRuntime().availableProcessors();
    private TrainingProgress progress = TrainingProgress.NONE;

    private Builder(SentencePieceModel.Algorithm modelType) {
      this.modelType = modelType;
    }

    /** Pieces in the model, the special ({@code <unk> <s> </s>}), user-defined and byte pieces included. */
    public Builder vocabSize(int vocabSize) {
      this.vocabSize = vocabSize;
      return this;
    }

    /** Share of character occurrences the kept characters cover, 0.98 to 1; the rarer ones are unknown. */
    public Builder characterCoverage(double characterCoverage) {
      this.characterCoverage = characterCoverage;
      return this;
    }

    /** Adds the 256 byte pieces {@code <0x00>}..{@code <0xFF>}, which spell unknown characters. */
    public Builder byteFallback(boolean byteFallback) {
      this.byteFallback = byteFallback;
      return this;
    }

    /** Every digit a piece of its own. */
    public Builder splitDigits(boolean splitDigits) {
      this.splitDigits = splitDigits;
      return this;
    }

    /** No piece mixes scripts (default on). */
    public Builder splitByUnicodeScript(boolean splitByUnicodeScript) {
      this.splitByUnicodeScript = splitByUnicodeScript;
      return this;
    }

    /** Digits count as a script of their own (default on). */
    public Builder splitByNumber(boolean splitByNumber) {
      this.splitByNumber = splitByNumber;
      return this;
    }

    /** Runs of {@code ▁} may be pieces (Llama 2 trains so). */
    public Builder allowWhitespaceOnlyPieces(boolean allowWhitespaceOnlyPieces) {
      this.allowWhitespaceOnlyPieces = allowWhitespaceOnlyPieces;
      return this;
    }

    /** Longest piece, in characters ({@code max_sentencepiece_length}). */
    public Builder maxPieceLength(int maxPieceLength) {
      this.maxPieceLength = maxPieceLength;
      return this;
    }

    /** The normalization rule: nmt_nfkc (default), nfkc, nmt_nfkc_cf, nfkc_cf or identity. */
    public Builder normalization(String rule) {
      this.normalization = rule;
      return this;
    }

    /** Pieces always kept whole, at the ids after {@code <unk> <s> </s>}. */
    public Builder userDefinedSymbols(List<String> symbols) {
      this.userDefinedSymbols = List.copyOf(symbols);
      return this;
    }

    /** Train on at most this many sentences (0, the default, for all): a deterministic random sample, or the first ones without shuffling. */
    public Builder inputSentenceSize(long sentences) {
      this.inputSentenceSize = sentences;
      return this;
    }

    /** With an input sentence size: sample at random (default), or take the first sentences. */
    public Builder shuffleInputSentence(boolean shuffle) {
      this.shuffleInputSentence = shuffle;
      return this;
    }

    /** Unigram: seed pieces taken from the frequent substrings ({@code seed_sentencepiece_size}). */
    public Builder seedSize(int seedSize) {
      this.seedSize = seedSize;
      return this;
    }

    /** Unigram: share of pieces each pruning keeps, 0.5 to 0.95. */
    public Builder shrinkingFactor(double shrinkingFactor) {
      this.shrinkingFactor = shrinkingFactor;
      return this;
    }

    /** Unigram: EM iterations between prunings, 1 to 10. */
    public Builder numSubIterations(int numSubIterations) {
      this.numSubIterations = numSubIterations;
      return this;
    }

    /** {@code ▁} ends pieces instead of starting them. */
    public Builder treatWhitespaceAsSuffix(boolean suffix) {
      this.treatWhitespaceAsSuffix = suffix;
      return this;
    }

    /** A {@code ▁} goes before each sentence (default on). */
    public Builder addDummyPrefix(boolean addDummyPrefix) {
      this.addDummyPrefix = addDummyPrefix;
      return this;
    }

    /** Leading, trailing and repeated spaces are removed (default on). */
    public Builder removeExtraWhitespaces(boolean removeExtraWhitespaces) {
      this.removeExtraWhitespaces = removeExtraWhitespaces;
      return this;
    }

    /** Longer sentences, in UTF-8 bytes, are skipped. */
    public Builder maxSentenceLength(int bytes) {
      this.maxSentenceLength = bytes;
      return this;
    }

    /** Threads that normalize and count sentences, compute expectations (Unigram) and scan large merges (BPE); the model is the same for any number. */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /** Told how far reading and training have come; none by default. */
    public Builder progress(TrainingProgress progress) {
      this.progress = progress;
      return this;
    }

    /** @throws IllegalArgumentException naming a setting out of its range */
    public SentencePieceTrainer build() {
      TrainerSpec spec = new TrainerSpec(modelType, vocabSize, (float) characterCoverage, byteFallback, splitDigits, splitByUnicodeScript, splitByNumber,
          allowWhitespaceOnlyPieces, maxPieceLength, normalization, userDefinedSymbols, inputSentenceSize, shuffleInputSentence, seedSize,
          (float) shrinkingFactor, numSubIterations, treatWhitespaceAsSuffix, addDummyPrefix, removeExtraWhitespaces, maxSentenceLength, threads);
      return new SentencePieceTrainer(spec, progress);
    }
  }

  /** Reads the corpus and trains: {@link #count} then {@link #train(SentencePieceCounts)}. */
  public SentencePieceTrainingResult train(Corpus corpus) throws IOException {
    Counted counted = read(corpus);
    return train(counted.counts, counted.stats, true);
  }

  /**
   * Reads the corpus and counts its words: each line (without its line end) or JSON-lines field is a
   * sentence. With an input sentence size, a sample of that many sentences is drawn first.
   */
  public SentencePieceCounts count(Corpus corpus) throws IOException {
    return read(corpus).counts;
  }

  /** Empty counts, with this trainer's normalization, to fill with {@link SentencePieceCounts#addSentence}. */
  public SentencePieceCounts newCounts() {
    return new SentencePieceCounts(spec);
  }

  /**
   * Trains on counted words.
   *
   * @throws IllegalArgumentException if the counts were made with other normalization settings or
   *     (for Unigram) by a BPE trainer, hold no text, or do not fill the vocabulary
   */
  public SentencePieceTrainingResult train(SentencePieceCounts counts) {
    if (!counts.spec().equals(spec)) {
      SentencePieceCounts own = newCounts();
      own.addAll(counts);
      counts = own;
    }
    return train(counts, new CorpusStats(0, 0, 0), false);
  }

  /**
   * Trains on counted words, combined from every document of the corpus, as {@link #train(Corpus)}
   * trains on what it reads: the counts are emptied as they are taken in.
   *
   * @param corpus what counting read, reported back in the result
   * @throws IllegalArgumentException as {@link #train(SentencePieceCounts)} throws it
   */
  public SentencePieceTrainingResult train(SentencePieceCounts counts, CorpusStats corpus) {
    if (!counts.spec().equals(spec)) {
      SentencePieceCounts own = newCounts();
      own.addAll(counts);
      counts = own;
    }
    return train(counts, corpus, true);
  }

  /**
   * A sink that counts each document it is given (a line with its {@code \n}, or a JSON-lines field)
   * as a sentence into {@code counts}, as {@link #train(Corpus)} counts a corpus of which it draws no
   * sample. With an input sentence size, use {@link #sampleCounter}. Not thread-safe.
   */
  public DocumentSink sentenceCounter(SentencePieceCounts counts) {
    return document -> counts.addSentence(withoutLineEnd(document));
  }

  /** Whether this trainer trains on a sample of the sentences (an input sentence size is set). */
  public boolean samples() {
    return spec.inputSentenceSize() > 0;
  }

  /**
   * Whether a document's sentence is one the sample is drawn from: not empty, not too long, free of
   * U+2585. Counting these in each part of a corpus gives each part's first candidate for {@link
   * #sampleCounter}.
   */
  public boolean isCandidate(String document) {
    return SentenceCounter.skipReason(withoutLineEnd(document), spec.maxSentenceLength()) == null;
  }

  /**
   * The sentences a corpus of {@code candidates} candidate sentences (see {@link #isCandidate}) is
   * sampled down to, as {@link #train(Corpus)} draws them while it reads: their 0-based positions
   * among the candidates, ascending. All of them when there are no more than the input sentence size.
   */
  public long[] sample(long candidates) {
    if (!samples()) throw new IllegalStateException("this trainer draws no sample");
    long size = spec.inputSentenceSize();
    if (candidates <= size || !spec.shuffleInputSentence()) return LongStream.range(0, Math.min(candidates, size)).toArray();
    if (size > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("an input sentence size of " + size + " cannot be sampled apart");
    long[] chosen = LongStream.range(0, size).toArray();
    Sample.Draws draws = new Sample.Draws(size);
    for (long candidate = size; candidate < candidates; candidate++) {
      long slot = draws.slot(candidate + 1);
      if (slot >= 0) chosen[(int) slot] = candidate;
    }
    Arrays.sort(chosen);
    return chosen;
  }

  /**
   * A sink for one part of a corpus, for a trainer that {@link #samples}: counts into {@code counts}
   * the sentences of {@code chosen} (from {@link #sample}), given that the part's first candidate is
   * the corpus's {@code firstCandidate}-th (0-based), and the skipped sentences, as {@link
   * #train(Corpus)} counts them. Not thread-safe.
   */
  public DocumentSink sampleCounter(SentencePieceCounts counts, long[] chosen, long firstCandidate) {
    return new DocumentSink() {
      private long candidate = firstCandidate;
      private int next = lowerBound(chosen, firstCandidate);

      @Override
      public void accept(String document) {
        String sentence = withoutLineEnd(document);
        if (SentenceCounter.skipReason(sentence, spec.maxSentenceLength()) != null) {
          counts.addSentence(sentence); // counted as skipped, as reading the whole corpus counts it
          return;
        }
        if (next < chosen.length && chosen[next] == candidate) {
          counts.addSentence(sentence);
          next++;
        }
        candidate++;
      }
    };
  }

  private static int lowerBound(long[] sorted, long key) {
    int at = Arrays.binarySearch(sorted, key);
    return at >= 0 ? at : -at - 1;
  }

  /** Serialized as its settings; progress stays behind. */
  private Object writeReplace() {
    return new Settings(spec);
  }

  private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
    throw new java.io.InvalidObjectException("a SentencePieceTrainer is read through its settings");
  }

  private record Settings(TrainerSpec spec) implements java.io.Serializable {
    private Object readResolve() {
      return new SentencePieceTrainer(spec, TrainingProgress.NONE);
    }
  }

  private record Counted(SentencePieceCounts counts, CorpusStats stats) {}

  private Counted read(Corpus corpus) throws IOException {
    List<SentencePieceCounts> workers = new ArrayList<>(spec.threads());
    for (int i = 0; i < spec.threads(); i++) workers.add(newCounts());
    List<DocumentSink> sinks = new ArrayList<>();
    for (SentencePieceCounts worker : workers) sinks.add(worker::addSentence);
    ReadProgress reading = (done, total) -> progress.update("reading", done, total);
    CorpusStats stats;
    if (spec.inputSentenceSize() == 0) {
      stats = DocumentFanOut.run(sinks, sink -> corpus.read(document -> sink.accept(withoutLineEnd(document)), reading));
    } else {
      Sample sample = new Sample(spec.inputSentenceSize(), spec.shuffleInputSentence(), spec.maxSentenceLength());
      stats = corpus.read(document -> sample.add(withoutLineEnd(document)), reading);
      DocumentFanOut.run(sinks, sink -> {
        for (String sentence : sample.sentences) sink.accept(sentence);
        return null;
      });
      workers.get(0).addSentences(0, sample.skipped);
    }
    SentencePieceCounts counts = workers.get(0);
    for (int i = 1; i < workers.size(); i++) counts.addAll(workers.get(i));
    return new Counted(counts, stats);
  }

  /** A document is a line with its {@code \n}; SentencePiece's sentence is the line without it. */
  private static String withoutLineEnd(String document) {
    return document.endsWith("\n") ? document.substring(0, document.length() - 1) : document;
  }

  /**
   * SentencePiece's sentence selection: the sentences it would train on are drawn before any is
   * normalized, by a reservoir sample (here with a fixed seed, so that a corpus always gives the same
   * sample) or, without shuffling, the first ones.
   */
  private static final class Sample {
    private final long size;
    private final boolean shuffle;
    private final int maxSentenceLength;
    private final Draws draws;
    private final List<String> sentences = new ArrayList<>();
    private long seen;
    private long skipped;

    Sample(long size, boolean shuffle, int maxSentenceLength) {
      this.size = size;
      this.shuffle = shuffle;
      this.maxSentenceLength = maxSentenceLength;
      this.draws = new Draws(size);
    }

    /** The reservoir's draws, from a fixed seed: the same sequence wherever the sample is drawn. */
    static final class Draws {
      private final long size;
      private final SplittableRandom random = new SplittableRandom(SAMPLE_SEED);

      Draws(long size) {
        this.size = size;
      }

      /** The slot the {@code seen}-th candidate (1-based, past the reservoir's size) takes, or -1 for none. */
      long slot(long seen) {
        long slot = random.nextLong(seen);
        return slot < size ? slot : -1;
      }
    }

    void add(String sentence) {
      String skip = SentenceCounter.skipReason(sentence, maxSentenceLength);
      if (skip != null) {
        if (!sentence.isEmpty()) skipped++;
        return;
      }
      seen++;
      if (sentences.size() < size) {
        sentences.add(sentence);
      } else if (shuffle) {
        long slot = draws.slot(seen);
        if (slot >= 0) sentences.set((int) slot, sentence);
      }
    }
  }

  /** @param owned whether the counts are this trainer's own, whose words may be forgotten once read */
  private SentencePieceTrainingResult train(SentencePieceCounts counts, CorpusStats stats, boolean owned) {
    TrainingWords words = TrainingWords.of(counts.counter(), spec.characterCoverage(), spec.modelType() == SentencePieceModel.Algorithm.UNIGRAM,
        spec.threads());
    if (owned) counts.counter().release();
    if (words.size() == 0) throw new IllegalArgumentException("no text to train on: every sentence was empty, too long or skipped");
    List<SentencePieceModel.Piece> meta = spec.metaPieces();
    int required = words.alphabetSize() + meta.size();
    if (required > spec.vocabSize()) {
      throw new IllegalArgumentException("vocabulary size " + spec.vocabSize() + " is smaller than the " + words.alphabetSize() + " characters to keep and "
          + meta.size() + " special pieces (" + required + "): increase the vocabulary size or lower the character coverage");
    }
    PieceRules rules = new PieceRules(words, spec);
    List<SentencePieceModel.Piece> learned = spec.modelType() == SentencePieceModel.Algorithm.BPE
        ? BpeTrainer.train(words, rules, spec.vocabSize() - required, spec.threads(), (done, total) -> progress.update("merging", done, total))
        : UnigramTrainer.train(words, rules, spec, progress::update);
    List<SentencePieceModel.Piece> pieces = new ArrayList<>(meta);
    pieces.addAll(learned);
    if (pieces.size() != spec.vocabSize()) {
      throw new IllegalArgumentException("the corpus supports only " + pieces.size() + " pieces, fewer than the vocabulary size " + spec.vocabSize()
          + ": lower it, or train on more text");
    }
    var normalization = new SentencePiecePipeline.Normalization(NormalizationRules.charsmap(spec.normalization()), spec.addDummyPrefix(),
        spec.removeExtraWhitespaces(), true, spec.treatWhitespaceAsSuffix());
    Pipeline tokenizer = SentencePiecePipeline.of(pieces, spec.modelType(), TrainerSpec.UNKNOWN_ID, spec.byteFallback(), normalization);
    double coverage = words.allCharacters() == 0 ? 1 : (double) words.coveredCharacters() / words.allCharacters();
    return new SentencePieceTrainingResult(tokenizer, stats, counts.sentences(), counts.skippedSentences(), words.size(), words.alphabetSize(), coverage);
  }
}
