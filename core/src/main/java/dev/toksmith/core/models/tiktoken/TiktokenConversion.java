package dev.toksmith.core.models.tiktoken;

import dev.toksmith.core.AddedToken;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.decoders.ByteLevelDecoder;
import dev.toksmith.core.models.ByteLevelAlphabet;
import dev.toksmith.core.models.TiktokenModel;
import dev.toksmith.core.models.bpe.BpeModel;
import dev.toksmith.core.models.bpe.BpeOptions;
import dev.toksmith.core.pretokenizers.ByteLevel;
import dev.toksmith.core.pretokenizers.PreTokenizerSequence;
import dev.toksmith.core.pretokenizers.Split;
import dev.toksmith.core.pretokenizers.SplitBehavior;
import dev.toksmith.core.pretokenizers.SplitPatterns;
import dev.toksmith.core.processors.ByteLevelProcessor;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tiktoken encoding as the equivalent Hugging Face pipeline, built as transformers' {@code
 * TikTokenConverter} builds it: Split with the encoding's pattern (isolated), ByteLevel without its
 * own regex, a BPE model whose merges come from the ranks ({@code ignore_merges}, so a piece that is a
 * token stays whole), ByteLevel post-processor and decoder, and the special tokens as added tokens.
 * Written as tokenizer.json, it is a file that gives
 * tiktoken's ids in Hugging Face.
 *
 * <p>Unlike the converter, the special tokens are also put in the model's vocabulary with their ids:
 * Hugging Face numbers added tokens that the vocabulary lacks consecutively after it, which would
 * renumber cl100k_base's {@code <|endofprompt|>} (100276) and everything after a gap. An id with two
 * texts (o200k_harmony's 200018) keeps its first, the one it decodes to.
 */
public final class TiktokenConversion {
  private TiktokenConversion() {}

  /**
   * The Hugging Face pipeline of the encoding with these ranks, split pattern ({@code pat_str}) and
   * special tokens (text to id, in order); its special tokens always match, as with all allowed.
   */
  static Pipeline toPipeline(TiktokenModel ranks, String patternText, Map<String, Integer> specialTokenIds) {
    Object2IntOpenHashMap<String> vocab = new Object2IntOpenHashMap<>(ranks.size() + specialTokenIds.size());
    List<BpeModel.Merge> merges = new ArrayList<>();
    for (int rank = 0; rank < ranks.rankBound(); rank++) {
      byte[] token = ranks.bytes(rank);
      if (token == null) continue;
      vocab.put(ByteLevelAlphabet.spell(token), rank);
      merges.addAll(mergesInto(ranks, token, rank));
    }
    List<AddedToken> added = new ArrayList<>();
    Set<Integer> ids = new HashSet<>();
    for (Map.Entry<String, Integer> special : specialTokenIds.entrySet()) {
      if (!ids.add(special.getValue())) continue;
      vocab.put(special.getKey(), (int) special.getValue());
      added.add(AddedToken.special(special.getKey()));
    }
    BpeModel model = new BpeModel(vocab, merges, new BpeOptions(null, null, null, false, false, true));
    PreTokenizerSequence preTokenizer = new PreTokenizerSequence(List.of(
        new Split(SplitPatterns.huggingFaceEquivalent(patternText), true, SplitBehavior.ISOLATED, false),
        new ByteLevel(false, false, true)));
    return new Pipeline(null, preTokenizer, model, new ByteLevelProcessor(true, false, true), ByteLevelDecoder.INSTANCE, added);
  }

  /**
   * The merges that make {@code token}: every split into two tokens, ordered by the left part's rank,
   * then the right part's, as the converter sorts them.
   */
  private static List<BpeModel.Merge> mergesInto(TiktokenModel ranks, byte[] token, int rank) {
    List<BpeModel.Merge> local = new ArrayList<>();
    for (int i = 1; i < token.length; i++) {
      int left = ranks.rank(token, 0, i);
      int right = ranks.rank(token, i, token.length);
      if (left >= 0 && right >= 0) local.add(new BpeModel.Merge(left, right, rank));
    }
    local.sort((a, b) -> a.left() != b.left() ? Integer.compare(a.left(), b.left()) : Integer.compare(a.right(), b.right()));
    return local;
  }
}
