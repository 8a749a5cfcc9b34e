package dev.toksmith;

import dev.toksmith.api.CorpusStats;
import dev.toksmith.api.DocumentSink;
import dev.toksmith.api.DomainTrainingResult;
import dev.toksmith.api.Normalization;
import dev.toksmith.api.TrainingProgress;
import dev.toksmith.api.TrainingResult;
import dev.toksmith.core.AddedToken;
import dev.toksmith.core.models.ByteLevelAlphabet;
import dev.toksmith.core.models.bpe.BpeModel;
import dev.toksmith.core.normalizers.Normalizers;
import dev.toksmith.core.presets.Kl3mCustomTokens;
import dev.toksmith.core.presets.VocabularyFit;
import dev.toksmith.core.text.Excerpt;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Trains KL3M-style domain tokenizers (Bommarito et al. 2025): NFKC (and lowercasing when uncased),
 * the GPT-2 split without prefix space, byte-level BPE, the 13 KL3M special tokens at ids 0..12, and
 * custom tokens added after training as Hugging Face added tokens (non-special, matched on the
 * normalized text before splitting). The result has exactly the vocabulary size asked for, counted as
 * Hugging Face's {@code get_vocab_size()} counts: a custom token that BPE also learned counts once, and
 * runs of spaces and newlines pad whatever the corpus cannot fill. Counting words and learning are
 * separate steps (see {@link WordCountTrainer}). Instances are immutable.
 *
 * <pre>{@code
 * DomainTrainingResult r = DomainBpeTrainer.kl3m().vocabSize(32768).domainTerms(abbreviations).build().train(corpus);
 * }</pre>
 */
public final class DomainBpeTrainer implements WordCountTrainer<DomainTrainingResult> {
  private static final long serialVersionUID = 1L;

  /** The KL3M special tokens, ids 0..12 in this order. */
  public static final List<String> KL3M_SPECIAL_TOKENS = List.of(
      "<|start|>", "<|end|>", "<|pad|>", "<|unk|>", "<|sep|>", "<|cls|>", "<|mask|>",
      "<|system|>", "</|system|>", "<|user|>", "</|user|>", "<|instruction|>", "</|instruction|>");

  /** The vocabulary sizes of the {@code kl3m-char} preset, as the KL3M paper trains it. */
  public static final List<Integer> KL3M_CHAR_VOCAB_SIZES = List.of(4_096, 8_192, 16_384);

  private final ByteLevelBpeTrainer bpe;
  private final List<Normalization> normalization;
  private final List<String> specialTokens;
  private final List<String> customTokens;
  private final int maxTokenLength;
  private final int vocabSize;
  private final int finalVocabSize;

