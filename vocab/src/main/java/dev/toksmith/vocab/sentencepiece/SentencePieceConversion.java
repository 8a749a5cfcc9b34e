package dev.toksmith.vocab.sentencepiece;

import dev.toksmith.core.AddedToken;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.StagedTokenizer;
import dev.toksmith.core.decoders.ByteFallbackDecoder;
import dev.toksmith.core.decoders.Decoder;
import dev.toksmith.core.decoders.DecoderSequence;
import dev.toksmith.core.decoders.FuseDecoder;
import dev.toksmith.core.decoders.MetaspaceDecoder;
import dev.toksmith.core.decoders.ReplaceDecoder;
import dev.toksmith.core.decoders.StripDecoder;
import dev.toksmith.core.models.Model;
import dev.toksmith.core.models.bpe.BpeModel;
import dev.toksmith.core.models.bpe.BpeOptions;
import dev.toksmith.core.models.sentencepiece.SentencePieceModel;
import dev.toksmith.core.models.unigram.UnigramModel;
import dev.toksmith.core.normalizers.Normalizer;
import dev.toksmith.core.normalizers.NormalizerSequence;
import dev.toksmith.core.normalizers.Precompiled;
import dev.toksmith.core.normalizers.Prepend;
import dev.toksmith.core.normalizers.Replace;
import dev.toksmith.core.normalizers.SentencePieceNormalizer;
import dev.toksmith.core.normalizers.Strip;
import dev.toksmith.core.pretokenizers.Metaspace;
import dev.toksmith.core.pretokenizers.PreTokenizer;
import dev.toksmith.vocab.TokenizerFormatException;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.List;

/**
 * A tokenizer loaded from a SentencePiece {@code .model} as the Hugging Face pipeline that transformers'
 * {@code convert_slow_tokenizer.py} builds for such a model, so that it can be written as tokenizer.json.
 *
 * <ul>
 *   <li>Unigram, as {@code SpmConverter}: the {@code Precompiled} normalizer with the model's charsmap,
 *       a {@code Metaspace} pre-tokenizer (prepend scheme {@code always}, or {@code never} without
 *       {@code add_dummy_prefix}), a {@code Unigram} model with every piece and its score, the unknown
 *       id and the byte fallback; the decoder is {@code Metaspace}, or with byte fallback the sequence
 *       below.
 *   <li>BPE, as {@code LlamaConverter} (legacy): the normalizer puts {@code ▁} in front ({@code
 *       Prepend}, with {@code add_dummy_prefix}) and replaces every space with {@code ▁}, there is no
 *       pre-tokenizer, and the {@code BPE} model has {@code fuse_unk}, the byte fallback, and merges
 *       made from the piece scores as {@code generate_merges} makes them; the decoder is {@code
 *       Replace("▁", " ")}, {@code ByteFallback}, {@code Fuse} and, with {@code add_dummy_prefix},
 *       {@code Strip(" ", 1, 0)}.
 *   <li>Control and user-defined pieces become added tokens on the raw text, control ones special.
 * </ul>
 *
 * <p>The converters take {@code add_prefix_space} and {@code legacy} from the slow tokenizer; here the
 * model's own normalizer spec decides: {@code add_dummy_prefix} is {@code add_prefix_space}, and
 * legacy is the default. With {@code remove_extra_whitespaces}, white space is stripped from both ends
 * and runs of spaces become one ({@code SpmConverter} strips only the right end, which is enough only
 * while a prefix {@code ▁} absorbs leading spaces); without it spaces are kept as SentencePiece keeps
 * them. BPE also gets the {@code Precompiled} normalizer when the model has a charsmap (Llama's has
 * none).
 *
 * <p>Hugging Face then gives SentencePiece's ids except where its stages work otherwise (the fixtures'
 * cases are in SentencePieceConversionTest): {@code Precompiled} applies the charsmap per grapheme
 * cluster, not by longest key; control pieces match as added tokens in the text; its Unigram lattice
 * holds every piece (control, unknown, byte and unused ones too); {@code Strip} removes all White_Space
 * where SentencePiece removes spaces; and {@code Metaspace} adds no {@code ▁} before text that starts
 * with a space, which SentencePiece does when it keeps extra white space.
 */
public final class SentencePieceConversion {
  private static final String SPACE_SYMBOL = "\u2581";

  private SentencePieceConversion() {}

  /** Whether {@code pipeline} runs a SentencePiece model as SentencePiece does, and needs converting. */
  public static boolean isSentencePiece(StagedTokenizer pipeline) {
    return pipeline.model() instanceof SentencePieceModel;
  }

