package dev.toksmith.core.models.wordpiece;

import dev.toksmith.core.models.bpe.BpeTrainer;
import dev.toksmith.core.models.CountedWords;
import java.util.List;

/**
 * Hugging Face's {@code WordPieceTrainer}: BPE merges by pair frequency with the continuing-subword
 * prefix on every character after a word's first ({@link BpeTrainer#withContinuingSubwordPrefix}),
 * the alphabet cut to the most frequent characters ({@link BpeTrainer#withLimitAlphabet}); the
 * vocabulary BPE learns is then read as WordPiece, and the merges are dropped. This is not the
 * likelihood-based WordPiece of the BERT paper.
 */
public final class WordPieceVocabTrainer {
  /** Hugging Face's {@code max_input_chars_per_word}: longer pieces are unknown. */
  public static final int MAX_INPUT_CHARS_PER_WORD = 100;

  private final BpeTrainer trainer;
  private final String continuingSubwordPrefix;

  /**
   * @param limitAlphabet how many characters to keep at most, {@link Integer#MAX_VALUE} for all
   * @param initialAlphabet characters always in the vocabulary, seen or not (one code point each)
   */
  public WordPieceVocabTrainer(int vocabSize, long minFrequency, List<String> specialTokens, int limitAlphabet, List<String> initialAlphabet, String continuingSubwordPrefix) {
    this.trainer = new BpeTrainer(vocabSize, minFrequency, specialTokens, initialAlphabet)
        .withLimitAlphabet(limitAlphabet)
        .withContinuingSubwordPrefix(continuingSubwordPrefix);
    this.continuingSubwordPrefix = continuingSubwordPrefix;
  }

  /** The trained model and how many merges made its vocabulary. */
  public record Result(WordPieceModel model, int merges) {}

  /** Learns from the words in {@code counts}; the model's unknown token is {@code unkToken}. */
  public Result train(CountedWords counts, String unkToken, BpeTrainer.MergeProgress progress) {
    BpeTrainer.Result learned = trainer.train(BpeTrainer.Words.ofText(counts), progress);
    WordPieceModel model = new WordPieceModel(learned.vocab(), unkToken, continuingSubwordPrefix, MAX_INPUT_CHARS_PER_WORD);
    return new Result(model, learned.merges().size());
  }
}