  private DomainBpeTrainer(ByteLevelBpeTrainer bpe, List<Normalization> normalization, List<String> specialTokens,
      List<String> customTokens, int maxTokenLength, int vocabSize, int finalVocabSize) {
    this.bpe = bpe;
    this.normalization = normalization;
    this.specialTokens = specialTokens;
    this.customTokens = customTokens;
    this.maxTokenLength = maxTokenLength;
    this.vocabSize = vocabSize;
    this.finalVocabSize = finalVocabSize;
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
   * with and without OCR errors keeps its token boundaries. 4,096 tokens by default, and one of {@link
   * #KL3M_CHAR_VOCAB_SIZES}; {@link Builder#build} refuses other sizes, custom tokens, domain terms and
   * power-of-two padding with a {@link PresetLimitException}.
   */
  public static Builder kl3mChar() {
    return new Builder(false, 4_096, -1);
  }

  /** A setting a preset does not allow; {@link #limit} says which, for callers that name their own options. */
  public static final class PresetLimitException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The preset's rules. */
    public enum Limit {
      /** The vocabulary size is not one of the preset's sizes. */
      VOCAB_SIZE,
      /** The preset takes no custom tokens or domain terms. */
      CUSTOM_TOKENS,
      /** The preset's sizes are powers of two already, so padding to one is refused. */
      PADDING
    }

    private final Limit limit;

    PresetLimitException(Limit limit, String message) {
      super(message);
      this.limit = limit;
    }

    /** The rule broken. */
    public Limit limit() {
      return limit;
    }
  }

  /**
   * Settings for {@link DomainBpeTrainer}; the ones it shares with {@link ByteLevelBpeTrainer} (minimum
   * frequency, progress, threads) go straight to a builder of that trainer.
   */
  public static final class Builder {
    private final boolean families;
    private final ByteLevelBpeTrainer.Builder bpe = ByteLevelBpeTrainer.builder();
    private int vocabSize;
    /** 0: unlimited; -1: by vocabulary size (the char preset). */
    private int maxTokenLength;
    private boolean lowercase;
    private boolean padToPowerOfTwo;
    private List<String> domainTerms = List.of();
    private List<String> customTokens = List.of();
    private boolean customTokensGiven;
    private List<String> specialTokens = List.of();

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
      bpe.minFrequency(minFrequency);
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

    /** More custom tokens, each whole; kl3m-char takes none, not even an empty list. */
    public Builder customTokens(List<String> tokens) {
      this.customTokens = List.copyOf(tokens);
      this.customTokensGiven = true;
      return this;
    }

    /** Special tokens after the 13 KL3M ones, ids 13, 14, ... */
    public Builder specialTokens(List<String> tokens) {
      this.specialTokens = List.copyOf(tokens);
      return this;
    }

    /** Told how far reading and merging have come. */
    public Builder progress(TrainingProgress progress) {
      bpe.progress(progress);
      return this;
    }

    /** Threads that count words while the corpus is read; the result is the same for any number. */
    public Builder threads(int threads) {
      bpe.threads(threads);
      return this;
    }

    /**
     * @throws PresetLimitException if the settings break the preset's rules (kl3m-char)
     * @throws IllegalArgumentException if the settings cannot produce a tokenizer
     */
    public DomainBpeTrainer build() {
      if (!families) checkCharPreset();
      if (vocabSize < 1) throw new IllegalArgumentException("vocabulary size must be positive: " + vocabSize);
      for (String s : specialTokens) {
        if (KL3M_SPECIAL_TOKENS.contains(s)) throw new IllegalArgumentException(Excerpt.quote(s) + " is a KL3M special token already");
      }
      int finalVocabSize = padToPowerOfTwo ? VocabularyFit.powerOfTwoAtLeast(vocabSize) : vocabSize;
      List<Normalization> normalization = lowercase ? List.of(Normalization.NFKC, Normalization.LOWERCASE) : List.of(Normalization.NFKC);
      List<String> specials = new ArrayList<>(KL3M_SPECIAL_TOKENS);
      specials.addAll(specialTokens);
      int maxLength = maxTokenLength >= 0 ? maxTokenLength : vocabSize >= 16_384 ? 4 : 3;
      List<String> custom = customTokens(normalization, specials);
      int floor = baseVocabularySize(specials) + custom.size();
      if (floor > vocabSize) {
        throw new IllegalArgumentException("vocabulary size " + vocabSize + " is below " + floor + " (" + specials.size()
            + " special tokens + 256 byte tokens + " + custom.size() + " custom tokens)");
      }
      bpe.vocabSize(vocabSize).specialTokens(specials).normalization(normalization).maxTokenLength(maxLength > 0 ? maxLength : Integer.MAX_VALUE);
      return new DomainBpeTrainer(bpe.build(), normalization, List.copyOf(specials), custom, maxLength, vocabSize, finalVocabSize);
    }

    /** The kl3m-char preset's rules, in the order they are reported. */
    private void checkCharPreset() {
      if (customTokensGiven || !domainTerms.isEmpty()) {
        throw new PresetLimitException(PresetLimitException.Limit.CUSTOM_TOKENS, "the kl3m-char preset takes no custom tokens or domain terms");
      }
      if (padToPowerOfTwo) {
        throw new PresetLimitException(PresetLimitException.Limit.PADDING, "kl3m-char sizes are powers of two already: padding to a power of two is refused");
      }
      if (!KL3M_CHAR_VOCAB_SIZES.contains(vocabSize)) {
        throw new PresetLimitException(PresetLimitException.Limit.VOCAB_SIZE, "the kl3m-char preset's vocabulary size is 4096, 8192 or 16384, not " + vocabSize);
      }
    }

    /** The custom tokens as they will be added (unless BPE learns them): normalized, distinct, sorted, no single characters. */
    private List<String> customTokens(List<Normalization> normalization, List<String> specials) {
      List<String> all = new ArrayList<>();
      if (families) all.addAll(Kl3mCustomTokens.families());
      all.addAll(Kl3mCustomTokens.words(domainTerms));
      all.addAll(customTokens);
      List<String> finished = new ArrayList<>(Kl3mCustomTokens.finish(all, Normalizers.of(normalization)));
      finished.removeIf(new HashSet<>(specials)::contains);
      return List.copyOf(finished);
    }
  }

  /** The normalizations: NFKC, then lowercasing when uncased. */
  public List<Normalization> normalization() {
    return normalization;
  }

  /** All special tokens, ids 0..k-1: the 13 KL3M ones, then any given. */
  public List<String> specialTokens() {
    return specialTokens;
  }

  /** The custom tokens as they will be added (unless BPE learns them): normalized, distinct, sorted, no single characters. */
  public List<String> customTokens() {
    return customTokens;
  }

  /** The maximum token length in bytes, or 0 for none. */
  public int maxTokenLength() {
    return maxTokenLength;
  }

  /** The final vocabulary size: the size asked for, or the power of two at or above it when padding to one. */
  public int finalVocabSize() {
    return finalVocabSize;
  }


  /** Number of tokens before any merge: the special tokens and the 256 byte symbols, a token that is both counted once. */
  private static int baseVocabularySize(List<String> specialTokens) {
    Set<String> base = new HashSet<>(specialTokens);
    for (int b = 0; b < 256; b++) base.add(String.valueOf(ByteLevelAlphabet.charOf(b)));
    return base.size();
  }

  /** Trains on {@code corpus}: counts its words on the configured threads, then learns from them. */
  @Override
  public DomainTrainingResult train(Corpus corpus) throws IOException {
    return fit(bpe.learn(corpus));
  }

  @Override
  public DocumentSink wordCounter(WordCounts counts) {
    return bpe.wordCounter(counts);
  }

  @Override
  public DomainTrainingResult train(WordCounts counts, CorpusStats corpus) {
    return fit(bpe.learn(counts, corpus));
  }

  /** Fits the BPE model, the custom tokens and the padding to the vocabulary size. */
  private DomainTrainingResult fit(ByteLevelBpeTrainer.Learned trained) {
    VocabularyFit.Fitted fitted = VocabularyFit.fit(trained.model(), baseVocabularySize(specialTokens), customTokens, vocabSize, finalVocabSize);

    List<AddedToken> added = new ArrayList<>();
    for (String s : specialTokens) added.add(AddedToken.special(s));
    // Plain added tokens as Hugging Face's add_tokens makes them: matched on the normalized text.
    for (String t : fitted.customAdded()) added.add(new AddedToken(t, false, false, false, true, false));
    for (String t : fitted.padding()) added.add(new AddedToken(t, false, false, false, true, false));
    return new DomainTrainingResult(bpe.tokenizer(fitted.model(), added), trained.corpus(), trained.distinctWords(), fitted.model().merges().size(),
        fitted.customAdded().size(), fitted.customLearned(), fitted.padding().size());
  }
}
