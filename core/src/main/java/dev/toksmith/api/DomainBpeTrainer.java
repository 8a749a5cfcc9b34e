package dev.toksmith.api;

import dev.toksmith.core.AddedToken;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.models.ByteLevelAlphabet;
import dev.toksmith.core.models.bpe.BpeModel;
import dev.toksmith.core.normalizers.Normalizers;
import dev.toksmith.core.presets.Kl3mCustomTokens;
import dev.toksmith.core.presets.VocabularyFit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Trains KL3M-style domain tokenizers (Bommarito et al. 2025): NFKC (and lowercasing when uncased),
 * the GPT-2 split without prefix space, byte-level BPE, the 13 KL3M special tokens at ids 0..12, and
 * custom tokens added after training as Hugging Face added tokens (non-special, matched on the
 * normalized text before splitting). The result has exactly the vocabulary size asked for, counted as
 * Hugging Face's {@code get_vocab_size()} counts: a custom token that BPE also learned counts once, and
 * runs of spaces and newlines pad whatever the corpus cannot fill. Instances are immutable.
 *
 * <pre>{@code
 * DomainTrainingResult r = DomainBpeTrainer.kl3m().vocabSize(32768).domainTerms(abbreviations).build().train(corpus);
 * }</pre>
 */
public final class DomainBpeTrainer {
  /** The KL3M special tokens, ids 0..12 in this order. */
  public static final List<String> KL3M_SPECIAL_TOKENS = List.of(
      "<|start|>", "<|end|>", "<|pad|>", "<|unk|>", "<|sep|>", "<|cls|>", "<|mask|>",
      "<|system|>", "</|system|>", "<|user|>", "</|user|>", "<|instruction|>", "</|instruction|>");

  private final Builder settings;

  private DomainBpeTrainer(Builder settings) {
    this.settings = settings;
  }

  /**
   * The {@code kl3m} preset: the KL3M custom-token families (whitespace runs, markup, URL, JSON and
   * XML fragments, punctuation runs, years 1776-2049, citation enumerators, numbers 10-999); add domain
   * terms such as reporter abbreviations with {@link Builder#domainTerms}. 32,768 tokens by default.
   */
  public static Builder kl3m() {
    return new Builder(true, 32_768, 0);
  }

  /**
   * The {@code kl3m-char} preset for OCR post-correction: no custom tokens and short tokens, at most 3
   * bytes (4 from 16,384 tokens up) unless {@link Builder#maxTokenLength} says otherwise, so that text
   * with and without OCR errors keeps its token boundaries. 4,096 tokens by default.
   */
  public static Builder kl3mChar() {
    return new Builder(false, 4_096, -1);
  }

  /** Settings for {@link DomainBpeTrainer}; mutable, one per training. */
  public static final class Builder {
    private final boolean families;
    private int vocabSize;
    /** 0: unlimited; -1: by vocabulary size (the char preset). */
    private int maxTokenLength;
    private boolean lowercase;
    private boolean padToPowerOfTwo;
    private long minFrequency = 2;
    private List<String> domainTerms = List.of();
    private List<String> customTokens = List.of();
    private List<String> specialTokens = List.of();
    private TrainingProgress progress = TrainingProgress.NONE;
    private int threads = Runtime.getRuntime().availableProcessors();

    private Builder(boolean families, int vocabSize, int maxTokenLength) {
      this.families = families;
      this.vocabSize = vocabSize;
      this.maxTokenLength = maxTokenLength;
    }

    /** Vocabulary size before power-of-two padding, counted as Hugging Face's {@code get_vocab_size()}. */
    public Builder vocabSize(int vocabSize) {
      this.vocabSize = vocabSize;
      return this;
    }

    /** Uncased: lowercase text (after NFKC) and custom tokens. Cased by default. */
    public Builder lowercase(boolean lowercase) {
      this.lowercase = lowercase;
      return this;
    }

    /** Pad with runs of spaces and newlines up to the next power of two; a power of two stays. */
    public Builder padToPowerOfTwo(boolean padToPowerOfTwo) {
      this.padToPowerOfTwo = padToPowerOfTwo;
      return this;
    }

    /** Pairs seen fewer times than this are never merged; 2 by default. */
    public Builder minFrequency(long minFrequency) {
      this.minFrequency = minFrequency;
      return this;
    }

    /** No merge makes a token longer than this many bytes; see {@link ByteLevelBpeTrainer.Builder#maxTokenLength}. */
    public Builder maxTokenLength(int maxTokenLength) {
      this.maxTokenLength = maxTokenLength;
      return this;
    }

    /** Terms whose words (split at white space) become custom tokens, as KL3M adds legal reporter abbreviations. */
    public Builder domainTerms(List<String> terms) {
      this.domainTerms = List.copyOf(terms);
      return this;
    }

    /** More custom tokens, each whole. */
    public Builder customTokens(List<String> tokens) {
      this.customTokens = List.copyOf(tokens);
      return this;
    }

    /** Special tokens after the 13 KL3M ones, ids 13, 14, ... */
    public Builder specialTokens(List<String> tokens) {
      this.specialTokens = List.copyOf(tokens);
      return this;
    }

    /** Told how far reading and merging have come. */
    public Builder progress(TrainingProgress progress) {
      this.progress = progress;
      return this;
    }

