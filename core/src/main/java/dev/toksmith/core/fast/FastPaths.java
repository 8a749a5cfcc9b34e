package dev.toksmith.core.fast;

import dev.toksmith.core.models.Model;
import dev.toksmith.core.normalizers.Normalizer;
import dev.toksmith.core.pretokenizers.PreTokenizer;

/**
 * Picks, when a pipeline is built, the fast path its stages allow: decided from the components and
 * their settings alone, never from file names or vocabularies.
 */
public final class FastPaths {
  private FastPaths() {}

  /** The segment encoder for these stages, or null when none applies (the stages then run one by one). */
  public static SegmentEncoder of(Normalizer normalizer, PreTokenizer preTokenizer, Model model) {
    SegmentEncoder bpe = MetaspaceBpe.of(normalizer, preTokenizer, model);
    if (bpe != null) return bpe;
    SegmentEncoder unigram = UnigramWords.of(normalizer, preTokenizer, model);
    if (unigram != null) return unigram;
    return BertWordPiece.of(normalizer, preTokenizer, model);
  }
}
