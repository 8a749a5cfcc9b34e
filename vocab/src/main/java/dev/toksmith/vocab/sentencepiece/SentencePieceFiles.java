package dev.toksmith.vocab.sentencepiece;

import dev.toksmith.core.Pipeline;
import dev.toksmith.core.decoders.SentencePieceDecoder;
import dev.toksmith.core.models.sentencepiece.SentencePieceModel;
import dev.toksmith.core.normalizers.PrecompiledCharsmap;
import dev.toksmith.core.normalizers.SentencePieceNormalizer;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * SentencePiece {@code .model} files (Unigram and BPE), run as SentencePiece runs them: its
 * normalizer with the model's rules and whitespace options, its segmentation, byte fallback and
 * decoding. There is no post-processor: like {@code spm_encode}, encoding adds no {@code <s>}.
 */
public final class SentencePieceFiles {
  /** The usual extension of SentencePiece models. */
  public static final String EXTENSION = ".model";

  private SentencePieceFiles() {}

  public static Pipeline load(Path file) throws IOException {
    SentencePieceModelProto proto;
    try {
      proto = SentencePieceModelProto.parse(Files.readAllBytes(file));
    } catch (IllegalArgumentException e) {
      throw new TokenizerFormatException(file + ": not a SentencePiece model (" + e.getMessage()
          + "); a tiktoken rank file, such as Llama 3's tokenizer.model, needs its split pattern: " + file + "#pattern=REGEX (or #pattern=cl100k_base, say)");
    }
    SentencePieceModel.Algorithm algorithm = switch (proto.trainer().modelType()) {
      case 1 -> SentencePieceModel.Algorithm.UNIGRAM;
      case 2 -> SentencePieceModel.Algorithm.BPE;
      case 3 -> throw new TokenizerFormatException(file + ": word models are not supported (only Unigram and BPE)");
      case 4 -> throw new TokenizerFormatException(file + ": character models are not supported (only Unigram and BPE)");
      default -> throw new TokenizerFormatException(file + ": unknown model type " + proto.trainer().modelType());
    };
    List<SentencePieceModel.Piece> pieces = new ArrayList<>();
    List<String> userDefined = new ArrayList<>();
    Set<String> control = new HashSet<>();
    Set<String> bytes = new HashSet<>();
    for (SentencePieceModelProto.Piece p : proto.pieces()) {
      SentencePieceModel.Type type = SentencePieceModel.Type.valueOf(p.type().name());
      pieces.add(new SentencePieceModel.Piece(p.piece(), p.score(), type));
      if (type == SentencePieceModel.Type.USER_DEFINED) userDefined.add(p.piece());
      if (type == SentencePieceModel.Type.CONTROL) control.add(p.piece());
      if (type == SentencePieceModel.Type.BYTE) bytes.add(p.piece());
    }
    SentencePieceModel model;
    try {
      model = new SentencePieceModel(pieces, algorithm, proto.trainer().unkId(), proto.trainer().byteFallback());
    } catch (IllegalArgumentException e) {
      throw new TokenizerFormatException(file + ": " + e.getMessage());
    }
    SentencePieceModelProto.NormalizerSpec spec = proto.normalizer();
    PrecompiledCharsmap charsmap;
    try {
      charsmap = spec.precompiledCharsmap().length == 0 ? null : PrecompiledCharsmap.parse(spec.precompiledCharsmap());
    } catch (IllegalArgumentException e) {
      throw new TokenizerFormatException(file + ": normalizer rules: " + e.getMessage());
    }
    SentencePieceNormalizer normalizer = new SentencePieceNormalizer(charsmap, userDefined, spec.addDummyPrefix(), spec.removeExtraWhitespaces(),
        spec.escapeWhitespaces(), proto.trainer().treatWhitespaceAsSuffix());
    String unknown = pieces.get(proto.trainer().unkId()).text();
    SentencePieceDecoder decoder = new SentencePieceDecoder(control, unknown, bytes, spec.addDummyPrefix() || spec.removeExtraWhitespaces());
    return new Pipeline(normalizer, null, model, null, decoder, List.of());
  }
}
