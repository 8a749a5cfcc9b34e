package dev.toksmith;

import dev.toksmith.api.CorpusStats;
import dev.toksmith.api.DocumentSink;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.api.TrainingProgress;
import dev.toksmith.api.TrainingResult;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.decoders.WordPieceDecoder;
import dev.toksmith.core.models.CorpusWordCounts;
import dev.toksmith.core.models.CountedWords;
import dev.toksmith.core.models.wordpiece.BertWords;
import dev.toksmith.core.models.wordpiece.WordPieceModel;
import dev.toksmith.core.models.wordpiece.WordPieceVocabTrainer;
import dev.toksmith.core.normalizers.BertNormalizer;
import dev.toksmith.core.pretokenizers.BertPreTokenizer;
import dev.toksmith.core.processors.BertProcessing;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Trains a BERT WordPiece tokenizer the way Hugging Face's {@code BertWordPieceTokenizer.train}
 * does, with its defaults: the text goes through BERT's normalizer (clean text, space around CJK
 * ideographs, lowercase and strip accents) and pre-tokenizer (split at whitespace, every punctuation
 * character alone); then {@code WordPieceTrainer} learns BPE merges by pair frequency, every
 * character after a word's first spelled with the {@code ##} prefix, on an alphabet of the 1,000
 * most frequent characters, and keeps the vocabulary it reaches as a WordPiece vocabulary. The
 * tokenizer has the BERT post-processor ({@code [CLS] A [SEP] B [SEP]}) and the WordPiece decoder.
 * This is Hugging Face's WordPiece, not the likelihood-based one of Google's BERT.
 *
 * <p>Hugging Face breaks two kinds of ties in hash order, so that two of its runs may differ in a
 * few entries; toksmith breaks them in a fixed order (see {@link
 * dev.toksmith.core.models.bpe.BpeTrainer}) and gives the same vocabulary every time, on any number
 * of threads.
 *
 * <pre>{@code
 * Tokenizer bert = WordPieceTrainer.builder().vocabSize(30000).build().train(Corpus.of("corpus/")).tokenizer();
 * }</pre>
 *
 * <p>Counting words and learning from the counts are separate steps as well (see {@link
 * WordCountTrainer}), so that counting can run elsewhere. Instances are immutable and thread-safe.
 */
public final class WordPieceTrainer implements WordCountTrainer<TrainingResult> {
  /** BERT's special tokens, Hugging Face's defaults, in this order from id 0. */
  public static final List<String> BERT_SPECIAL_TOKENS = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");

  private static final String UNK = "[UNK]";
  private static final String CLS = "[CLS]";
  private static final String SEP = "[SEP]";

  private final int vocabSize;
  private final long minFrequency;
  private final int limitAlphabet;
  private final List<String> initialAlphabet;
  private final List<String> specialTokens;
  private final String continuingSubwordPrefix;
  private final BertNormalizer normalizer;
  private final TrainingProgress progress;
  private final int threads;

  private WordPieceTrainer(Builder b) {
    this.vocabSize = b.vocabSize;
    this.minFrequency = b.minFrequency;
    this.limitAlphabet = b.limitAlphabet;
    this.initialAlphabet = List.copyOf(b.initialAlphabet);
    this.specialTokens = List.copyOf(b.specialTokens);
    this.continuingSubwordPrefix = b.continuingSubwordPrefix;
    this.normalizer = new BertNormalizer(b.cleanText, b.handleChineseChars, b.stripAccents, b.lowercase);
    this.progress = b.progress;
    this.threads = b.threads;
  }

  /**
   * A builder with Hugging Face's defaults: 30,000 tokens, minimum frequency 2, an alphabet of at
   * most 1,000 characters, {@link #BERT_SPECIAL_TOKENS}, the {@code ##} prefix, clean text, CJK
   * spacing, lowercase with accents stripped; one counting thread per available processor.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Settings for {@link WordPieceTrainer}. */
  public static final class Builder {
    private int vocabSize = 30_000;
    private long minFrequency = 2;
    private int limitAlphabet = 1000;
    private List<String> initialAlphabet = List.of();
    private List<String> specialTokens = BERT_SPECIAL_TOKENS;
    private String continuingSubwordPrefix = "##";
    private boolean cleanText = true;
    private boolean handleChineseChars = true;
    private Boolean stripAccents;
    private boolean lowercase = true;
    private TrainingProgress progress = TrainingProgress.NONE;
    private int threads = Runtime.getRuntime().availableProcessors();

    private Builder() {}

    /**
     * Vocabulary size to stop merging at, special tokens and the alphabet included (the alphabet
     * alone may exceed it, as in Hugging Face).
     */
    public Builder vocabSize(int vocabSize) {
      this.vocabSize = vocabSize;
      return this;
    }

    /** Pairs seen fewer times than this are never merged. */
    public Builder minFrequency(long minFrequency) {
      this.minFrequency = minFrequency;
      return this;
    }

    /**
     * Keep at most this many characters, the most frequent (ties: the smaller code points); the
     * others are dropped from the words before merging, as in Hugging Face. {@link
     * Integer#MAX_VALUE} keeps all.
     */
    public Builder limitAlphabet(int limitAlphabet) {
      this.limitAlphabet = limitAlphabet;
      return this;
    }

    /** Characters (one code point each) always in the alphabet, seen or not. */
    public Builder initialAlphabet(List<String> initialAlphabet) {
      this.initialAlphabet = initialAlphabet;
      return this;
    }

