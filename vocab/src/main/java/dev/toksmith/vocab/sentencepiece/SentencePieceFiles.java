package dev.toksmith.vocab.sentencepiece;

import dev.toksmith.core.Pipeline;
import dev.toksmith.core.StagedTokenizer;
import dev.toksmith.core.models.sentencepiece.SentencePieceModel;
import dev.toksmith.core.SentencePiecePipeline;
import dev.toksmith.core.normalizers.NormalizationRules;
import dev.toksmith.core.normalizers.PrecompiledCharsmap;
import dev.toksmith.core.normalizers.SentencePieceNormalizer;
import dev.toksmith.vocab.TokenizerFormatException;
import dev.toksmith.vocab.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * SentencePiece {@code .model} files (Unigram and BPE), run as SentencePiece runs them: its
 * normalizer with the model's rules and whitespace options, its segmentation, byte fallback and
 * decoding. There is no post-processor: like {@code spm_encode}, encoding adds no {@code <s>}.
 * {@link #write} writes such a pipeline back as a {@code .model}.
 */
public final class SentencePieceFiles {
  /** The usual extension of SentencePiece models. */
  public static final String EXTENSION = ".model";

  private SentencePieceFiles() {}

  public static Pipeline load(Path file) throws IOException {
    return read(Files.readAllBytes(file), file.toString());
  }

  /**
   * Reads a model from its bytes.
   *
   * @param file what error messages call it
   */
  public static Pipeline read(byte[] data, String file) throws TokenizerFormatException {
    SentencePieceModelProto proto;
    try {
      proto = SentencePieceModelProto.parse(data);
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
    for (SentencePieceModelProto.Piece p : proto.pieces()) {
      pieces.add(new SentencePieceModel.Piece(p.piece(), p.score(), SentencePieceModel.Type.valueOf(p.type().name())));
    }
    SentencePieceModelProto.NormalizerSpec spec = proto.normalizer();
    PrecompiledCharsmap charsmap;
    try {
      charsmap = spec.precompiledCharsmap().length == 0 ? null : PrecompiledCharsmap.parse(spec.precompiledCharsmap());
    } catch (IllegalArgumentException e) {
      throw new TokenizerFormatException(file + ": normalizer rules: " + e.getMessage());
    }
    var normalization = new SentencePiecePipeline.Normalization(charsmap, spec.addDummyPrefix(), spec.removeExtraWhitespaces(), spec.escapeWhitespaces(),
        proto.trainer().treatWhitespaceAsSuffix());
    try {
      return SentencePiecePipeline.of(pieces, algorithm, proto.trainer().unkId(), proto.trainer().byteFallback(), normalization);
    } catch (IllegalArgumentException e) {
      throw new TokenizerFormatException(file + ": " + e.getMessage());
    }
  }

  /**
   * Writes a pipeline that runs a SentencePiece model (one {@link #load} made, or a SentencePiece
   * trainer's) as a {@code ModelProto}, as SentencePiece serializes it: every piece with its score
   * (its type when not normal), the trainer fields SentencePiece needs to run the model (model type,
   * vocabulary size, byte fallback, whitespace as a suffix, special ids and pieces where not the
   * defaults), and the normalizer: the rule's name ({@code identity}, a rule of {@link
   * NormalizationRules#NAMES} by its charsmap, else {@code user_defined}), the charsmap, and the
   * whitespace options where not the defaults.
   *
   * @throws IllegalArgumentException if the pipeline does not run a SentencePiece model
   */
  public static byte[] write(StagedTokenizer pipeline) {
    if (!(pipeline.model() instanceof SentencePieceModel model) || !(pipeline.normalizer() instanceof SentencePieceNormalizer normalizer)) {
      throw new IllegalArgumentException("only a SentencePiece model can be written as " + EXTENSION + " (a SentencePiece trainer's tokenizer, or one loaded from a " + EXTENSION + ")");
    }
    ProtoWriter proto = new ProtoWriter();
    for (SentencePieceModel.Piece p : model.pieces()) {
      ProtoWriter piece = new ProtoWriter().string(1, p.text()).fixed32(2, p.score());
      if (p.type() != SentencePieceModel.Type.NORMAL) piece.varint(3, p.type().ordinal() + 1);
      proto.message(1, piece);
    }
    ProtoWriter trainer = new ProtoWriter()
        .varint(3, model.algorithm() == SentencePieceModel.Algorithm.UNIGRAM ? 1 : 2)
        .varint(4, model.pieces().size());
    if (normalizer.whitespaceAsSuffix()) trainer.bool(24, true);
    if (model.byteFallback()) trainer.bool(35, true);
    int bos = specialId(model, "<s>");
    int eos = specialId(model, "</s>");
    int pad = specialId(model, "<pad>");
    if (model.unkId() != 0) trainer.varint(40, model.unkId());
    if (bos != 1) trainer.varint(41, bos);
    if (eos != 2) trainer.varint(42, eos);
    if (pad != -1) trainer.varint(43, pad);
    String unknown = model.pieces().get(model.unkId()).text();
    if (!unknown.equals("<unk>")) trainer.string(45, unknown);
    proto.message(2, trainer);
    PrecompiledCharsmap charsmap = normalizer.charsmap();
    String rule = NormalizationRules.nameOf(charsmap);
    ProtoWriter spec = new ProtoWriter().string(1, rule == null ? "user_defined" : rule).bytes(2, charsmap == null ? new byte[0] : charsmap.bytes());
    if (!normalizer.addDummyPrefix()) spec.bool(3, false);
    if (!normalizer.removeExtraWhitespaces()) spec.bool(4, false);
    if (!normalizer.escapeWhitespaces()) spec.bool(5, false);
    proto.message(3, spec);
    return proto.toByteArray();
  }

  /** Saves {@link #write}'s bytes to a file, through a temporary file renamed into place. */
  public static void save(StagedTokenizer pipeline, Path file) throws IOException {
    byte[] bytes = write(pipeline);
    AtomicFile.write(file, out -> out.write(bytes));
  }

  /** The id of a control (or user-defined) piece of this text, or -1. */
  private static int specialId(SentencePieceModel model, String text) {
    int id = model.tokenToId(text);
    if (id < 0) return -1;
    SentencePieceModel.Type type = model.pieces().get(id).type();
    return type == SentencePieceModel.Type.CONTROL || type == SentencePieceModel.Type.USER_DEFINED ? id : -1;
  }
}
