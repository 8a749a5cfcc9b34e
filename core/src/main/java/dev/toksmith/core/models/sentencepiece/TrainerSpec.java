package dev.toksmith.core.models.sentencepiece;

import dev.toksmith.core.normalizers.NormalizationRules;
import dev.toksmith.core.text.ByteTokens;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The settings of SentencePiece's trainers ({@code TrainerSpec} and the parts of {@code
 * NormalizerSpec} that training uses), with SentencePiece's names and defaults; see {@link
 * #defaults}. The special pieces are SentencePiece's defaults: {@code <unk>} at id 0, {@code <s>} at
 * 1, {@code </s>} at 2, no padding piece.
 *
 * @param modelType Unigram or BPE
 * @param vocabSize pieces in the model, special, user-defined and byte pieces included
 * @param characterCoverage share of character occurrences the required characters cover (the rest become unknown)
 * @param byteFallback whether the model has the 256 {@code <0xNN>} pieces that spell unknown characters
 * @param splitDigits whether every digit is a piece of its own
 * @param splitByUnicodeScript whether a piece never mixes scripts (Han, Hiragana and Katakana count as one)
 * @param splitByNumber whether digits count as a script of their own
 * @param allowWhitespaceOnlyPieces whether runs of {@code ▁} may form pieces
 * @param maxPieceLength longest piece, in characters
 * @param normalization a rule of {@link NormalizationRules#NAMES}
 * @param userDefinedSymbols pieces that are always whole, given the ids after the special ones
 * @param inputSentenceSize sentences to train on at most, 0 for all
 * @param shuffleInputSentence with an input sentence size: sample that many at random (deterministically), else take the first
 * @param seedSize Unigram: seed pieces taken from the suffix array
 * @param shrinkingFactor Unigram: share of pieces kept by each pruning
 * @param numSubIterations Unigram: EM iterations between prunings
 * @param treatWhitespaceAsSuffix whether {@code ▁} ends pieces instead of starting them
 * @param addDummyPrefix whether a {@code ▁} goes before (after, as a suffix) each sentence
 * @param removeExtraWhitespaces whether leading, trailing and repeated spaces go
 * @param maxSentenceLength longer sentences (in UTF-8 bytes) are skipped
 * @param threads threads that normalize, count and compute expectations; the result is the same for any number
 */
public record TrainerSpec(
    SentencePieceModel.Algorithm modelType,
    int vocabSize,
    float characterCoverage,
    boolean byteFallback,
    boolean splitDigits,
    boolean splitByUnicodeScript,
    boolean splitByNumber,
    boolean allowWhitespaceOnlyPieces,
    int maxPieceLength,
    String normalization,
    List<String> userDefinedSymbols,
    long inputSentenceSize,
    boolean shuffleInputSentence,
    int seedSize,
    float shrinkingFactor,
    int numSubIterations,
    boolean treatWhitespaceAsSuffix,
    boolean addDummyPrefix,
    boolean removeExtraWhitespaces,
    int maxSentenceLength,
    int threads) implements java.io.Serializable {

  public static final String UNKNOWN_PIECE = "<unk>";
  public static final String BOS_PIECE = "<s>";
  public static final String EOS_PIECE = "</s>";
  public static final int UNKNOWN_ID = 0;
  public static final int BOS_ID = 1;
  public static final int EOS_ID = 2;

  /** SentencePiece's defaults (spm_train's), with one thread per available processor. */
  public static TrainerSpec defaults(SentencePieceModel.Algorithm modelType) {
    return new TrainerSpec(modelType, 8000, 0.9995f, false, false, true, true, false, 16, NormalizationRules.NMT_NFKC, List.of(), 0, true,
        1_000_000, 0.75f, 2, false, true, true, 4192, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Checks the ranges SentencePiece checks.
   *
   * @throws IllegalArgumentException naming the first setting out of range
   */
  public TrainerSpec {
    userDefinedSymbols = List.copyOf(userDefinedSymbols);
    if (vocabSize <= 0) throw new IllegalArgumentException("vocabulary size must be positive: " + vocabSize);
    if (!(characterCoverage >= 0.98f && characterCoverage <= 1.0f)) throw new IllegalArgumentException("character coverage must be in [0.98, 1]: " + characterCoverage);
    if (maxPieceLength < 1 || maxPieceLength > 512) throw new IllegalArgumentException("maximum piece length must be in [1, 512]: " + maxPieceLength);
    if (numSubIterations < 1 || numSubIterations > 10) throw new IllegalArgumentException("EM sub-iterations must be in [1, 10]: " + numSubIterations);
    if (!(shrinkingFactor >= 0.5f && shrinkingFactor <= 0.95f)) throw new IllegalArgumentException("shrinking factor must be in [0.5, 0.95]: " + shrinkingFactor);
    if (maxSentenceLength < 10 || maxSentenceLength > 1_073_741_824) throw new IllegalArgumentException("maximum sentence length must be in [10, 1073741824]: " + maxSentenceLength);
    if (inputSentenceSize < 0 || (inputSentenceSize > 0 && inputSentenceSize <= 100)) throw new IllegalArgumentException("input sentence size must be 0 (all) or above 100: " + inputSentenceSize);
    if (seedSize < 1) throw new IllegalArgumentException("seed size must be positive: " + seedSize);
    if (threads < 1 || threads > 1024) throw new IllegalArgumentException("threads must be in [1, 1024]: " + threads);
    NormalizationRules.charsmap(normalization);
    Set<String> seen = new HashSet<>(List.of(UNKNOWN_PIECE));
    for (String symbol : userDefinedSymbols) {
      if (symbol.isEmpty()) throw new IllegalArgumentException("a user-defined symbol is empty");
      if (symbol.equals(UNKNOWN_PIECE)) throw new IllegalArgumentException(UNKNOWN_PIECE + " must not be a user-defined symbol");
      if (!seen.add(symbol)) throw new IllegalArgumentException("user-defined symbol " + symbol + " is given twice");
      if (byteFallback && symbol.matches("<0x[0-9A-F]{2}>")) throw new IllegalArgumentException("user-defined symbol " + symbol + " is a byte piece of the byte fallback");
    }
    int floor = metaPieces(userDefinedSymbols, byteFallback).size();
    if (vocabSize <= floor) throw new IllegalArgumentException("vocabulary size " + vocabSize + " leaves no room beyond the " + floor + " special, user-defined and byte pieces");
  }

  /**
   * The pieces at fixed ids, in id order, as SentencePiece's {@code InitMetaPieces} lays them out:
   * {@code <unk>}, {@code <s>}, {@code </s>}, then the user-defined symbols, then with byte fallback
   * {@code <0x00>}..{@code <0xFF>}. A user-defined {@code <s>} or {@code </s>} keeps its id and becomes
   * user-defined.
   */
  public List<SentencePieceModel.Piece> metaPieces() {
    return metaPieces(userDefinedSymbols, byteFallback);
  }

  private static List<SentencePieceModel.Piece> metaPieces(List<String> userDefinedSymbols, boolean byteFallback) {
    List<SentencePieceModel.Piece> pieces = new java.util.ArrayList<>();
    pieces.add(new SentencePieceModel.Piece(UNKNOWN_PIECE, 0, SentencePieceModel.Type.UNKNOWN));
    pieces.add(new SentencePieceModel.Piece(BOS_PIECE, 0, userDefinedSymbols.contains(BOS_PIECE) ? SentencePieceModel.Type.USER_DEFINED : SentencePieceModel.Type.CONTROL));
    pieces.add(new SentencePieceModel.Piece(EOS_PIECE, 0, userDefinedSymbols.contains(EOS_PIECE) ? SentencePieceModel.Type.USER_DEFINED : SentencePieceModel.Type.CONTROL));
    for (String symbol : userDefinedSymbols) {
      if (!symbol.equals(BOS_PIECE) && !symbol.equals(EOS_PIECE)) pieces.add(new SentencePieceModel.Piece(symbol, 0, SentencePieceModel.Type.USER_DEFINED));
    }
    if (byteFallback) {
      for (int b = 0; b < 256; b++) pieces.add(new SentencePieceModel.Piece(ByteTokens.name(b), 0, SentencePieceModel.Type.BYTE));
    }
    return pieces;
  }
}