    /**
     * Special tokens, given ids 0..k-1 in this order, never split or normalized. They must include
     * {@code [UNK]}, the unknown token; with {@code [CLS]} and {@code [SEP]} the tokenizer gets the
     * BERT post-processor, without them none.
     */
    public Builder specialTokens(List<String> specialTokens) {
      this.specialTokens = specialTokens;
      return this;
    }

    /** The prefix of tokens that continue a word ({@code ##}). */
    public Builder continuingSubwordPrefix(String prefix) {
      this.continuingSubwordPrefix = prefix;
      return this;
    }

    /** Lowercase the text (the default); accents are stripped too unless {@link #stripAccents} says otherwise. */
    public Builder lowercase(boolean lowercase) {
      this.lowercase = lowercase;
      return this;
    }

    /** Strip accents (NFD, then drop nonspacing marks) or not; null (the default) strips exactly when lowercasing. */
    public Builder stripAccents(Boolean stripAccents) {
      this.stripAccents = stripAccents;
      return this;
    }

    /** Remove control characters and turn all whitespace into spaces (the default). */
    public Builder cleanText(boolean cleanText) {
      this.cleanText = cleanText;
      return this;
    }

    /** Put spaces around CJK ideographs, so that each is a word (the default). */
    public Builder handleChineseChars(boolean handleChineseChars) {
      this.handleChineseChars = handleChineseChars;
      return this;
    }

    /** Told how far reading the corpus and merging have come; none by default. */
    public Builder progress(TrainingProgress progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /** Threads that normalize, split and count words while the calling thread reads; the result is the same for any number. */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /**
     * @throws IllegalArgumentException if the settings cannot produce a tokenizer
     */
    public WordPieceTrainer build() {
      TrainerSettings.check(threads, minFrequency, specialTokens);
      TrainerSettings.requireUnknown(specialTokens, UNK);
      if (limitAlphabet < 0) throw new IllegalArgumentException("alphabet limit must not be negative: " + limitAlphabet);
      for (String c : initialAlphabet) {
        if (c.codePointCount(0, c.length()) != 1) throw new IllegalArgumentException("initial alphabet entries must be single characters: '" + c + "'");
      }
      if (continuingSubwordPrefix == null || continuingSubwordPrefix.isEmpty()) throw new IllegalArgumentException("the continuing-subword prefix must not be empty");
      TrainerSettings.requireRoom(vocabSize, specialTokens);
      return new WordPieceTrainer(this);
    }
  }

  /** The special tokens, ids 0..k-1. */
  public List<String> specialTokens() {
    return specialTokens;
  }

  /**
   * Reads {@code corpus}, counting its words on {@link Builder#threads} threads while this thread
   * reads, learns the vocabulary and returns the tokenizer with what was read.
   */
  @Override
  public TrainingResult train(Corpus corpus) throws IOException {
    CorpusWordCounts.Counted counted = CorpusWordCounts.count(corpus, () -> new BertWords(normalizer), threads, (done, total) -> progress.update("reading", done, total));
    return trained(counted.words(), counted.corpus());
  }

  @Override
  public DocumentSink wordCounter(WordCounts counts) {
    return WordCounting.counter(new BertWords(normalizer), counts);
  }

  /**
   * Learns the vocabulary from {@code counts}, which it empties; the same counts give the same
   * tokenizer, however they were combined.
   */
  @Override
  public TrainingResult train(WordCounts counts, CorpusStats corpus) {
    return trained(CountedWords.of(counts.take()), corpus);
  }

  private TrainingResult trained(CountedWords words, CorpusStats corpus) {
    WordPieceVocabTrainer trainer = new WordPieceVocabTrainer(vocabSize, minFrequency, specialTokens, limitAlphabet, initialAlphabet, continuingSubwordPrefix);
    int distinctWords = words.size();
    WordPieceVocabTrainer.Result learned = trainer.train(words, UNK, (done, total) -> progress.update("merging", done, total));
    WordPieceModel model = learned.model();
    BertProcessing post = null;
    if (specialTokens.contains(CLS) && specialTokens.contains(SEP)) {
      post = new BertProcessing(SEP, model.vocabulary().id(SEP), CLS, model.vocabulary().id(CLS));
    }
    Pipeline tokenizer = new Pipeline(normalizer, BertPreTokenizer.INSTANCE, model, post, new WordPieceDecoder(continuingSubwordPrefix, true), TrainerSettings.addedTokens(specialTokens));
    return new TrainingResult(tokenizer, corpus, distinctWords, learned.merges());
  }

  /** Serialized as its settings (progress stays behind), and built again from them. */
  private Object writeReplace() {
    return new Settings(vocabSize, minFrequency, limitAlphabet, initialAlphabet, specialTokens, continuingSubwordPrefix,
        normalizer.cleanText(), normalizer.handleChineseChars(), normalizer.stripAccents(), normalizer.lowercase(), threads);
  }

  private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
    throw new java.io.InvalidObjectException("a WordPieceTrainer is read through its settings");
  }

  private record Settings(int vocabSize, long minFrequency, int limitAlphabet, List<String> initialAlphabet, List<String> specialTokens,
      String continuingSubwordPrefix, boolean cleanText, boolean handleChineseChars, Boolean stripAccents, boolean lowercase, int threads)
      implements java.io.Serializable {
    private Object readResolve() {
      return builder().vocabSize(vocabSize).minFrequency(minFrequency).limitAlphabet(limitAlphabet).initialAlphabet(initialAlphabet)
          .specialTokens(specialTokens).continuingSubwordPrefix(continuingSubwordPrefix).cleanText(cleanText)
          .handleChineseChars(handleChineseChars).stripAccents(stripAccents).lowercase(lowercase).threads(threads).build();
    }
  }
}