  /**
   * The Hugging Face pipeline for a pipeline that {@link SentencePieceFiles#load} made.
   *
   * @throws TokenizerFormatException if the model uses what tokenizer.json cannot express: whitespace
   *     as a suffix, or spaces that are not escaped
   */
  public static Pipeline toHuggingFace(StagedTokenizer sentencePiece) throws TokenizerFormatException {
    if (!(sentencePiece.model() instanceof SentencePieceModel model) || !(sentencePiece.normalizer() instanceof SentencePieceNormalizer spec)) {
      throw new IllegalArgumentException("not a pipeline of a SentencePiece model");
    }
    if (spec.whitespaceAsSuffix()) throw new TokenizerFormatException("cannot convert a SentencePiece model that treats whitespace as a suffix");
    if (!spec.escapeWhitespaces()) throw new TokenizerFormatException("cannot convert a SentencePiece model that does not escape whitespace as \u2581");
    boolean unigram = model.algorithm() == SentencePieceModel.Algorithm.UNIGRAM;
    List<Normalizer> normalizers = new ArrayList<>();
    if (spec.charsmap() != null) normalizers.add(new Precompiled(spec.charsmap(), Precompiled.Mode.HUGGING_FACE));
    if (spec.removeExtraWhitespaces()) {
      normalizers.add(new Strip(true, true));
      normalizers.add(new Replace(" {2,}", true, " "));
    }
    PreTokenizer preTokenizer = null;
    if (unigram) {
      preTokenizer = new Metaspace(Metaspace.DEFAULT_REPLACEMENT, spec.addDummyPrefix() ? Metaspace.PrependScheme.ALWAYS : Metaspace.PrependScheme.NEVER, true);
    } else {
      if (spec.addDummyPrefix()) normalizers.add(new Prepend(SPACE_SYMBOL));
      normalizers.add(new Replace(" ", false, SPACE_SYMBOL));
    }
    Decoder decoder = unigram && !model.byteFallback() ? new MetaspaceDecoder((Metaspace) preTokenizer) : byteFallbackDecoder(spec.addDummyPrefix());
    return new Pipeline(normalizers.isEmpty() ? null : new NormalizerSequence(normalizers), preTokenizer, unigram ? unigram(model) : bpe(model), null, decoder,
        addedTokens(model));
  }

  private static Decoder byteFallbackDecoder(boolean addDummyPrefix) {
    List<Decoder> decoders = new ArrayList<>(List.of(new ReplaceDecoder(SPACE_SYMBOL, false, " "), ByteFallbackDecoder.INSTANCE, FuseDecoder.INSTANCE));
    if (addDummyPrefix) decoders.add(new StripDecoder(' ', 1, 0));
    return new DecoderSequence(decoders);
  }

  private static Model unigram(SentencePieceModel model) {
    List<UnigramModel.Piece> vocab = new ArrayList<>(model.pieces().size());
    for (SentencePieceModel.Piece p : model.pieces()) vocab.add(new UnigramModel.Piece(p.text(), p.score()));
    return new UnigramModel(vocab, model.unkId(), model.byteFallback());
  }

  private static Model bpe(SentencePieceModel model) {
    List<SentencePieceModel.Piece> pieces = model.pieces();
    Object2IntOpenHashMap<String> vocab = new Object2IntOpenHashMap<>(pieces.size());
    vocab.defaultReturnValue(-1);
    for (int id = 0; id < pieces.size(); id++) vocab.put(pieces.get(id).text(), id);
    BpeOptions options = new BpeOptions(pieces.get(model.unkId()).text(), null, null, true, model.byteFallback(), false);
    return new BpeModel(vocab, merges(pieces, vocab), options);
  }

  /** A way to make a piece from two others, ranked by the piece's score. */
  private record Split(int left, int right, int result, float score, int leftLength, int rightLength) {}

  /**
   * transformers' {@code generate_merges} with the piece scores: every split of every piece into two
   * pieces (lengths in code points, as Python counts), highest score first, then longer left, then
   * longer right, and otherwise in id order (the converter's ordering of one piece's splits by their
   * ids never survives the ranking: they differ in length); scores compare as Python's floats do, so
   * -0.0 ties with 0.0.
   */
  private static List<BpeModel.Merge> merges(List<SentencePieceModel.Piece> pieces, Object2IntOpenHashMap<String> vocab) {
    List<Split> splits = new ArrayList<>();
    for (int id = 0; id < pieces.size(); id++) {
      String piece = pieces.get(id).text();
      int codePoints = piece.codePointCount(0, piece.length());
      for (int at = 1, cut = piece.offsetByCodePoints(0, 1); at < codePoints; at++, cut = piece.offsetByCodePoints(cut, 1)) {
        int left = vocab.getInt(piece.substring(0, cut));
        int right = vocab.getInt(piece.substring(cut));
        if (left >= 0 && right >= 0) splits.add(new Split(left, right, id, pieces.get(id).score(), at, codePoints - at));
      }
    }
    // List.sort is stable, as Python's sorted is, also with reverse=True.
    splits.sort((a, b) -> {
      int byScore = a.score() < b.score() ? 1 : a.score() > b.score() ? -1 : 0;
      if (byScore != 0) return byScore;
      if (a.leftLength() != b.leftLength()) return Integer.compare(b.leftLength(), a.leftLength());
      return Integer.compare(b.rightLength(), a.rightLength());
    });
    List<BpeModel.Merge> merges = new ArrayList<>(splits.size());
    for (Split s : splits) merges.add(new BpeModel.Merge(s.left(), s.right(), s.result()));
    return merges;
  }

  private static List<AddedToken> addedTokens(SentencePieceModel model) {
    List<AddedToken> added = new ArrayList<>();
    for (SentencePieceModel.Piece p : model.pieces()) {
      boolean control = p.type() == SentencePieceModel.Type.CONTROL;
      if (control || p.type() == SentencePieceModel.Type.USER_DEFINED) added.add(new AddedToken(p.text(), false, false, false, false, control));
    }
    return added;
  }
}
