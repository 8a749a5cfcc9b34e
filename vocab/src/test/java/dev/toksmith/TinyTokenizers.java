package dev.toksmith;

import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.decoders.ByteFallbackDecoder;
import dev.toksmith.core.decoders.ByteLevelDecoder;
import dev.toksmith.core.decoders.Decoder;
import dev.toksmith.core.decoders.DecoderSequence;
import dev.toksmith.core.decoders.FuseDecoder;
import dev.toksmith.core.models.ByteLevelAlphabet;
import dev.toksmith.core.models.bpe.BpeModel;
import dev.toksmith.core.models.bpe.BpeOptions;
import dev.toksmith.core.models.wordlevel.WordLevelModel;
import dev.toksmith.core.pretokenizers.ByteLevel;
import dev.toksmith.core.pretokenizers.WhitespaceSplit;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.List;

/** Tokenizers small enough to count their tokens by hand. */
final class TinyTokenizers {
  private TinyTokenizers() {}

  /** Whitespace-split words, each a token if listed (ids in list order), else {@code [UNK]} (the next id). */
  static Tokenizer words(String... words) {
    Object2IntOpenHashMap<String> vocab = new Object2IntOpenHashMap<>();
    for (String word : words) vocab.put(word, vocab.size());
    vocab.put("[UNK]", vocab.size());
    return new Pipeline(null, WhitespaceSplit.INSTANCE, new WordLevelModel(vocab, "[UNK]"), null, null, List.of());
  }

  /** Byte-level BPE (GPT-2 split and alphabet) with the 256 byte tokens only, no merges: one token per byte. */
  static Tokenizer bytes() {
    Object2IntOpenHashMap<String> vocab = new Object2IntOpenHashMap<>();
    for (int b = 0; b < 256; b++) vocab.put(String.valueOf(ByteLevelAlphabet.charOf(b)), b);
    return new Pipeline(null, new ByteLevel(false, true, true), new BpeModel(vocab, List.of(), BpeOptions.BYTE_LEVEL), null, ByteLevelDecoder.INSTANCE, List.of());
  }

  /**
   * BPE over the whole text (no pre-tokenizer) with single-character tokens {@code letters} (ids 0..)
   * and the 256 {@code <0xNN>} byte-fallback tokens after them, no merges, no unknown token; decoded
   * as Llama's files decode (byte fallback, then fuse).
   */
  static Tokenizer lettersWithByteFallback(String letters) {
    Object2IntOpenHashMap<String> vocab = new Object2IntOpenHashMap<>();
    letters.codePoints().forEach(cp -> vocab.put(Character.toString(cp), vocab.size()));
    for (int b = 0; b < 256; b++) vocab.put(String.format("<0x%02X>", b), vocab.size());
    BpeOptions options = new BpeOptions(null, null, null, false, true, false);
    Decoder decoder = new DecoderSequence(List.of(ByteFallbackDecoder.INSTANCE, FuseDecoder.INSTANCE));
    return new Pipeline(null, null, new BpeModel(vocab, List.of(), options), null, decoder, List.of());
  }
}