    /** Threads that count words while the corpus is read; the result is the same for any number. */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /** @throws IllegalArgumentException if the settings cannot produce a tokenizer */
    public DomainBpeTrainer build() {
      if (vocabSize < 1) throw new IllegalArgumentException("vocabulary size must be positive: " + vocabSize);
      for (String s : specialTokens) {
        if (KL3M_SPECIAL_TOKENS.contains(s)) throw new IllegalArgumentException("'" + s + "' is a KL3M special token already");
      }
      if (padToPowerOfTwo) VocabularyFit.powerOfTwoAtLeast(vocabSize);
      Builder copy = new Builder(families, vocabSize, maxTokenLength);
      copy.lowercase = lowercase;
      copy.padToPowerOfTwo = padToPowerOfTwo;
      copy.minFrequency = minFrequency;
      copy.domainTerms = domainTerms;
      copy.customTokens = customTokens;
      copy.specialTokens = specialTokens;
      copy.progress = progress;
      DomainBpeTrainer trainer = new DomainBpeTrainer(copy);
      trainer.bpeTrainer(); // validates the BPE settings now
      int floor = trainer.baseVocabulary().size() + trainer.customTokens().size();
      if (floor > vocabSize) {
        throw new IllegalArgumentException("vocabulary size " + vocabSize + " is below " + floor + " (" + trainer.specialTokens().size()
            + " special tokens + 256 byte tokens + " + trainer.customTokens().size() + " custom tokens)");
      }
      return trainer;
    }
  }

  /** The normalizations: NFKC, then lowercasing when uncased. */
  public List<Normalization> normalization() {
    return settings.lowercase ? List.of(Normalization.NFKC, Normalization.LOWERCASE) : List.of(Normalization.NFKC);
  }

  /** All special tokens, ids 0..k-1: the 13 KL3M ones, then any given. */
  public List<String> specialTokens() {
    List<String> all = new ArrayList<>(KL3M_SPECIAL_TOKENS);
    all.addAll(settings.specialTokens);
    return List.copyOf(all);
  }

  /** The custom tokens as they will be added (unless BPE learns them): normalized, distinct, sorted, no single characters. */
  public List<String> customTokens() {
    List<String> all = new ArrayList<>();
    if (settings.families) all.addAll(Kl3mCustomTokens.families());
    all.addAll(Kl3mCustomTokens.words(settings.domainTerms));
    all.addAll(settings.customTokens);
    Set<String> specials = new HashSet<>(specialTokens());
    List<String> finished = new ArrayList<>(Kl3mCustomTokens.finish(all, Normalizers.of(normalization())));
    finished.removeIf(specials::contains);
    return List.copyOf(finished);
  }

  /** The maximum token length in bytes, or 0 for none. */
  public int maxTokenLength() {
    if (settings.maxTokenLength >= 0) return settings.maxTokenLength;
    return settings.vocabSize >= 16_384 ? 4 : 3;
  }

  /** The final vocabulary size: the size asked for, or the power of two at or above it when padding to one. */
  public int finalVocabSize() {
    return settings.padToPowerOfTwo ? VocabularyFit.powerOfTwoAtLeast(settings.vocabSize) : settings.vocabSize;
  }

  private ByteLevelBpeTrainer bpeTrainer() {
    ByteLevelBpeTrainer.Builder bpe = ByteLevelBpeTrainer.builder()
        .vocabSize(settings.vocabSize)
        .minFrequency(settings.minFrequency)
        .specialTokens(specialTokens())
        .normalization(normalization())
        .progress(settings.progress)
        .threads(settings.threads);
    if (maxTokenLength() > 0) bpe.maxTokenLength(maxTokenLength());
    return bpe.build();
  }

  /** The tokens before any merge: special tokens and the 256 byte symbols. */
  private Set<String> baseVocabulary() {
    Set<String> base = new LinkedHashSet<>(specialTokens());
    for (int b = 0; b < 256; b++) base.add(String.valueOf(ByteLevelAlphabet.charOf(b)));
    return base;
  }

  /** Trains on {@code corpus}. */
  public DomainTrainingResult train(Corpus corpus) throws IOException {
    List<String> custom = customTokens();
    List<String> specials = specialTokens();
    Set<String> base = baseVocabulary();
    TrainingResult trained = bpeTrainer().train(corpus);
    Pipeline pipeline = (Pipeline) trained.tokenizer();
    VocabularyFit.Fitted fitted = VocabularyFit.fit((BpeModel) pipeline.model(), base.size(), custom, settings.vocabSize, finalVocabSize());

    List<AddedToken> added = new ArrayList<>();
    for (String s : specials) added.add(AddedToken.special(s));
    // Plain added tokens as Hugging Face's add_tokens makes them: matched on the normalized text.
    for (String t : fitted.customAdded()) added.add(new AddedToken(t, false, false, false, true, false));
    for (String t : fitted.padding()) added.add(new AddedToken(t, false, false, false, true, false));
    Pipeline tokenizer = new Pipeline(pipeline.normalizer(), pipeline.preTokenizer(), fitted.model(), null, pipeline.decoder(), added);
    return new DomainTrainingResult(tokenizer, trained.corpus(), trained.distinctWords(), fitted.model().merges().size(),
        fitted.customAdded().size(), fitted.customLearned(), fitted.padding().size());
  }
}
