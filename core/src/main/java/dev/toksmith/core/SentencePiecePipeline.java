package dev.toksmith.core;

import dev.toksmith.core.decoders.SentencePieceDecoder;
import dev.toksmith.core.models.sentencepiece.SentencePieceModel;
import dev.toksmith.core.normalizers.PrecompiledCharsmap;
import dev.toksmith.core.normalizers.SentencePieceNormalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The pipeline that runs a SentencePiece model as SentencePiece does: its normalizer (the rules,
 * user-defined symbols kept whole, the whitespace options), the model's segmentation and byte
 * fallback, and its decoder. There is no post-processor: like {@code spm_encode}, encoding adds no
 * {@code <s>}.
 */
public final class SentencePiecePipeline {
  private SentencePiecePipeline() {}

  /** The normalizer options of a SentencePiece model ({@code NormalizerSpec}, plus the trainer's whitespace-as-suffix). */
  public record Normalization(PrecompiledCharsmap charsmap, boolean addDummyPrefix, boolean removeExtraWhitespaces, boolean escapeWhitespaces,
      boolean whitespaceAsSuffix) {}

  /**
   * @throws IllegalArgumentException if the unknown id is not an unknown piece
   */
  public static Pipeline of(List<SentencePieceModel.Piece> pieces, SentencePieceModel.Algorithm algorithm, int unkId, boolean byteFallback,
      Normalization normalization) {
    SentencePieceModel model = new SentencePieceModel(pieces, algorithm, unkId, byteFallback);
    List<String> userDefined = new ArrayList<>();
    Set<String> control = new HashSet<>();
    Set<String> bytes = new HashSet<>();
    for (SentencePieceModel.Piece p : pieces) {
      switch (p.type()) {
        case USER_DEFINED -> userDefined.add(p.text());
        case CONTROL -> control.add(p.text());
        case BYTE -> bytes.add(p.text());
        default -> {}
      }
    }
    SentencePieceNormalizer normalizer = new SentencePieceNormalizer(normalization.charsmap(), userDefined, normalization.addDummyPrefix(),
        normalization.removeExtraWhitespaces(), normalization.escapeWhitespaces(), normalization.whitespaceAsSuffix());
    SentencePieceDecoder decoder = new SentencePieceDecoder(control, pieces.get(unkId).text(), bytes,
        normalization.addDummyPrefix() || normalization.removeExtraWhitespaces());
    return new Pipeline(normalizer, null, model, null, decoder, List.of());
  }
}
